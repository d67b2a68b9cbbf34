// To: Customer / Operator.
import { useId } from 'react';
import type { Recipient } from '../lib/message-role';

export function RecipientChoice({ value, onChange, customerName, customerAvailable }: {
  value: Recipient;
  onChange: (to: Recipient) => void;
  customerName: string | null;
  customerAvailable: boolean;
}) {
  const name = useId();
  return (
    <fieldset className="recipients">
      <legend className="recipients__legend">To</legend>
      <label className={value === 'customer' ? 'recipient recipient--checked' : 'recipient'}>
        <input type="radio" name={name} value="customer" checked={value === 'customer'} disabled={!customerAvailable} onChange={() => onChange('customer')} />
        <span>Customer{customerName ? ` · ${customerName}` : ''}</span>
      </label>
      <label className={value === 'operator' ? 'recipient recipient--checked recipient--operator' : 'recipient'}>
        <input type="radio" name={name} value="operator" checked={value === 'operator'} onChange={() => onChange('operator')} />
        <span>Operator</span>
      </label>
    </fieldset>
  );
}
