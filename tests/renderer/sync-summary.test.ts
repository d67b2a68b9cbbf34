import { expect, test } from 'vitest';
import type { SyncStatus } from '../../src-shared/sync-status';
import { summarizeSync, withStatus } from '../../src-renderer/lib/sync-summary';

const now = new Date('2026-10-19T17:00:00Z');
const base: SyncStatus = { accountId: 1, state: 'idle', progress: null, lastSuccessAt: '2026-10-19T16:57:00Z', lastError: null, nextRunAt: null, stuckThreads: [] };

test('synced N minutes ago', () => {
  expect(summarizeSync([base], 'live', now)).toMatchObject({ tone: 'ok', label: 'Synced 3 min ago' });
  expect(summarizeSync([{ ...base, lastSuccessAt: '2026-10-19T16:59:50Z' }], 'live', now).label).toBe('Synced just now');
});

test('syncing shows progress', () => {
  const running = { ...base, state: 'running' as const, progress: { pages: 2, threads: 120, newMessages: 3 } };
  expect(summarizeSync([running], 'live', now)).toMatchObject({ tone: 'busy', label: 'Syncing…', detail: '120 conversations checked · 3 new messages' });
});

test('offline keeps local data readable; an error says why and offers a retry', () => {
  const offline = { ...base, lastError: { message: 'connect ECONNREFUSED', at: '2026-10-19T16:59:00Z', offline: true } };
  expect(summarizeSync([offline], 'live', now)).toMatchObject({ tone: 'offline', label: 'Offline · showing local data', canRetry: true });
  const failed = { ...base, lastError: { message: 'Mirakl refused the API key (401)', at: '2026-10-19T16:59:00Z', offline: false } };
  const summary = summarizeSync([failed], 'live', now);
  expect(summary).toMatchObject({ tone: 'error', label: 'Sync failed', canRetry: true });
  expect(summary.detail).toContain('Mirakl refused the API key (401)');
  // A new pass after a failure does not hide it.
  expect(summarizeSync([{ ...failed, state: 'running' }], 'live', now)).toMatchObject({ tone: 'error', canRetry: false });
  // A success after the error clears it.
  expect(summarizeSync([{ ...failed, lastSuccessAt: '2026-10-19T16:59:30Z' }], 'live', now).tone).toBe('ok');
});

test('the link to the service itself, no account, and before anything loaded', () => {
  expect(summarizeSync([base], 'reconnecting', now)).toMatchObject({ tone: 'offline', label: 'Reconnecting…' });
  expect(summarizeSync([base], 'offline', now).label).toBe('Inbox service unreachable');
  expect(summarizeSync([], 'live', now).label).toBe('No Mirakl account connected');
  expect(summarizeSync([], 'live', now, false).label).toBe('Connecting…');
});

test('the least recently synced account is the one reported', () => {
  const other = { ...base, accountId: 2, lastSuccessAt: '2026-10-19T16:30:00Z' };
  expect(summarizeSync([base, other], 'live', now).label).toBe('Synced 30 min ago');
  expect(withStatus([base, other], { ...other, state: 'running' })[1]?.state).toBe('running');
  expect(withStatus([base], other)).toHaveLength(2);
});

test('conversations Mirakl sent that could not be read are said in plain words, beside the freshness', () => {
  const stuck = { miraklThreadId: 't-9', reason: 'messages.0.date_created: Invalid ISO datetime', since: '2026-10-19T16:00:00Z' };
  expect(summarizeSync([{ ...base, stuckThreads: [stuck] }], 'live', now)).toMatchObject({
    tone: 'ok',
    label: 'Synced 3 min ago',
    detail: 'One conversation from Mirakl could not be read: tried again at every sync.',
  });
  const other = { ...base, accountId: 2, stuckThreads: [stuck, { ...stuck, miraklThreadId: 't-10' }] };
  expect(summarizeSync([{ ...base, stuckThreads: [stuck] }, other], 'live', now).detail).toBe('3 conversations from Mirakl could not be read: tried again at every sync.');
  expect(summarizeSync([base], 'live', now).detail).toBeNull();
});
