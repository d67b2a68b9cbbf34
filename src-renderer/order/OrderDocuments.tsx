// The order's documents in the order panel: invoices, delivery bills… Each opens (the
// desktop) or downloads (a browser) from the local cache once fetched, and goes with the
// reply in one click.
import { useState } from 'react';
import type { OrderDocument } from '../../src-shared/contract';
import { humanSize } from '../../src-shared/human-size';
import { Icon } from '../common/Icon';
import { Spinner } from '../common/Spinner';
import { errorText } from '../common/error-text';
import { useClient } from '../app/client-context';
import type { OrderDocumentsState } from '../app/use-order-documents';
import { documentTypeLabel } from '../lib/invoice-suggestion';
import { formatFullDate } from '../lib/relative-time';

export function OrderDocuments({ documents, onAttach, attachedIds }: {
  documents: OrderDocumentsState;
  onAttach: (document: OrderDocument) => void;
  attachedIds: readonly number[];
}) {
  return (
    <section className="order-section order-documents" aria-label="Documents">
      <h3>Documents</h3>
      {documents.status === 'loading' && documents.items.length === 0 && (
        <p className="order-documents__note">
          <Spinner size={12} label="Loading the order's documents" /> Asking Mirakl…
        </p>
      )}
      {documents.status === 'error' && (
        <p className="order-documents__note order-documents__note--error">
          {documents.error}{' '}
          <button type="button" className="link-button" onClick={documents.reload}>
            Try again
          </button>
        </p>
      )}
      {documents.status === 'ready' && documents.error && (
        <p className="order-documents__note">Mirakl cannot be reached: the list below is the one saved before.</p>
      )}
      {documents.status === 'ready' && documents.items.length === 0 && <p className="order-documents__note">Mirakl keeps no document for this order.</p>}
      {documents.items.length > 0 && (
        <ul className="order-documents__list">
          {documents.items.map((document) => (
            <DocumentRow key={document.id} document={document} attached={attachedIds.includes(document.id)} onAttach={() => onAttach(document)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function DocumentRow({ document, attached, onAttach }: { document: OrderDocument; attached: boolean; onAttach: () => void }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const verb = client.kind === 'ipc' ? 'Open' : 'Download';
  return (
    <li className="order-document" data-testid="order-document">
      <button
        type="button"
        className="order-document__open"
        title={`${verb} ${document.name}`}
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError(null);
          client.openOrderDocument(document).then(
            () => setBusy(false),
            (e: unknown) => {
              setBusy(false);
              setError(errorText(e));
            },
          );
        }}
      >
        {busy ? <Spinner size={12} label={`Downloading ${document.name}`} /> : <Icon name="download" size={14} />}
        <span className="order-document__text">
          <span className="order-document__type">{documentTypeLabel(document.type)}</span>
          <span className="order-document__name">{document.name}</span>
          <span className="order-document__meta">
            {[document.size !== null ? humanSize(document.size) : null, document.uploadedAt ? formatFullDate(document.uploadedAt) : null].filter(Boolean).join(' · ')}
          </span>
        </span>
      </button>
      <button type="button" className="button button--small" disabled={attached} onClick={onAttach} aria-label={attached ? `${document.name} is attached to the reply` : `Attach ${document.name} to the reply`}>
        {attached ? 'Attached' : 'Attach'}
      </button>
      {error && (
        <span className="order-document__error" role="alert">
          {error}
        </span>
      )}
    </li>
  );
}
