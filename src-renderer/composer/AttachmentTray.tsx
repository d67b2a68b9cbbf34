// The files going with the reply, under the text: each as a chip to remove, the button to
// attach more (the desktop's own picker, or the browser's), and the order's invoice when
// the conversation asks for one.
import { useRef } from 'react';
import type { OrderDocument } from '../../src-shared/contract';
import { humanSize } from '../../src-shared/human-size';
import { Icon } from '../common/Icon';
import { Spinner } from '../common/Spinner';
import { errorText } from '../common/error-text';
import { useClient } from '../app/client-context';
import type { ReplyAttachments } from './use-reply-attachments';

export function AttachmentTray({ attachments, suggestion, onError }: {
  attachments: ReplyAttachments;
  /** The order's invoice, offered when the conversation asks for one. */
  suggestion: OrderDocument | null;
  onError: (message: string) => void;
}) {
  const client = useClient();
  const input = useRef<HTMLInputElement>(null);
  const offered = suggestion && !attachments.items.some((a) => a.kind === 'document' && a.documentId === suggestion.id) ? suggestion : null;

  const pick = () => {
    if (!client.pickFiles) {
      input.current?.click();
      return;
    }
    client.pickFiles().then(
      (uploads) => attachments.addUploads(uploads),
      (error: unknown) => onError(errorText(error)),
    );
  };

  return (
    <div className="attachment-tray">
      <button type="button" className="icon-button" aria-label="Attach files" title="Attach files (or drop them here, or paste an image)" onClick={pick}>
        <Icon name="paperclip" />
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          attachments.addFiles([...(event.target.files ?? [])]);
          event.target.value = '';
        }}
      />
      {attachments.items.length > 0 && (
        <ul className="attachment-tray__list" aria-label="Files to send">
          {attachments.items.map((a) => (
            <li key={a.key} className="attachment-tray__item" data-testid="reply-attachment">
              {a.kind === 'upload' && a.state === 'uploading' ? <Spinner size={12} label={`Uploading ${a.name}`} /> : <Icon name={a.kind === 'document' ? 'box' : 'paperclip'} size={13} />}
              <span className="attachment-tray__name" title={a.name}>
                {a.name}
              </span>
              {a.size !== null && <span className="attachment-tray__size">{humanSize(a.size)}</span>}
              <button type="button" className="icon-button icon-button--small" aria-label={`Remove ${a.name}`} onClick={() => attachments.remove(a.key)}>
                <Icon name="close" size={12} />
              </button>
            </li>
          ))}
        </ul>
      )}
      {offered && (
        <button type="button" className="button button--small attachment-tray__suggestion" onClick={() => attachments.addDocument(offered)}>
          <Icon name="plus" size={13} />
          Attach the invoice <span className="attachment-tray__name">{offered.name}</span>
        </button>
      )}
      {attachments.error && (
        <span className="attachment-tray__error" role="alert">
          {attachments.error}
        </span>
      )}
    </div>
  );
}
