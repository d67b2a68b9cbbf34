// A link that leaves the app: the system browser in Electron, a new tab in a browser.
import type { ReactNode } from 'react';
import { useClient } from '../app/client-context';

export function ExternalLink({ href, className, children }: { href: string; className?: string; children: ReactNode }) {
  const client = useClient();
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      className={className}
      onClick={(event) => {
        // In Electron the system browser opens it; a browser tab handles target=_blank itself.
        if (client.kind === 'ipc') {
          event.preventDefault();
          client.openExternal(href);
        }
      }}
    >
      {children}
    </a>
  );
}
