// Issue 13 item 1: drill-down from the chart. Clicking a bucket (or Enter on it from the keys)
// narrows the summary and the four reports to that bucket: a chip says so, the URL records it,
// and the chip's remove button and Back return to the whole range. Mock mode and HTTP mode.
import { test, expect, pinClock } from './fixtures.mjs';
import { DASHBOARD, MOCK, SIZES, shot, value, watchErrors } from './helpers.mjs';
import { useContractApi, example } from './contract-api.mjs';

const REPORTS = ['widget-copilot-users', 'widget-flows', 'widget-flow-actions', 'widget-ai-pilots'];
const FOLLOWERS = ['widget-used-summary', ...REPORTS];
const reportTotal = (page, id) => value(page.getByTestId(id).locator('[data-testid=totals] [data-col=credits] [data-value]'));

/** Clicks the chart in the middle of its plot at bucket `i` (where the tooltip would show). */
async function clickBucket(page, i) {
  const chart = page.getByTestId('widget-usage-chart').getByTestId('chart');
  await chart.scrollIntoViewIfNeeded();
  const at = await chart.evaluate((el, i) => {
    const chart = globalThis.echarts.getInstanceByDom(el);
    const r = el.getBoundingClientRect();
    // Just above the zero line, inside the plot.
    // A step inside the plot's edge for the first and the last bucket.
    const x = chart.convertToPixel({ xAxisIndex: 0 }, i) + (i === 0 ? 3 : -3);
    return { x: r.left + x, y: r.top + chart.convertToPixel({ yAxisIndex: 0 }, 0) - 20 };
  }, i);
  await page.mouse.click(at.x, at.y);
}

/** The chart's buckets as the table shows them: [label, flows, copilot, pilots, total]. */
async function buckets(page) {
  const w = page.getByTestId('widget-usage-chart');
  await w.getByTestId('chart-as-table').click();
  await expect(w.getByTestId('chart-row').first()).toBeVisible();
  const rows = await w.getByTestId('chart-row').evaluateAll((rows) =>
    rows.map((r) => [r.querySelector('th').textContent, ...[...r.querySelectorAll('td')].map((td) => Number(td.dataset.value))]),
  );
  await w.getByTestId('chart-as-table').click();
  await expect(w.locator('canvas')).toHaveCount(1);
  return rows;
}

async function allReady(page) {
  for (const id of [...FOLLOWERS, 'widget-usage-chart']) await expect(page.getByTestId(id)).toHaveAttribute('data-state', /ready|empty/);
}

test('a clicked day narrows the summary and the reports to it; the chip and Back restore the range', async ({ page }) => {
  const errors = watchErrors(page);
  const url = `${DASHBOARD}?${MOCK}&from=2026-11-01&to=2026-11-27`;
  // What each report says for Nov 24 alone, as the dashboard's own range.
  await page.goto(`${DASHBOARD}?${MOCK}&from=2026-11-24&to=2026-11-24`);
  await allReady(page);
  const dayAlone = {};
  for (const id of REPORTS) dayAlone[id] = await reportTotal(page, id);

  await page.goto(url);
  await allReady(page);
  const whole = await value(page.getByTestId('used-total'));
  const rows = await buckets(page);
  const i = rows.findIndex((r) => r[0].startsWith('Nov 24'));
  expect(i).toBe(23);
  await expect(page.getByTestId('drill-chip')).toHaveCount(0);

  await clickBucket(page, i);
  await expect(page).toHaveURL(/[?&]drill=2026-11-24\.\.2026-11-24(&|$)/);
  const chip = page.getByTestId('drill-chip');
  await expect(chip).toContainText('Nov 24');
  await expect(chip).toContainText('only');
  await allReady(page);
  // The summary is the bucket, feature by feature, as the chart has it.
  await expect(page.getByTestId('used-total')).toHaveAttribute('data-value', String(rows[i][4]));
  await expect(page.getByTestId('used-smart_flows')).toHaveAttribute('data-value', String(rows[i][1]));
  await expect(page.getByTestId('used-ai_copilot')).toHaveAttribute('data-value', String(rows[i][2]));
  await expect(page.getByTestId('used-ai_pilots')).toHaveAttribute('data-value', String(rows[i][3]));
  for (const id of FOLLOWERS) await expect(page.getByTestId(id).locator('.widget-sub')).toContainText('Nov 24');
  // Each report is what the day alone gives.
  for (const id of REPORTS) expect(await reportTotal(page, id), id).toBeCloseTo(dayAlone[id], 2);
  // The chart keeps its range.
  await expect(page.getByTestId('chart-total')).toHaveAttribute('data-value', String(rows.reduce((s, r) => s + r[4], 0)));

  // Back returns to the whole range; Forward drills again.
  await page.goBack();
  await expect(page.getByTestId('drill-chip')).toHaveCount(0);
  await expect(page.getByTestId('used-total')).toHaveAttribute('data-value', String(whole));
  await page.goForward();
  await expect(page.getByTestId('used-total')).toHaveAttribute('data-value', String(rows[i][4]));

  // The chip's remove button too.
  await page.getByTestId('drill-clear').click();
  await expect(page.getByTestId('drill-chip')).toHaveCount(0);
  await expect(page).not.toHaveURL(/drill=/);
  await expect(page.getByTestId('used-total')).toHaveAttribute('data-value', String(whole));
  errors.expectNone();
});

