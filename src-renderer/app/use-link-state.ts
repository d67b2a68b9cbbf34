// The live link's state, and a callback each time it comes back after a drop (events were
// missed meanwhile, so what is on screen must be fetched again).
import { useEffect, useRef, useState } from 'react';
import type { LinkState } from '../lib/sync-summary';
import { useClient } from './client-context';

export function useLinkState(onReconnected: () => void): LinkState {
  const client = useClient();
  const [state, setState] = useState<LinkState>(() => client.linkState());
  const latest = useRef(onReconnected);
  latest.current = onReconnected;
  useEffect(() => {
    let previous = client.linkState();
    let wasLive = previous === 'live';
    setState(previous);
    return client.onLinkState((next) => {
      setState(next);
      if (next === 'live' && previous !== 'live' && wasLive) latest.current();
      if (next === 'live') wasLive = true;
      previous = next;
    });
  }, [client]);
  return state;
}
