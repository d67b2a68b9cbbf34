// An attachment: name and size; a click downloads it (browser) or opens it (Electron).
import { useState } from 'react';
import type { Attachment } from '../../src-shared/contract';
import { Icon } from '../common/Icon';
import { Spinner } from '../common/Spinner';
import { errorText } from '../common/error-text';
import { humanSize } from '../../src-shared/human-size';
import { useClient } from '../app/client-context';

export function AttachmentChip({ attachment }: { attachment: Attachment }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const verb = client.kind === 'ipc' ? 'Open' : 'Download';
  return (
    <span className="attachment">
      <button
        type="button"
        className="attachment__button"
        aria-label={`${verb} ${attachment.name}, ${humanSize(attachment.size)}`}
        title={`${verb} ${attachment.name}`}
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError(null);
          client.openAttachment(attachment).then(
            () => setBusy(false),
            (e: unknown) => {
              setBusy(false);
              setError(errorText(e));
            },
          );
        }}
      >
        {busy ? <Spinner label={`Downloading ${attachment.name}`} size={12} /> : <Icon name="paperclip" size={14} />}
        <span className="attachment__name">{attachment.name}</span>
        <span className="attachment__size">{humanSize(attachment.size)}</span>
        <Icon name="download" size={13} className="attachment__action" />
      </button>
      {error && (
        <span className="attachment__error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
