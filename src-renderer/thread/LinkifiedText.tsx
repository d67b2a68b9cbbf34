// Message text as React text nodes, with web addresses as links that leave the app. Never
// HTML: whatever the body holds stays inert text.
import { memo, useMemo } from 'react';
import { splitLinks } from '../lib/linkify';
import { useClient } from '../app/client-context';

export const LinkifiedText = memo(function LinkifiedText({ text }: { text: string }) {
  const client = useClient();
  const parts = useMemo(() => splitLinks(text), [text]);
  return (
    <>
      {parts.map((part, i) =>
        part.kind === 'text' ? (
          part.text
        ) : (
          <a
            key={i}
            href={part.href}
            target="_blank"
            rel="noopener noreferrer"
            className="message__link"
            onClick={(event) => {
              // In Electron the system browser opens it; a browser tab handles target=_blank itself.
              if (client.kind === 'ipc') {
                event.preventDefault();
                client.openExternal(part.href);
              }
            }}
          >
            {part.text}
          </a>
        ),
      )}
    </>
  );
});
