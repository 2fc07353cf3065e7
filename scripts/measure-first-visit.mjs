// The first visit as an admin on an office link sees it, in headless Chromium against a served
// release build (node scripts/serve-dist.mjs dist 4173, which sends the brotli copies):
//  1. cold first visit (empty cache) at 10 Mbit/s down, 40 ms round trip, median of 5: bytes
//     transferred, navigation -> first widget ready, -> every widget but the chart ready,
//     -> the chart ready, and the layout shift on the way (mock latency 0 and 300 ms);
//  2. a warm visit (everything cached) to every widget ready;
//  3. the gallery's total blocking time (long tasks beyond 50 ms, until every card settled);
//  4. JS heap and DOM nodes over four rounds of 200 global filter changes on `large`;
//  5. HTTP mode with every answer 3 s late (the contract's examples): navigation -> every widget
//     ready on a first visit with dates in the link, and on a second visit without.
// Usage: node scripts/measure-first-visit.mjs [base-url]  (the large filter change, the theme
// switch and the gallery's settle time are in scripts/measure-dashboard.mjs)
import { WIDGETS, launch, median, fmt, allReady } from './lib/measure.mjs';
import { useContractApi, example } from '../tests/e2e/contract-api.mjs';

const base = process.argv[2] ?? 'http://127.0.0.1:4173';
const DASH = `${base}/billing/credit-utilization?mock=default&today=2026-11-27`;
const browser = await launch();

/** Records when each widget first reaches `ready`, and the layout shifts, from the first script on. */
const OBSERVE = () => {
  window.__ready = {};
  window.__cls = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  window.__longTasks = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks += Math.max(0, e.duration - 50);
  }).observe({ type: 'longtask', buffered: true });
  const seen = () => {
    for (const el of document.querySelectorAll('[data-testid^=widget-][data-state=ready]')) {
      window.__ready[el.dataset.testid] ??= performance.now();
    }
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
};

async function visit(context, url, throttle) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (throttle) {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: 1_250_000, uploadThroughput: 625_000 });
  }
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await page.addInitScript(OBSERVE);
  await page.goto(url);
  await page.waitForFunction((ids) => ids.every((id) => window.__ready?.[id]), WIDGETS, { timeout: 60_000, polling: 50 });
  await page.waitForTimeout(300);
  const r = await page.evaluate(() => ({ ready: window.__ready, cls: window.__cls }));
  const times = WIDGETS.map((id) => r.ready[id]);
  const notChart = WIDGETS.filter((id) => id !== 'widget-usage-chart').map((id) => r.ready[id]);
  return { page, bytes, first: Math.min(...times), widgets: Math.max(...notChart), chart: r.ready['widget-usage-chart'], all: Math.max(...times), cls: r.cls };
}

for (const latency of [0, 300]) {
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const v = await visit(context, `${DASH}&latency=${latency}`, true);
    runs.push(v);
    await context.close();
  }
  console.log(`cold first visit, 10 Mbit/s, 40 ms RTT, mock latency ${latency} ms:`);
  console.log(`  transferred               ${(median(runs.map((r) => r.bytes)) / 1024).toFixed(1)} KB`);
  console.log(`  first widget ready        ${fmt(runs.map((r) => r.first))}`);
  console.log(`  all but the chart ready   ${fmt(runs.map((r) => r.widgets))}`);
  console.log(`  the chart ready           ${fmt(runs.map((r) => r.chart))}`);
  console.log(`  layout shift              ${fmt(runs.map((r) => r.cls), '')}`);
}

{
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const first = await visit(context, `${DASH}&latency=0`, true);
  await first.page.close();
  const warm = [];
  for (let i = 0; i < 5; i++) {
    const v = await visit(context, `${DASH}&latency=0`, true);
    warm.push(v);
    await v.page.close();
  }
  console.log(`warm visit (cached), 10 Mbit/s: every widget ready ${fmt(warm.map((r) => r.all))}, transferred ${(median(warm.map((r) => r.bytes)) / 1024).toFixed(1)} KB`);
  await context.close();
}

