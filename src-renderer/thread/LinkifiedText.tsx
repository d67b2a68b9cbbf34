// Message text as React text nodes, with web addresses as links that leave the app. Never
// HTML: whatever the body holds stays inert text.
import { memo, useMemo } from 'react';
import { splitLinks } from '../lib/linkify';
import { ExternalLink } from '../common/ExternalLink';

export const LinkifiedText = memo(function LinkifiedText({ text }: { text: string }) {
  const parts = useMemo(() => splitLinks(text), [text]);
  return (
    <>
      {parts.map((part, i) =>
        part.kind === 'text' ? (
          part.text
        ) : (
          <ExternalLink key={i} href={part.href} className="message__link">
            {part.text}
          </ExternalLink>
        ),
      )}
    </>
  );
});
