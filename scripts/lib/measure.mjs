// What the measuring scripts share: the dashboard's widgets, the browser they run in, and how
// a series of timings is summed up.
import { chromium } from '@playwright/test';

export const WIDGETS = ['widget-balance', 'widget-used-summary', 'widget-usage-chart', 'widget-copilot-users', 'widget-flows', 'widget-flow-actions', 'widget-ai-pilots'];

/** Headless Chromium with the flags the e2e suite uses (no background traffic to skew a run). */
export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** "median 12 ms (min 10, max 15, n=5)"; `unit` '' prints three decimals (layout shift). */
export function fmt(xs, unit = 'ms') {
  const d = unit === 'ms' ? 0 : 3;
  return `median ${median(xs).toFixed(d)} ${unit} (min ${Math.min(...xs).toFixed(d)}, max ${Math.max(...xs).toFixed(d)}, n=${xs.length})`;
}

/** Waits until every widget of the dashboard is `ready`. */
export async function allReady(page) {
  await page.waitForFunction((ids) => ids.every((id) => document.querySelector(`[data-testid=${id}]`)?.dataset.state === 'ready'), WIDGETS, { timeout: 60_000, polling: 'raf' });
}
