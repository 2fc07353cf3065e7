// Issue 13 item 5: the exact view in the URL. A widget's own filters, its comparison, Show % and
// the chart's frequency go into the URL where they differ from the dashboard
// (w.flows=range:…,cmp:pp,pct), so a pasted link opens exactly that view and Back steps through
// widget changes; a dashboard change still discards the widget choices it overrides.
import { test, expect } from './fixtures.mjs';
import { DASHBOARD, MOCK, value, watchErrors } from './helpers.mjs';
import { useContractApi } from './contract-api.mjs';

const total = (w) => value(w.locator('[data-testid=totals] [data-col=credits] [data-value]'));
const param = (page, key) => new URL(page.url()).searchParams.get(key);

test('a widget\'s choices go into the URL; a link reproduces its figures; Back steps through them', async ({ page, context }) => {
  const errors = watchErrors(page);
  await page.goto(`${DASHBOARD}?${MOCK}`);
  const w = page.getByTestId('widget-flows');
  await expect(w).toHaveAttribute('data-state', 'ready');
  expect(param(page, 'w.flows')).toBeNull();
  const start = await total(w);

  await w.getByTestId('widget-filters-toggle').click();
  await w.getByTestId('widget-date-preset').selectOption('last_7_days');
  await expect.poll(() => param(page, 'w.flows')).toBe('range:2026-11-21..2026-11-27');
  await w.getByTestId('compare-with').selectOption('previous_period');
  await expect.poll(() => param(page, 'w.flows')).toBe('range:2026-11-21..2026-11-27,cmp:pp');
  await w.getByTestId('show-percent').check();
  await expect.poll(() => param(page, 'w.flows')).toBe('range:2026-11-21..2026-11-27,cmp:pp,pct');
  await expect(w).toHaveAttribute('data-state', 'ready');
  const figures = { total: await total(w), change: await w.locator('[data-testid=totals] [data-col=change] [data-change]').getAttribute('data-change') };
  // Other widgets stay out of the URL.
  expect(param(page, 'w.pilots')).toBeNull();

  // The link in a new page: the same view, the same figures.
  const other = await context.newPage();
  await other.goto(page.url());
  const o = other.getByTestId('widget-flows');
  await expect(o).toHaveAttribute('data-state', 'ready');
  await expect(o.getByTestId('widget-filters-chip')).toHaveText(/Last 7 days$/);
  await expect(o.getByTestId('compare-with')).toHaveValue('previous_period');
  await expect(o.getByTestId('show-percent')).toBeChecked();
  await expect.poll(() => total(o)).toBe(figures.total);
  await expect(o.locator('[data-testid=totals] [data-col=change] [data-change]')).toHaveAttribute('data-change', figures.change);
  await other.close();

  // Back: Show % off, then no comparison, then the dashboard's range again: one entry each.
  await page.goBack();
  await expect.poll(() => param(page, 'w.flows')).toBe('range:2026-11-21..2026-11-27,cmp:pp');
  await expect(w.getByTestId('show-percent')).not.toBeChecked();
  await expect(w.getByTestId('compare-with')).toHaveValue('previous_period');
  await page.goBack();
  await expect.poll(() => param(page, 'w.flows')).toBe('range:2026-11-21..2026-11-27');
  await expect(w.getByTestId('compare-with')).toHaveValue('none');
  await expect(w.getByTestId('widget-filters-chip')).toBeVisible();
  await page.goBack();
  await expect.poll(() => param(page, 'w.flows')).toBeNull();
  await expect(w.getByTestId('widget-filters-chip')).toHaveCount(0);
  await expect.poll(() => total(w)).toBe(start);
  // Forward again.
  await page.goForward();
  await expect(w.getByTestId('widget-filters-chip')).toBeVisible();
  errors.expectNone();
});

