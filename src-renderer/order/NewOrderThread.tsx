// Starts a new Mirakl thread on an order (OR43): when the current thread is closed, or a
// new subject deserves its own conversation. Opens the new conversation once Mirakl has it.
import { useId, useState } from 'react';
import { BODY_MAX, BODY_MIN } from '../../src-shared/contract';
import { Dialog } from '../common/Dialog';
import { errorText } from '../common/error-text';
import { useClient } from '../app/client-context';

export interface NewOrderThreadProps {
  orderId: string;
  accountId: number;
  customerName: string | null;
  onCreated: (conversationId: number) => void;
}

/** The order panel's button and its dialog. */
export function NewOrderThread(props: NewOrderThreadProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button--small" onClick={() => setOpen(true)}>
        New thread on this order
      </button>
      <NewOrderThreadDialog {...props} open={open} onClose={() => setOpen(false)} />
    </>
  );
}

/** The dialog alone, for whatever opens it (the order panel, a reply refused because its thread is closed). */
export function NewOrderThreadDialog({ orderId, accountId, customerName, onCreated, open, onClose }: NewOrderThreadProps & { open: boolean; onClose: () => void }) {
  const client = useClient();
  const id = useId();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [to, setTo] = useState<'customer' | 'operator'>(customerName ? 'customer' : 'operator');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const valid = subject.trim().length > 0 && body.trim().length >= BODY_MIN && body.length <= BODY_MAX;

  const submit = async () => {
    if (!valid || sending) return;
    setSending(true);
    setError(null);
    try {
      const created = await client.call('startThread', { orderId, accountId, subject: subject.trim(), body, to: [to] });
      onClose();
      setSubject('');
      setBody('');
      onCreated(created.conversation.id);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <Dialog
      open={open}
      title={`New thread on order ${orderId}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button--primary" disabled={!valid || sending} onClick={() => void submit()}>
            {sending ? 'Sending…' : 'Start thread'}
          </button>
        </>
      }
    >
      <form
        className="new-thread"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <fieldset className="field">
          <legend>To</legend>
          <label>
            <input type="radio" name={`${id}-to`} checked={to === 'customer'} disabled={!customerName} onChange={() => setTo('customer')} /> Customer
            {customerName ? ` · ${customerName}` : ''}
          </label>{' '}
          <label>
            <input type="radio" name={`${id}-to`} checked={to === 'operator'} onChange={() => setTo('operator')} /> Operator
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-subject`}>Subject</label>
          <input id={`${id}-subject`} value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)} autoFocus />
        </div>
        <div className="field">
          <label htmlFor={`${id}-body`}>Message</label>
          <textarea
            id={`${id}-body`}
            rows={6}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void submit();
              }
            }}
          />
        </div>
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
