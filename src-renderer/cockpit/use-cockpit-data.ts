// Everything the cockpit shows, for the marketplace(s) and period chosen: the period's
// figures, each marketplace's figures over its own scoring window (what its operator sees),
// and the conversations about to breach. Live: refetched when a message is synced, sent or
// delivered (a quiet moment after the burst), and every minute as open waits age.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BreachingConversation, Connection, ResponseTimes } from '../../src-shared/contract';
import type { ResponseTarget } from '../../src-shared/response-target';
import { useClient } from '../app/client-context';
import { useAppEvents } from '../app/use-app-events';
import { errorText } from '../common/error-text';
import { periodQuery, scoringWindowQuery, type PeriodChoice } from './period';

export interface MarketplaceFigures {
  accountId: number;
  name: string;
  target: ResponseTarget;
  period: ResponseTimes;
  window: ResponseTimes;
}

export interface CockpitData {
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  /** The period's figures for the selection (one marketplace, or all together). */
  period: ResponseTimes | null;
  marketplaces: MarketplaceFigures[];
  breaching: BreachingConversation[];
  /** When the figures were computed. */
  at: Date | null;
}

/** Hours ahead in which a wait passing its target counts as about to breach. */
export const BREACH_WITHIN_HOURS = 4;
const LIVE_SETTLE_MS = 400;
const AGEING_REFRESH_MS = 60_000;

export function useCockpitData(connections: readonly Connection[], accountId: number | null, choice: PeriodChoice, tz: string): CockpitData {
  const client = useClient();
  const [data, setData] = useState<CockpitData>({ status: 'loading', error: null, period: null, marketplaces: [], breaching: [], at: null });
  const generation = useRef(0);
  const names = new Map(connections.map((c) => [c.id, c.name]));
  const namesRef = useRef(names);
  namesRef.current = names;

  const load = useCallback(async () => {
    const current = ++generation.current;
    const now = new Date();
    const query = periodQuery(choice, now, tz);
    if (!query) {
      setData((d) => ({ ...d, status: 'error', error: 'Choose a first day on or before the last day.' }));
      return;
    }
    try {
      const { items: targets } = await client.call('listResponseTargets', {});
      const shown = targets.filter((t) => accountId === null || t.accountId === accountId);
      const scope = accountId === null ? {} : { accountId };
      const [period, breaching, marketplaces] = await Promise.all([
        client.call('getResponseTimes', { ...query, ...scope }),
        client.call('listBreachingConversations', { withinHours: BREACH_WITHIN_HOURS, limit: 50, ...scope }),
        Promise.all(
          shown.map(async (t) => {
            const [ownPeriod, window] = await Promise.all([
              accountId === null ? client.call('getResponseTimes', { ...query, accountId: t.accountId }) : null,
              client.call('getResponseTimes', { ...scoringWindowQuery(t.target.scoringWindowDays, now, tz), accountId: t.accountId }),
            ]);
            return { accountId: t.accountId, target: t.target, window, ownPeriod };
          }),
        ),
      ]);
      if (current !== generation.current) return;
      setData({
        status: 'ready',
        error: null,
        period,
        marketplaces: marketplaces.map((m) => ({
          accountId: m.accountId,
          name: namesRef.current.get(m.accountId) ?? `Connection ${m.accountId}`,
          target: m.target,
          period: m.ownPeriod ?? period,
          window: m.window,
        })),
        breaching: breaching.items,
        at: now,
      });
    } catch (error) {
      if (current !== generation.current) return;
      setData((d) => ({ ...d, status: d.period ? 'ready' : 'error', error: errorText(error) }));
    }
  }, [client, accountId, choice, tz]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), AGEING_REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  // A burst of events (a sync page) refetches once, after it settles.
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (pending.current) clearTimeout(pending.current);
  }, []);
  useAppEvents((event) => {
    if (event.type !== 'message.upserted' && event.type !== 'message.deleted' && event.type !== 'conversation.upserted') return;
    if (pending.current) clearTimeout(pending.current);
    pending.current = setTimeout(() => {
      pending.current = null;
      void load();
    }, LIVE_SETTLE_MS);
  });

  // Names follow the connections (renamed in Settings) without a refetch.
  const named = data.marketplaces.map((m) => ({ ...m, name: names.get(m.accountId) ?? m.name }));
  return { ...data, marketplaces: named };
}
