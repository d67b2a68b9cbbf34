// The open order's documents (OR72 through the service, the stored list when Mirakl cannot
// be reached), loaded when the conversation opens so the invoice can be suggested.
import { useCallback, useEffect, useState } from 'react';
import type { OrderDocument } from '../../src-shared/contract';
import { errorText } from '../common/error-text';
import { useClient } from './client-context';

export interface OrderDocumentsState {
  items: readonly OrderDocument[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** Why the list is not fresh from Mirakl (or could not be read at all). */
  error: string | null;
  reload(): void;
}

export function useOrderDocuments(orderId: string | null, accountId: number | null): OrderDocumentsState {
  const client = useClient();
  const [state, setState] = useState<Omit<OrderDocumentsState, 'reload'>>({ items: [], status: 'idle', error: null });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (orderId === null || accountId === null) {
      setState({ items: [], status: 'idle', error: null });
      return;
    }
    let current = true;
    setState((s) => ({ ...s, status: 'loading' }));
    client.call('listOrderDocuments', { orderId, accountId }).then(
      (answer) => current && setState({ items: answer.items, status: 'ready', error: answer.error }),
      (error: unknown) => current && setState({ items: [], status: 'error', error: errorText(error) }),
    );
    return () => {
      current = false;
    };
  }, [client, orderId, accountId, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, reload };
}
