// One marketplace's conversations, or all of them, with how many each holds: shown once
// the seller sells on more than one marketplace.
import { useId } from 'react';
import type { Connection, ConversationCounts } from '../../src-shared/contract';

export function MarketplaceFilter({ connections, counts, value, onChange }: {
  connections: readonly Connection[];
  counts: ConversationCounts | null;
  value: number | null;
  onChange: (accountId: number | null) => void;
}) {
  const id = useId();
  if (connections.length < 2) return null;
  const countOf = (accountId: number) => counts?.accounts.find((a) => a.accountId === accountId)?.all;
  const label = (name: string, count: number | undefined) => (count === undefined ? name : `${name} (${count.toLocaleString('en')})`);
  return (
    <div className="marketplace-filter">
      <label htmlFor={id}>Marketplace</label>
      <select id={id} value={value ?? ''} onChange={(event) => onChange(event.target.value === '' ? null : Number(event.target.value))} data-testid="marketplace-filter">
        <option value="">{label('All marketplaces', counts?.all)}</option>
        {connections.map((c) => (
          <option key={c.id} value={c.id}>
            {label(c.name, countOf(c.id))}
          </option>
        ))}
      </select>
    </div>
  );
}