test('the chart\'s frequency and its own teams are kept in the URL across a reload', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}&from=2026-11-01&to=2026-11-27`);
  const w = page.getByTestId('widget-usage-chart');
  await expect(w).toHaveAttribute('data-state', 'ready');
  await w.getByTestId('widget-frequency').selectOption('week');
  await expect.poll(() => param(page, 'w.chart')).toBe('freq:week');
  await w.getByTestId('widget-filters-toggle').click();
  await w.getByTestId('widget-teams').click();
  await w.locator('.multi-list').getByRole('checkbox').first().check();
  await w.getByRole('button', { name: 'Done' }).click();
  await expect.poll(() => param(page, 'w.chart')).toMatch(/^teams:[^,]+,freq:week$/);
  const chartTotal = await value(w.getByTestId('chart-total'));
  await page.reload();
  await expect(w).toHaveAttribute('data-state', 'ready');
  await expect(w.getByTestId('widget-frequency')).toHaveValue('week');
  await expect(w.getByTestId('widget-filters-chip')).toBeVisible();
  await expect(w.getByTestId('chart-total')).toHaveAttribute('data-value', String(chartTotal));
});

test('a dashboard change discards the widget choices it overrides, in the URL too', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}&w.flows=range:2026-11-21..2026-11-27,cmp:pp&w.chart=freq:month`);
  const w = page.getByTestId('widget-flows');
  await expect(w).toHaveAttribute('data-state', 'ready');
  await expect(w.getByTestId('widget-filters-chip')).toBeVisible();
  await page.getByTestId('filter-date-preset').selectOption('last_30_days');
  await expect(w.getByTestId('widget-filters-chip')).toHaveCount(0);
  await expect.poll(() => param(page, 'w.flows')).toBe('cmp:pp');
  expect(param(page, 'w.chart')).toBe('freq:month');
  // Back returns to the dashboard's first range and the view seen with it: the entry Back
  // returns to keeps the widget's range (issue 28 item 10; it used to be rewritten without it).
  await page.goBack();
  await expect(page.getByTestId('filter-date-preset')).toHaveValue('current_cycle');
  await expect(w).toHaveAttribute('data-state', 'ready');
  await expect(w.getByTestId('widget-filters-chip')).toBeVisible();
  await expect.poll(() => param(page, 'w.flows')).toBe('range:2026-11-21..2026-11-27,cmp:pp');
  await expect(w.getByTestId('compare-with')).toHaveValue('previous_period');
});

test('nonsense in a widget\'s URL view is no choice, and the page works', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${DASHBOARD}?${MOCK}&w.flows=range:2026-13-01..x,cmp:zz,pct,teams:nobody,%3Cb%3E&w.chart=freq:hourly&w.nothing=1`);
  const w = page.getByTestId('widget-flows');
  await expect(w).toHaveAttribute('data-state', /ready|empty/);
  await expect(w.getByTestId('compare-with')).toHaveValue('none');
  await expect(w.getByTestId('show-percent')).not.toBeChecked();
  await expect(page.getByTestId('widget-usage-chart').getByTestId('widget-frequency')).toHaveValue('day');
  errors.expectNone();
});

test('HTTP mode: a link with a widget view asks the API for exactly that', async ({ page }) => {
  const seen = await useContractApi(page);
  await page.goto(`${DASHBOARD}?w.flows=range:2026-11-03..2026-11-09,cmp:py&w.chart=freq:week`);
  await expect(page.getByTestId('widget-flows')).toHaveAttribute('data-state', 'ready');
  const flows = seen.filter((r) => r.path === '/credits/usage/flows').map((r) => [r.query.get('from'), r.query.get('to'), r.query.get('compare')]);
  expect(flows.at(-1)).toEqual(['2026-11-03', '2026-11-09', 'previous_year']);
  const chart = seen.filter((r) => r.path === '/credits/usage/timeseries').map((r) => r.query.get('frequency'));
  expect(chart.at(-1)).toBe('week');
  // The other reports ask for the dashboard's range.
  const pilots = seen.filter((r) => r.path === '/credits/usage/ai-pilots').at(-1).query;
  expect(pilots.get('compare')).toBeNull();
});

test('a change far down the page leaves the page where it is scrolled', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}`);
  const w = page.getByTestId('widget-ai-pilots');
  await expect(w).toHaveAttribute('data-state', 'ready');
  await w.getByTestId('compare-with').scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(400);
  await w.getByTestId('compare-with').selectOption('previous_period');
  await expect.poll(() => param(page, 'w.pilots')).toBe('cmp:pp');
  await expect(w).toHaveAttribute('data-state', 'ready');
  await page.waitForTimeout(300);
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - before)).toBeLessThan(50);
});

test('a widget range chosen inside a drill-down gives way when the drill-down is removed', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}&from=2026-11-01&to=2026-11-27&drill=2026-11-24..2026-11-24`);
  const w = page.getByTestId('widget-flows');
  await expect(w).toHaveAttribute('data-state', /ready|empty/);
  await w.getByTestId('widget-filters-toggle').click();
  await w.getByTestId('widget-date-preset').selectOption('last_7_days');
  await expect.poll(() => param(page, 'w.flows')).toMatch(/^range:/);
  await page.getByTestId('drill-clear').click();
  await expect(page.getByTestId('drill-chip')).toHaveCount(0);
  await expect.poll(() => param(page, 'w.flows')).toBeNull();
  await expect(w.getByTestId('widget-filters-chip')).toHaveCount(0);
  // Back returns to the drill-down as it was seen, the widget's own range with it (issue 28
  // item 10: the entry Back returns to is no longer rewritten).
  await page.goBack();
  await expect(page.getByTestId('drill-chip')).toBeVisible();
  await expect(w.getByTestId('widget-filters-chip')).toBeVisible();
  await expect.poll(() => param(page, 'w.flows')).toMatch(/^range:/);
});