test('a week bucket drills to its days; the link reproduces it; another range ends it', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}&from=2026-11-01&to=2026-11-27`);
  await allReady(page);
  const w = page.getByTestId('widget-usage-chart');
  await w.getByTestId('widget-frequency').selectOption('week');
  await expect(w).toHaveAttribute('data-state', 'ready');
  const rows = await buckets(page);
  await clickBucket(page, 2);
  await expect(page).toHaveURL(/drill=2026-11-09\.\.2026-11-15/);
  await expect(page.getByTestId('used-total')).toHaveAttribute('data-value', String(rows[2][4]));

  // A pasted link opens the same drill-down.
  const link = page.url();
  const other = await page.context().newPage();
  await other.goto(link);
  await expect(other.getByTestId('drill-chip')).toBeVisible();
  await expect(other.getByTestId('used-total')).toHaveAttribute('data-value', String(rows[2][4]));
  await other.close();

  // Choosing another dashboard range ends the drill-down (its bucket belonged to the old one).
  await page.getByTestId('filter-date-preset').selectOption('last_7_days');
  await expect(page.getByTestId('drill-chip')).toHaveCount(0);
  await expect(page).not.toHaveURL(/drill=/);
});

test('keyboard: Enter on a focused bucket drills into it', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}&from=2026-11-01&to=2026-11-27`);
  await allReady(page);
  const chart = page.getByTestId('widget-usage-chart').getByTestId('chart');
  await chart.focus();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/drill=2026-11-26\.\.2026-11-26/);
  await expect(page.getByTestId('drill-chip')).toContainText('Nov 26');
  // The chip's button is reachable and clears it.
  await page.getByTestId('drill-clear').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('drill-chip')).toHaveCount(0);
});

for (const [why, drill] of [
  ['long ago', '1999-01-01..1999-01-02'],
  ['outside the dashboard range', '2026-10-20..2026-10-20'],
  ['after today', '2026-11-28..2026-11-28'],
  ['garbled', 'yesterday'],
]) {
  test(`a link with a drill-down ${why} says so and shows the whole range`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`${DASHBOARD}?${MOCK}&from=2026-11-01&to=2026-11-30&drill=${drill}`);
    await allReady(page);
    await expect(page.getByTestId('drill-chip')).toHaveCount(0);
    await expect(page.getByTestId('link-notice')).toContainText('drill-down');
    await expect(page.getByTestId('widget-used-summary').locator('.widget-sub')).toContainText('Nov 1');
    errors.expectNone();
  });
}

