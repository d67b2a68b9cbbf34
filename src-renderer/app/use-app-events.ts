// Live events from the backend, delivered to the latest handler without resubscribing on
// every render.
import { useEffect, useRef } from 'react';
import type { AppEvent } from '../../src-shared/contract';
import { useClient } from './client-context';

export function useAppEvents(handler: (event: AppEvent) => void): void {
  const client = useClient();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => client.subscribe((event) => latest.current(event)), [client]);
}