{
  const tbt = [];
  for (let i = 0; i < 3; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(OBSERVE);
    await page.goto(`${base}/gallery?today=2026-11-27&seed=42`);
    await page.waitForFunction(() => {
      const cards = [...document.querySelectorAll('[data-settles-in]')].filter((c) => c.dataset.settlesIn);
      return cards.length > 0 && cards.every((c) => c.querySelector('[data-state]')?.dataset.state === c.dataset.settlesIn);
    }, null, { timeout: 60_000, polling: 'raf' });
    tbt.push(await page.evaluate(() => window.__longTasks));
    await context.close();
  }
  console.log(`gallery, until every card settled: total blocking time ${fmt(tbt)}`);
}

{
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(`${base}/billing/credit-utilization?mock=large&today=2026-11-27&latency=0`);
  await allReady(page);
  const snapshot = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    return { heap, nodes };
  };
  const change = async (i) => {
    const presets = ['last_30_days', 'this_year', 'last_7_days', 'previous_cycle', 'current_cycle'];
    await page.selectOption('[data-testid=filter-date-preset]', presets[i % presets.length]);
    await allReady(page);
  };
  for (let i = 0; i < 10; i++) await change(i);
  // Four rounds of 200: the first round grows the heap while code is optimised and caches fill;
  // a leak would keep growing round after round.
  let before = await snapshot();
  const first = before;
  const rounds = [];
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < 200; i++) await change(i);
    const after = await snapshot();
    rounds.push(`${((after.heap - before.heap) / 1048576).toFixed(2)} MB / ${after.nodes - before.nodes} elements`);
    before = after;
  }
  console.log(`200 global filter changes on large, four rounds: JS heap ${(first.heap / 1048576).toFixed(1)} -> ${(before.heap / 1048576).toFixed(1)} MB, DOM elements ${first.nodes} -> ${before.nodes}; growth per round: ${rounds.join(', ')}`);
  await context.close();
}
{
  // Every API answer 3 s late: the account and the figures are asked for at once, so the page
  // needs one slow round trip, not two.
  const slow = Object.fromEntries(
    ['/account', '/directory', '/credits/balance', '/credits/auto-recharge', '/credits/pricing', '/credits/events', '/credits/usage/summary', '/credits/usage/timeseries', '/credits/usage/copilot-users', '/credits/usage/flows', '/credits/usage/flow-actions', '/credits/usage/ai-pilots'].map((path) => [
      path,
      (route) => new Promise((ok) => setTimeout(ok, 3000)).then(() => route.fulfill({ json: example(path) })).catch(() => {}),
    ]),
  );
  const day = (ago) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
  const timeToReady = async (page, url) => {
    await page.goto(url);
    await page.waitForFunction((ids) => ids.every((id) => ['ready', 'empty'].includes(document.querySelector(`[data-testid=${id}]`)?.dataset.state)), WIDGETS, { timeout: 60_000, polling: 50 });
    return page.evaluate(() => performance.now());
  };
  const unknown = [];
  const linked = [];
  const second = [];
  for (let i = 0; i < 3; i++) {
    for (const [runs, url, again] of [
      // Nothing known before the account: the reports wait for it (two round trips).
      [unknown, `${base}/billing/credit-utilization`, false],
      [linked, `${base}/billing/credit-utilization?from=${day(20)}&to=${day(2)}`, false],
      [second, `${base}/billing/credit-utilization`, true],
    ]) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await useContractApi(page, slow);
      if (again) await timeToReady(page, url);
      runs.push(await timeToReady(page, url));
      await context.close();
    }
  }
  console.log(`HTTP, every answer 3 s late: first visit, no dates in the link, every widget ready ${fmt(unknown)}`);
  console.log(`HTTP, every answer 3 s late: first visit with dates in the link, every widget ready ${fmt(linked)}`);
  console.log(`HTTP, every answer 3 s late: second visit, no dates in the link, every widget ready ${fmt(second)}`);
}
await browser.close();
