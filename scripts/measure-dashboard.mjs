// Measures, in headless Chromium against a served build (default http://127.0.0.1:4173):
//  1. navigation start -> all seven widgets `ready` (default scenario, mock latency 0 and 200 ms);
//  2. a global date change -> every widget re-rendered with the new range (large scenario), and
//     how much of it the page's main thread was busy (Chromium's TaskDuration, over CDP);
//  3. sorting and searching the largest report (Copilot users on large, about 1,800 rows): click
//     or keystroke -> the new rows on screen;
//  4. navigation -> every widget card of /gallery settled in its state (and the theme switched
//     from light to dark -> the chart's option rebuilt with the dark colours).
// Usage: node scripts/measure-dashboard.mjs [base-url]   (serve dist/ first: node scripts/serve-dist.mjs dist 4173)
import { WIDGETS, launch, median, allReady } from './lib/measure.mjs';

const base = process.argv[2] ?? 'http://127.0.0.1:4173';
const browser = await launch();

async function loadTimes(latency, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${base}/billing/credit-utilization?mock=default&today=2026-11-27&latency=${latency}`);
    await allReady(page);
    times.push(await page.evaluate(() => performance.now()));
    await page.close();
  }
  return times;
}

async function filterChangeTimes(runs) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${base}/billing/credit-utilization?mock=large&today=2026-11-27&latency=0`);
  await allReady(page);
  // The page's main thread: Chromium's own count of its task time (the demo's worker is apart).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskMs = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;
  const presets = ['last_30_days', 'this_year', 'last_7_days', 'previous_cycle', 'current_cycle'];
  const times = [];
  const main = [];
  for (let i = 0; i < runs; i++) {
    const preset = presets[i % presets.length];
    const busyBefore = await taskMs();
    const ms = await page.evaluate(async ({ preset, ids }) => {
      const subtitle = (id) => document.querySelector(`[data-testid=${id}] .widget-sub`)?.textContent ?? '';
      const before = ids.filter((id) => id !== 'widget-balance').map(subtitle);
      const select = document.querySelector('[data-testid=filter-date-preset]');
      const t0 = performance.now();
      select.value = preset;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return await new Promise((resolve) => {
        const check = () => {
          const moved = ids.filter((id) => id !== 'widget-balance').every((id, k) => subtitle(id) !== before[k]);
          const ready = ids.every((id) => document.querySelector(`[data-testid=${id}]`)?.dataset.state === 'ready');
          if (moved && ready) resolve(performance.now() - t0);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
    }, { preset, ids: WIDGETS });
    times.push(ms);
    main.push((await taskMs()) - busyBefore);
  }
  await page.close();
  return { times, main };
}

async function sortSearchTimes(runs) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${base}/billing/credit-utilization?mock=large&today=2026-11-27&latency=0`);
  await allReady(page);
  const rows = await page.evaluate(() => document.querySelector('[data-testid=widget-copilot-users] [data-testid=page-status]')?.textContent);
  const sort = [];
  const search = [];
  for (let i = 0; i < runs; i++) {
    // Alternate the name and credits columns, so every click reorders every row.
    sort.push(await page.evaluate(async (i) => {
      const card = document.querySelector('[data-testid=widget-copilot-users]');
      const first = () => card.querySelector('tbody')?.textContent;
      const before = first();
      const buttons = card.querySelectorAll('th .th-sort');
      return await new Promise((resolve) => {
        // A mutation observer, not a frame callback: the time to the new rows, to the microtask.
        const obs = new MutationObserver(() => {
          if (first() !== before) { obs.disconnect(); resolve(performance.now() - t0); }
        });
        obs.observe(card, { subtree: true, childList: true, characterData: true });
        const t0 = performance.now();
        buttons[i % 2 === 0 ? 0 : buttons.length - 1].click();
      });
    }, i));
    search.push(await page.evaluate(async (i) => {
      const card = document.querySelector('[data-testid=widget-copilot-users]');
      const input = card.querySelector('[data-testid=table-search]');
      const first = () => card.querySelector('tbody')?.textContent;
      const before = first();
      return await new Promise((resolve) => {
        const obs = new MutationObserver(() => {
          if (first() !== before) { obs.disconnect(); resolve(performance.now() - t0); }
        });
        obs.observe(card, { subtree: true, childList: true, characterData: true });
        const t0 = performance.now();
        input.value = i % 2 === 0 ? 'an' : '';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
    }, i));
  }
  await page.close();
  return { sort, search, rows };
}

async function galleryTimes(runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${base}/gallery?today=2026-11-27&seed=42`);
    await page.waitForFunction(() => {
      const cards = [...document.querySelectorAll('[data-settles-in]')].filter((c) => c.dataset.settlesIn);
      return cards.length > 0 && cards.every((c) => c.querySelector('[data-state]')?.dataset.state === c.dataset.settlesIn);
    }, null, { timeout: 60_000, polling: 'raf' });
    times.push(await page.evaluate(() => performance.now()));
    if (i === 0) {
      const n = await page.evaluate(() => [...document.querySelectorAll('[data-settles-in]')].filter((c) => c.dataset.settlesIn).length);
      console.log(`gallery: ${n} widget cards, ${await page.locator('figure.gallery-card').count()} cards in all`);
    }
    await page.close();
  }
  return times;
}

async function themeTimes(runs) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  await page.goto(`${base}/billing/credit-utilization?mock=large&today=2026-11-27&latency=0`);
  await allReady(page);
  const times = [];
  for (let i = 0; i < runs; i++) {
    await page.getByTestId('profile-button').click();
    const next = i % 2 === 0 ? 'dark' : 'light';
    times.push(await page.evaluate(async (next) => {
      const el = document.querySelector('[data-testid=widget-usage-chart] [_echarts_instance_]');
      const legend = () => window.echarts.getInstanceByDom(el).getOption().legend[0].textStyle.color;
      const before = legend();
      const t0 = performance.now();
      document.querySelector(`[data-testid=theme-${next}]`).click();
      return await new Promise((resolve) => {
        const check = () => (legend() !== before ? resolve(performance.now() - t0) : requestAnimationFrame(check));
        requestAnimationFrame(check);
      });
    }, next));
    await page.keyboard.press('Escape');
  }
  await page.close();
  return times;
}

const l0 = await loadTimes(0, 5);
const l200 = await loadTimes(200, 3);
const change = await filterChangeTimes(10);
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms, min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)} (n=${xs.length})`;
console.log(`navigation -> all widgets ready, default scenario, mock latency 0 ms:   ${fmt(l0)}`);
console.log(`navigation -> all widgets ready, default scenario, mock latency 200 ms: ${fmt(l200)}`);
console.log(`global date change -> every widget re-rendered, large scenario:        ${fmt(change.times)}`);
console.log(`  of which the page's main thread was busy (Chromium's TaskDuration):  ${fmt(change.main)}`);
const table = await sortSearchTimes(10);
console.log(`sort the Copilot users report (large, ${table.rows}) -> new rows:        ${fmt(table.sort)}`);
console.log(`search it ("an", then cleared) -> new rows:                           ${fmt(table.search)}`);
const gallery = await galleryTimes(3);
console.log(`navigation -> every gallery card settled:                                ${fmt(gallery)}`);
const theme = await themeTimes(6);
console.log(`theme switch -> chart redrawn in the new colours, large scenario:        ${fmt(theme)}`);
await browser.close();
