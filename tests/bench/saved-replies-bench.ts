// Saved replies, measured where a technician feels them: filling one in for a conversation,
// and the `/` picker over 500 of them (indexing the list, ranking it for what was typed, the
// preview of the first match). The baseline, in the same run, is the least work the same
// answer could take: a plain substring filter of the names and a string replace of the body.
// Logic only (Node, no DOM): the React render of the ≤ 50 rows shown is not counted.
import { performance } from 'node:perf_hooks';
import { renderTemplate, type ReplyContext } from '../../src-shared/saved-reply-template';
import type { SavedReply } from '../../src-shared/contract';
import { SavedReplyIndex } from '../../src-renderer/saved-replies/picker-ranking';
import { DEMO_SAVED_REPLIES } from '../../src-main/service/demo-saved-replies';

const COUNT = 500;
const RUNS = 400;
const FRAME_MS = 16;

const context: ReplyContext = {
  customer: { firstName: 'Søren', lastName: 'Tanaka', name: 'Søren Tanaka' },
  order: {
    id: '20000037-A',
    commercialId: '20000037',
    createdAt: '2025-03-12T10:15:00Z',
    state: 'SHIPPED',
    carrier: 'Colissimo',
    trackingNumber: '6A123',
    trackingUrl: 'https://track.example/6A123',
    lineTitles: ['Lampe de bureau', 'Abat-jour'],
  },
  marketplaceName: 'Carrefour',
  shopName: 'Maison Lumière',
  signature: 'Tom',
};

function replies(): SavedReply[] {
  return Array.from({ length: COUNT }, (_, i) => {
    const base = DEMO_SAVED_REPLIES[i % DEMO_SAVED_REPLIES.length]!;
    return { id: i + 1, name: `${base.name} ${i}`, body: base.body, language: base.language, accountId: null, position: i, createdAt: '', updatedAt: '' };
  });
}

function percentiles(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(3));
  return { p50: at(0.5), p99: at(0.99) };
}

function time(run: () => unknown): { p50: number; p99: number } {
  for (let i = 0; i < 30; i++) run(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return percentiles(samples);
}

export async function runSavedRepliesBench() {
  const list = replies();
  const body = list[0]!.body;
  const values: Record<string, string> = { 'customer.firstName': 'Søren', 'order.commercialId': '20000037', 'order.date': '12 mars 2025', 'order.carrier': 'Colissimo', 'order.trackingNumber': '6A123', 'order.trackingUrl': 'https://track.example/6A123', signature: 'Tom', 'shop.name': 'Maison Lumière' };

  const render = time(() => renderTemplate(body, context, 'fr'));
  const renderBaseline = time(() => body.replace(/\{\{([^{}]*)\}\}/g, (_, name: string) => values[name.trim()] ?? ''));
  const open = time(() => {
    const index = new SavedReplyIndex(list);
    const ranked = index.rank('', { accountId: 1, language: 'fr' });
    renderTemplate(ranked[0]!.reply.body, context, 'fr');
  });
  const index = new SavedReplyIndex(list);
  const typed = time(() => {
    const ranked = index.rank('whr prcl', { accountId: 1, language: 'fr' });
    if (ranked[0]) renderTemplate(ranked[0].reply.body, context, 'fr');
  });
  const typedBaseline = time(() => list.filter((r) => r.name.toLowerCase().includes('where')).slice(0, 50));

  const rows = [
    ['render one saved reply', render, renderBaseline],
    [`open the picker over ${COUNT} (index + rank + preview)`, open, typedBaseline],
    [`type "whr prcl" in the picker over ${COUNT} (rank + preview)`, typed, typedBaseline],
  ] as const;
  console.log(`\nSaved replies (${COUNT}), p50 / p99 in ms, ${RUNS} runs each; target: under one frame (${FRAME_MS} ms)`);
  for (const [what, measured, baseline] of rows) {
    const within = measured.p99 < FRAME_MS ? '✓' : '✗';
    console.log(`  ${what.padEnd(58)} ${measured.p50} / ${measured.p99}   baseline ${baseline.p50} / ${baseline.p99}   ${within}`);
  }
  return { count: COUNT, runs: RUNS, render, renderBaseline, openPicker: open, typeInPicker: typed, substringBaseline: typedBaseline };
}