test('a chart showing its own range does not drill (the reports follow the dashboard\'s range)', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}&from=2026-11-01&to=2026-11-27`);
  await allReady(page);
  const w = page.getByTestId('widget-usage-chart');
  await w.getByTestId('widget-filters-toggle').click();
  await w.getByTestId('widget-date-preset').selectOption('last_7_days');
  await expect(w).toHaveAttribute('data-state', 'ready');
  await clickBucket(page, 2);
  await w.getByTestId('chart').focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(w.locator('.tt')).toBeVisible();
  await expect(w.locator('.tt-hint')).toHaveCount(0);
  await expect(page.getByTestId('drill-chip')).toHaveCount(0);
  await expect(page).not.toHaveURL(/drill=/);
  // Back on the dashboard's range, it drills again.
  await w.getByTestId('widget-filter-reset').click();
  await expect(w).toHaveAttribute('data-state', 'ready');
  await clickBucket(page, 2);
  await expect(page).toHaveURL(/drill=2026-11-03\.\.2026-11-03/);
});

test('on a touch screen the first tap shows the bucket, a second tap on it drills', async ({ browser }) => {
  const context = await pinClock(await browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } }));
  const page = await context.newPage();
  await page.goto(`${DASHBOARD}?${MOCK}&from=2026-11-01&to=2026-11-27`);
  await allReady(page);
  const chart = page.getByTestId('widget-usage-chart').getByTestId('chart');
  await chart.scrollIntoViewIfNeeded();
  const at = await chart.evaluate((el) => {
    const c = globalThis.echarts.getInstanceByDom(el);
    const r = el.getBoundingClientRect();
    return { x: r.left + c.convertToPixel({ xAxisIndex: 0 }, 10), y: r.top + c.convertToPixel({ yAxisIndex: 0 }, 0) - 20 };
  });
  await page.touchscreen.tap(at.x, at.y);
  await expect(page.getByTestId('widget-usage-chart').locator('.tt')).toBeVisible();
  await expect(page).not.toHaveURL(/drill=/);
  await page.touchscreen.tap(at.x, at.y);
  await expect(page).toHaveURL(/drill=2026-11-11\.\.2026-11-11/);
  await context.close();
});

test('HTTP mode: the summary and every report ask for the bucket, the chart for the range', async ({ page }) => {
  const points = example('/credits/usage/timeseries').points;
  const p = points[1];
  // The server's summary of the bucket differs from the whole range's.
  const bucket = { ...example('/credits/usage/summary'), total: 777.77, by_feature: { smart_flows: 700, ai_copilot: 77.77, ai_pilots: 0 }, comparison: null };
  const seen = await useContractApi(page, {
    '/credits/usage/summary': (route, url) =>
      route.fulfill({ json: url.searchParams.get('from') === p.start ? { ...bucket, range: { from: p.start, to: p.end } } : example('/credits/usage/summary') }),
  });
  await page.goto(DASHBOARD);
  await allReady(page);
  const range = seen.find((r) => r.path === '/credits/usage/timeseries').query;
  await expect(page.getByTestId('used-total')).toHaveAttribute('data-value', String(example('/credits/usage/summary').total));
  await clickBucket(page, 1);
  await expect(page).toHaveURL(new RegExp(`drill=${p.start}\\.\\.${p.end}`));
  await allReady(page);
  const asked = (path) => {
    const q = seen.filter((r) => r.path === path).at(-1).query;
    return [q.get('from'), q.get('to')];
  };
  for (const path of ['/credits/usage/summary', '/credits/usage/copilot-users', '/credits/usage/flows', '/credits/usage/flow-actions', '/credits/usage/ai-pilots']) {
    await expect.poll(() => asked(path), path).toEqual([p.start, p.end]);
  }
  // The chart was not asked again for the bucket.
  for (const r of seen.filter((r) => r.path === '/credits/usage/timeseries')) {
    expect([r.query.get('from'), r.query.get('to')]).toEqual([range.get('from'), range.get('to')]);
  }
  await expect(page.getByTestId('drill-chip')).toBeVisible();
  // The server's figures for the bucket are shown as they are; Back shows the range's again.
  await expect(page.getByTestId('used-total')).toHaveAttribute('data-value', '777.77');
  await page.goBack();
  await expect(page.getByTestId('drill-chip')).toHaveCount(0);
  await expect(page.getByTestId('used-total')).toHaveAttribute('data-value', String(example('/credits/usage/summary').total));
});

for (const size of SIZES) {
  for (const scheme of ['light', 'dark']) {
    test(`screenshot of a drill-down at ${size.name}, ${scheme}`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${DASHBOARD}?${MOCK}&from=2026-11-01&to=2026-11-27&drill=2026-11-24..2026-11-24`);
      await allReady(page);
      await expect(page.getByTestId('drill-chip')).toBeVisible();
      await shot(page, `drill-${size.name}-${scheme}`);
    });
  }
}
