// UI bench (issue 4): the web UI in Chromium against a store of 100,000 conversations
// (1,000,000 messages; the API bench's cached store), each figure beside a baseline
// measured in the same run, in the same page:
//   first rows      page load → first conversation rows painted   | baseline: fetch() + JSON of the same first page
//   open thread     click → a 1,000-message thread painted         | baseline: fetch() + JSON of the same thread
//   list scrolling  frames > 20 ms over ~2 s of programmatic scroll | baseline: the same count with the page idle
//   cockpit         click → the response-time cockpit's charts painted | baseline: fetch() + JSON of its period's figures
// Targets: first rows < 500 ms, open thread < 100 ms, cockpit < 300 ms. Nothing here passes or fails a build.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startBenchServer } from './bench-server';
import { benchData } from './api-bench-data';
import { ensureRendererBuilt, RENDERER_DIST } from '../../src-main/electron/build/renderer-build';
import { launchBrowser } from '../e2e/fixtures/browser';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CACHE_DIR = path.resolve(HERE, '../../.cache/bench');
const RUNS = Number(process.env.BENCH_UI_RUNS ?? 7);
const SCROLL_MS = 2_000;
const SLOW_FRAME_MS = 20;

export interface UiBenchRow {
  measure: string;
  ui: number;
  baseline: number;
  unit: 'ms' | 'frames';
  target: string;
  pass: boolean | null;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** performance.now() when the first element matching `selector` has been painted. */
const PAINTED = `(selector) => new Promise((resolve) => {
  const done = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
  if (document.querySelector(selector)) return done();
  const observer = new MutationObserver(() => {
    if (!document.querySelector(selector)) return;
    observer.disconnect();
    done();
  });
  observer.observe(document, { childList: true, subtree: true });
})`;

/**
 * Counts requestAnimationFrame intervals over slowMs during durationMs, scrolling the list
 * by 60 px a frame or not. A string (not a function) because tsx would add helpers the page lacks.
 */
const SLOW_FRAMES = `({ scroll, durationMs, slowMs }) => new Promise((resolve) => {
  const list = document.getElementById('conversation-list');
  const startTop = list.scrollTop;
  let last = performance.now();
  let end = 0;
  let slow = 0;
  let frames = 0;
  const frame = (now) => {
    if (now - last > slowMs) slow++;
    frames++;
    last = now;
    if (scroll) list.scrollTop += 60;
    if (now < end) requestAnimationFrame(frame);
    else resolve({ slow, frames, scrolledPx: list.scrollTop - startTop });
  };
  requestAnimationFrame((now) => {
    last = now;
    end = now + durationMs;
    requestAnimationFrame(frame);
  });
})`;

async function fetchTime(page: Page, url: string): Promise<number> {
  return page.evaluate(async (target) => {
    const started = performance.now();
    const response = await fetch(target, { credentials: 'same-origin', cache: 'no-store' });
    await response.json();
    return performance.now() - started;
  }, url);
}

export async function runUiBench(): Promise<UiBenchRow[]> {
  await ensureRendererBuilt();
  const data = await benchData(CACHE_DIR);
  console.log(`ui bench: ${data.conversations.toLocaleString('en')} conversations, ${data.messages.toLocaleString('en')} messages (${data.cached ? 'cached store' : 'store generated'})`);
  // The service's clock at the data's end, so the cockpit's periods hold the bench's waits.
  const bench = await startBenchServer(data.file, CACHE_DIR, RENDERER_DIST, () => data.now);
  const { service, url, token } = bench;
  const browser = await launchBrowser();
  const rows: UiBenchRow[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    // The bench store is shared and cached: opening the long thread must not mark it read.
    await context.route('**/api/conversations/*/read', (route) => route.abort());
    const login = await context.newPage();
    await login.goto(`${url}?token=${token}`);
    await login.waitForSelector('[role="option"]');
    await login.close();

    // 1. Page load → first rows (assets cached, as in Electron loading from disk).
    const firstRows: number[] = [];
    const firstPageFetch: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const page = await context.newPage();
      await page.addInitScript(() => localStorage.clear());
      await page.goto(url, { waitUntil: 'commit' });
      firstRows.push((await page.evaluate(`(${PAINTED})('[role="option"]')`)) as number);
      firstPageFetch.push(await fetchTime(page, '/api/conversations?limit=50'));
      await page.close();
    }
    rows.push({ measure: 'page load → first rows', ui: median(firstRows), baseline: median(firstPageFetch), unit: 'ms', target: '< 500 ms', pass: median(firstRows) < 500 });

    // 2. Opening the 1,000-message conversation (found by its order id).
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('[role="option"]');
    const orderId = (await service.api.getConversation({ id: data.longThreadId })).conversation.orderId ?? '';
    const search = page.getByRole('searchbox', { name: 'Search conversations' });
    const openTimes: number[] = [];
    const threadFetch: number[] = [];
    const searchHits = (await service.api.listConversations({ q: data.rareTerm, limit: 5, sort: 'recent' })).items.map((c) => c.id);
    for (let run = 0; run < RUNS; run++) {
      // Away first (another conversation), so each run opens the thread afresh.
      await search.fill(data.rareTerm);
      // A row of the search's own results (the list shows the unsearched rows until they land).
      const otherId = searchHits.find((id) => id !== data.longThreadId);
      await page.locator(`[role="option"][data-conversation-id="${otherId}"]`).click();
      await page.waitForSelector(`section.thread[data-conversation-id="${otherId}"] [data-message-id]`);
      await search.fill(orderId);
      await page.waitForSelector(`[role="option"][data-conversation-id="${data.longThreadId}"]`);
      const elapsed = await page.evaluate(
        async ({ id, painted }) => {
          const waitPainted = new Function(`return ${painted}`)() as (selector: string) => Promise<number>;
          const row = document.querySelector<HTMLElement>(`[role="option"][data-conversation-id="${id}"]`)!;
          const started = performance.now();
          row.click();
          const paintedAt = await waitPainted(`section.thread[data-conversation-id="${id}"] [data-message-id]`);
          return paintedAt - started;
        },
        { id: data.longThreadId, painted: PAINTED },
      );
      openTimes.push(elapsed);
      threadFetch.push(await fetchTime(page, `/api/conversations/${data.longThreadId}`));
    }
    const rendered = await page.locator('section.thread [data-message-id]').count();
    // The newest 40 are painted first (what is timed); earlier ones follow in idle time and on scroll.
    rows.push({ measure: `open a 1,000-message thread (${rendered} in DOM once idle)`, ui: median(openTimes), baseline: median(threadFetch), unit: 'ms', target: '< 100 ms', pass: median(openTimes) < 100 });

    // 3. Scrolling the list: frames longer than 20 ms, scrolling vs idle.
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('');
    await page.waitForFunction(() => document.querySelectorAll('[role="option"]').length > 5);
    const countSlowFrames = (scroll: boolean) =>
      page.evaluate(`(${SLOW_FRAMES})(${JSON.stringify({ scroll, durationMs: SCROLL_MS, slowMs: SLOW_FRAME_MS })})`) as Promise<{ slow: number; frames: number; scrolledPx: number }>;
    const idle = await countSlowFrames(false);
    const scrolling = await countSlowFrames(true);
    const domRows = await page.locator('[role="option"]').count();
    rows.push({
      measure: `scroll list ${SCROLL_MS / 1000} s (${scrolling.frames} frames, ${Math.round(scrolling.scrolledPx).toLocaleString('en')} px, ${domRows} rows in DOM)`,
      ui: scrolling.slow,
      baseline: idle.slow,
      unit: 'frames',
      target: `frames > ${SLOW_FRAME_MS} ms`,
      pass: null,
    });
    await page.close();

    // 4. Opening the response-time cockpit (issue 11): its default view, every marketplace over
    //    30 days with each one's scoring window, charts painted. The page's clock is the data's end.
    const cockpitPage = await context.newPage();
    await cockpitPage.clock.setFixedTime(data.now);
    await cockpitPage.goto(url);
    await cockpitPage.waitForSelector('[role="option"]');
    const entry = cockpitPage.getByRole('button', { name: 'Response times' });
    const cockpitTimes: number[] = [];
    const cockpitFetch: number[] = [];
    const first = new Date(data.now - 29 * 86_400_000);
    const day = `${first.getFullYear()}-${String(first.getMonth() + 1).padStart(2, '0')}-${String(first.getDate()).padStart(2, '0')}`;
    const statsUrl = `/api/stats/response-times?${new URLSearchParams({ from: day, to: new Date(data.now).toISOString(), tz: await cockpitPage.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone) })}`;
    for (let run = 0; run < RUNS + 1; run++) {
      const elapsed = await cockpitPage.evaluate(async (painted) => {
        const waitPainted = new Function(`return ${painted}`)() as (selector: string) => Promise<number>;
        const button = [...document.querySelectorAll<HTMLButtonElement>('button.sidebar-entry')][0]!;
        const started = performance.now();
        button.click();
        return (await waitPainted('.cockpit .chart-link rect.chart-part')) - started;
      }, PAINTED);
      // The first opening also loads the cockpit's code (its own chunk); the median is of later ones.
      if (run > 0) cockpitTimes.push(elapsed);
      cockpitFetch.push(await fetchTime(cockpitPage, statsUrl));
      await entry.click();
      await cockpitPage.waitForSelector('.cockpit', { state: 'detached' });
    }
    rows.push({ measure: 'open the response-time cockpit (30 days, 3 marketplaces, charts painted)', ui: median(cockpitTimes), baseline: median(cockpitFetch), unit: 'ms', target: '< 300 ms', pass: median(cockpitTimes) < 300 });
    await cockpitPage.close();
    await context.close();
  } finally {
    await browser.close();
    await bench.close();
  }
  printTable(rows);
  return rows;
}

function printTable(rows: readonly UiBenchRow[]): void {
  const value = (n: number, unit: UiBenchRow['unit']) => (unit === 'ms' ? `${n.toFixed(1)} ms` : `${n} frames`);
  const header = ['measure', 'UI', 'baseline', 'target', 'ok'];
  const lines = rows.map((r) => [r.measure, value(r.ui, r.unit), value(r.baseline, r.unit), r.target, r.pass === null ? '—' : r.pass ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(format(l));
  console.log(`(median of ${RUNS} runs; baselines: the same data fetched alone with fetch() in the page, and slow frames with the page idle)`);
}

// `npx tsx tests/bench/ui-bench.ts` runs it alone.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runUiBench().catch((error: Error) => {
    console.error(error.stack);
    process.exitCode = 1;
  });
}
