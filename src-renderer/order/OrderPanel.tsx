// The order beside the thread: state, lines, totals, delivery and the customer's contact.
import { Fragment, useState } from 'react';
import type { OrderDocument, OrderSummary } from '../../src-shared/contract';
import type { OrderDocumentsState } from '../app/use-order-documents';
import { OrderDocuments } from './OrderDocuments';
import { ExternalLink } from '../common/ExternalLink';
import { Icon } from '../common/Icon';
import { formatFullDate } from '../lib/relative-time';
import { isWebUrl } from '../lib/linkify';
import { emailBreakPieces, humanState, money, stateTone } from './format-order';
import { NewOrderThread } from './NewOrderThread';

export function OrderPanel({ orderId, order, accountId, customerName, onClose, onOpenConversation, documents, onAttach, attachedDocumentIds }: {
  orderId: string;
  order: OrderSummary | null;
  accountId: number;
  customerName: string | null;
  onClose: () => void;
  onOpenConversation: (conversationId: number) => void;
  documents: OrderDocumentsState;
  /** Attaches a document to the reply being written. */
  onAttach: (document: OrderDocument) => void;
  attachedDocumentIds: readonly number[];
}) {
  return (
    <aside className="order-panel" aria-labelledby="order-panel-title" id="order-panel">
      <header className="order-panel__header">
        <h2 id="order-panel-title">
          <Icon name="box" size={16} /> Order <span className="order-panel__id">{orderId}</span>
        </h2>
        <button type="button" className="icon-button" aria-label="Close order details" onClick={onClose}>
          <Icon name="close" />
        </button>
      </header>
      {order ? <OrderDetails order={order} /> : <p className="order-panel__missing">The order's details have not been synced from Mirakl yet.</p>}
      <OrderDocuments documents={documents} onAttach={onAttach} attachedIds={attachedDocumentIds} />
      <div className="order-panel__actions">
        <NewOrderThread orderId={orderId} accountId={accountId} customerName={customerName} onCreated={onOpenConversation} />
      </div>
    </aside>
  );
}

function OrderDetails({ order }: { order: OrderSummary }) {
  const linesTotal = order.lines.reduce((sum, line) => sum + (line.total ?? 0), 0);
  return (
    <div className="order-panel__body">
      <div className="order-panel__state">
        <span className={`state-badge state-badge--${stateTone(order.state)}`}>{humanState(order.state)}</span>
        {order.createdAt && <span className="order-panel__date">Ordered {formatFullDate(order.createdAt)}</span>}
      </div>

      <section className="order-section" aria-label="Items">
        <h3>Items</h3>
        <ul className="order-lines">
          {order.lines.map((line) => (
            <li key={line.id} className="order-line">
              <div className="order-line__main">
                <span className="order-line__title">{line.title}</span>
                <span className="order-line__total">{money(line.total, order.currency)}</span>
              </div>
              <div className="order-line__sub">
                <span>
                  {line.quantity} × {money(line.unitPrice, order.currency)}
                </span>
                {line.sku && <span className="order-line__sku">SKU {line.sku}</span>}
                {line.state && line.state !== order.state && <span className="order-line__state">{humanState(line.state)}</span>}
              </div>
            </li>
          ))}
        </ul>
        <dl className="order-totals">
          {order.lines.length > 1 && (
            <>
              <dt>Items</dt>
              <dd>{money(linesTotal, order.currency)}</dd>
            </>
          )}
          <dt>Shipping</dt>
          <dd>{money(order.shippingPrice, order.currency)}</dd>
          <dt className="order-totals__grand">Total</dt>
          <dd className="order-totals__grand">{money(order.totalPrice, order.currency)}</dd>
        </dl>
      </section>

      <section className="order-section" aria-label="Delivery">
        <h3>Delivery</h3>
        <dl className="order-facts">
          <dt>Carrier</dt>
          <dd>{order.carrier ?? 'Not shipped yet'}</dd>
          {order.trackingNumber && (
            <>
              <dt>Tracking</dt>
              <dd>
                {order.trackingUrl && isWebUrl(order.trackingUrl) ? (
                  <ExternalLink href={order.trackingUrl}>
                    {order.trackingNumber} <Icon name="external" size={12} />
                  </ExternalLink>
                ) : (
                  order.trackingNumber
                )}
              </dd>
            </>
          )}
        </dl>
      </section>

      <section className="order-section" aria-label="Customer">
        <h3>Customer</h3>
        <dl className="order-facts">
          <dt>Name</dt>
          <dd>{order.customerName ?? '—'}</dd>
          <dt>E-mail</dt>
          <dd>{order.customerEmail ? <CopyableText text={order.customerEmail} pieces={emailBreakPieces(order.customerEmail)} /> : '—'}</dd>
        </dl>
      </section>
    </div>
  );
}

/** `pieces`: the text cut where it may wrap (it wraps nowhere else; a piece too long for the line ends in "…"). */
function CopyableText({ text, pieces = [text] }: { text: string; pieces?: readonly string[] }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="copyable">
      <span className="copyable__text" title={text}>
        {pieces.map((piece, i) => (
          <Fragment key={i}>
            {i > 0 && <wbr />}
            {piece}
          </Fragment>
        ))}
      </span>
      <button
        type="button"
        className="icon-button icon-button--small"
        aria-label={copied ? 'Copied' : `Copy ${text}`}
        title={copied ? 'Copied' : 'Copy'}
        onClick={() => {
          void navigator.clipboard?.writeText(text).then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1_500);
          });
        }}
      >
        <Icon name={copied ? 'check' : 'copy'} size={13} />
      </button>
    </span>
  );
}
