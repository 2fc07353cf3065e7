// Issue 13 item 6: every figure of the usage chart without a mouse and without sight. "View as
// table" shows the chart's buckets as a table (its totals are the chart's total, its CSV is that
// table), and the arrow keys move through the buckets with the tooltip following focus and each
// bucket read out. Mock mode and HTTP mode (the contract's example), and with the chart library
// failing to load.
import { test, expect } from './fixtures.mjs';
import { readFileSync } from 'node:fs';
import { DASHBOARD, MOCK, SIZES, shot, value, watchErrors } from './helpers.mjs';
import { useContractApi, example } from './contract-api.mjs';

const CHART = 'widget-usage-chart';

/** The table's rows as numbers: [label, smart flows, copilot, pilots, total]. */
async function tableRows(w) {
  return w.getByTestId('chart-row').evaluateAll((rows) =>
    rows.map((r) => [r.querySelector('th').textContent, ...[...r.querySelectorAll('td')].map((td) => Number(td.dataset.value))]),
  );
}

/** CSV fields of one line (quoted text, plain numbers). */
const fields = (line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1].replace(/^"|"$/g, '')).slice(0, -1);

test('the table shows every bucket of the chart and adds up to the chart total, at every frequency', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${DASHBOARD}?${MOCK}`);
  const w = page.getByTestId(CHART);
  await expect(w).toHaveAttribute('data-state', 'ready');
  await expect(w.getByTestId('chart-as-table')).toHaveText('View as table');
  await w.getByTestId('chart-as-table').click();
  await expect(w.getByTestId('chart-as-table')).toHaveText('View as chart');
  await expect(w.locator('canvas')).toHaveCount(0);
  for (const frequency of ['day', 'week', 'month']) {
    await w.getByTestId('widget-frequency').selectOption(frequency);
    await expect(w).toHaveAttribute('data-state', 'ready');
    const total = await value(w.getByTestId('chart-total'));
    expect(total).toBeGreaterThan(0);
    await expect(w.getByTestId('chart-table-total')).toHaveAttribute('data-value', String(total));
    const rows = await tableRows(w);
    expect(rows.length, frequency).toBeGreaterThan(0);
    const sum = rows.reduce((s, r) => s + r[4], 0);
    expect(sum).toBeCloseTo(total, 2);
    for (const [label, a, b, c, t] of rows) expect(a + b + c, label).toBeCloseTo(t, 2);
    // The last bucket of a range that runs to today is still in progress, as on the chart.
    expect(rows.at(-1)[0]).toContain('(so far)');
  }
  // Back to the chart: drawn again.
  await w.getByTestId('chart-as-table').click();
  await expect(w.locator('canvas')).toHaveCount(1);
  await expect(w.getByTestId('chart-table')).toHaveCount(0);
  errors.expectNone();
});

test('the chart CSV is the table: one line per bucket with its dates, then the range and filters', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}&from=2026-11-01&to=2026-11-27`);
  const w = page.getByTestId(CHART);
  await expect(w).toHaveAttribute('data-state', 'ready');
  await w.getByTestId('widget-frequency').selectOption('week');
  await w.getByTestId('chart-as-table').click();
  await expect(w.getByTestId('chart-row').first()).toBeVisible();
  const rows = await tableRows(w);
  const [download] = await Promise.all([page.waitForEvent('download'), w.getByTestId('chart-export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^usage-chart_2026-11-01-to-2026-11-27_week_as-of-[0-9T-]+Z?\.csv$/);
  const lines = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(lines[0]).toBe('"period_from","period_to","in_progress","smart_flows","ai_copilot","ai_pilots","total","range_from","range_to","data_through","frequency","teams","users","as_of"');
  expect(lines.length - 1).toBe(rows.length);
  // Weeks run Monday to Sunday, cut to the range.
  expect(fields(lines[1]).slice(0, 3)).toEqual(['2026-11-01', '2026-11-01', 'no']);
  expect(fields(lines.at(-1)).slice(0, 3)).toEqual(['2026-11-23', '2026-11-27', 'yes']);
  rows.forEach((r, i) => {
    const f = fields(lines[i + 1]);
    expect(f.slice(3, 7).map(Number)).toEqual(r.slice(1).map((n) => Math.round(n * 100) / 100));
    expect(f.slice(7, 13)).toEqual(['2026-11-01', '2026-11-27', '2026-11-27', 'week', 'all', 'all']);
  });
});

test('HTTP mode: the table shows the answer\'s points as they are', async ({ page }) => {
  await useContractApi(page);
  await page.goto(DASHBOARD);
  const w = page.getByTestId(CHART);
  await expect(w).toHaveAttribute('data-state', 'ready');
  await w.getByTestId('chart-as-table').click();
  const points = example('/credits/usage/timeseries').points;
  const rows = await tableRows(w);
  expect(rows.map((r) => r.slice(1))).toEqual(points.map((p) => [p.smart_flows, p.ai_copilot, p.ai_pilots, p.smart_flows + p.ai_copilot + p.ai_pilots]));
  expect(rows.at(-1)[0]).toMatch(/\(so far\)$/);
  await expect(w.getByTestId('chart-table-total')).toHaveAttribute('data-value', String(await value(w.getByTestId('chart-total'))));
});

test('HTTP mode: buckets the server sent for days not asked for are left out, and the widget says so', async ({ page }) => {
  // The dashboard asks for Nov 1-30 (the pinned clock's bill cycle); the server also sends Oct 31
  // and Dec 1, and a bucket that runs past the range's end.
  const asked = example('/credits/usage/timeseries');
  const pt = (start, end, sf) => ({ start, end, partial: false, smart_flows: sf, ai_copilot: 1, ai_pilots: 1 });
  const inside = [pt('2026-11-01', '2026-11-01', 10), pt('2026-11-02', '2026-11-02', 20)];
  const outside = [pt('2026-10-31', '2026-10-31', 1000), pt('2026-11-30', '2026-12-01', 2000), pt('2026-12-01', '2026-12-01', 3000)];
  let points = [outside[0], ...inside, ...outside.slice(1)];
  const errors = watchErrors(page);
  const seen = await useContractApi(page, {
    '/credits/usage/timeseries': (route, url) => route.fulfill({ json: { ...asked, frequency: url.searchParams.get('frequency'), points } }),
  });
  await page.goto(DASHBOARD);
  const w = page.getByTestId(CHART);
  await expect(w).toHaveAttribute('data-state', 'ready');
  const q = seen.find((r) => r.path === '/credits/usage/timeseries').query;
  expect([q.get('from'), q.get('to')]).toEqual(['2026-11-01', '2026-11-30']);
  const note = w.getByTestId('chart-outside');
  await expect(note).toHaveAttribute('data-value', '3');
  await expect(note).toContainText(/3 buckets outside Nov 1\s–\s30, 2026/);
  // Only the asked days are drawn, listed and counted.
  await expect(w.getByTestId('chart-total')).toHaveAttribute('data-value', '34');
  await w.getByTestId('chart-as-table').click();
  expect((await tableRows(w)).map((r) => r[0])).toEqual(['Nov 1', 'Nov 2']);
  await expect(w.getByTestId('chart-table-total')).toHaveAttribute('data-value', '34');
  // Every bucket outside: nothing to draw, said as such, and the other widgets are untouched.
  points = outside;
  await page.getByTestId('filter-date-preset').selectOption('last_7_days');
  await expect(w).toHaveAttribute('data-state', 'empty');
  await expect(w).toContainText('days outside this range only');
  await expect(page.getByTestId('widget-used-summary')).toHaveAttribute('data-state', 'ready');
  errors.expectNone();
});

test('a bucket that covers part of its period is drawn dashed and named so, at either end (issue 28 item 7)', async ({ page }) => {
  const errors = watchErrors(page);
  // Nov 7, 2026 is a Saturday: the first week holds two days; the last is still in progress.
  await page.goto(`${DASHBOARD}?mock=default&today=2026-12-06&latency=0&from=2026-11-07&to=2026-12-06&w.chart=freq:week`);
  const w = page.getByTestId(CHART);
  await expect(w).toHaveAttribute('data-state', 'ready');
  await expect(w.locator('canvas')).toHaveCount(1);
  // The chart: dashed segments at both ends, solid between.
  const series = await w.locator('[_echarts_instance_]').evaluate((el) =>
    echarts.getInstanceByDom(el).getOption().series.filter((s) => s.type === 'line' && s.data?.length).map((s) => ({
      dashed: s.lineStyle?.type === 'dashed',
      drawn: s.data.map((d) => (Array.isArray(d) ? d[1] : d?.value ?? d) != null),
    })),
  );
  const n = series[0].drawn.length;
  const dashed = series.filter((s) => s.dashed);
  expect(dashed.length).toBe(3);
  for (const s of dashed) expect(s.drawn.map((d, i) => (d ? i : -1)).filter((i) => i >= 0)).toEqual([0, 1, n - 2, n - 1]);
  for (const s of series.filter((s) => !s.dashed)) {
    expect(s.drawn[0]).toBe(false);
    expect(s.drawn[n - 1]).toBe(false);
  }
  await expect(w).toContainText('A dashed segment marks a bucket that covers part of its period.');
  await w.getByTestId('chart-as-table').click();
  const rows = w.getByTestId('chart-row');
  await expect(rows.first().locator('th')).toHaveText('Nov 7 (2 of 7 days)');
  await expect(rows.first()).toHaveAttribute('data-partial', 'true');
  await expect(rows.nth(1)).toHaveAttribute('data-partial', 'false');
  await expect(rows.last()).toHaveAttribute('data-partial', 'true');
  await expect(rows.last().locator('th')).toContainText('(so far)');
  // Half a January by month.
  await page.goto(`${DASHBOARD}?${MOCK}&from=2026-01-15&to=2026-11-27&w.chart=freq:month`);
  await expect(w).toHaveAttribute('data-state', 'ready');
  await w.getByTestId('chart-as-table').click();
  await expect(rows.first().locator('th')).toHaveText('Jan 2026 (17 of 31 days)');
  await expect(rows.first()).toHaveAttribute('data-partial', 'true');
  await expect(rows.nth(1)).toHaveAttribute('data-partial', 'false');
  errors.expectNone();
});

test('the arrow keys move through the buckets: the tooltip follows and each bucket is read out', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}&from=2026-11-01&to=2026-11-27`);
  const w = page.getByTestId(CHART);
  await expect(w).toHaveAttribute('data-state', 'ready');
  await w.getByTestId('widget-frequency').selectOption('week');
  await expect(w).toHaveAttribute('data-state', 'ready');
  // Reached with Tab from the controls before it, without a mouse.
  await w.getByTestId('chart-as-table').focus();
  await page.keyboard.press('Tab');
  await expect(w.getByTestId('chart')).toBeFocused();
  const spoken = w.getByTestId('chart-focus');
  const tip = w.locator('.tt');
  await expect(spoken).toBeEmpty();
  // The table's rows are what the keys read.
  await w.getByTestId('chart-as-table').click();
  const rows = await tableRows(w);
  await w.getByTestId('chart-as-table').click();
  await w.getByTestId('chart').focus();

  await page.keyboard.press('ArrowRight');
  await expect(spoken).toContainText(`${rows[0][0]}:`);
  await expect(tip).toBeVisible();
  await expect(tip.locator('.tt-head')).toHaveText(rows[0][0]);
  await page.keyboard.press('ArrowRight');
  await expect(spoken).toContainText(`${rows[1][0]}:`);
  await expect(tip.locator('.tt-head')).toHaveText(rows[1][0]);
  await page.keyboard.press('End');
  const last = rows.at(-1);
  await expect(spoken).toContainText(`${last[0]}:`);
  await expect(spoken).toContainText('AI Copilot');
  await expect(tip.locator('.tt-head')).toHaveText(last[0]);
  // The tooltip's total is the bucket's, as the table has it.
  const totalText = await tip.locator('.tt-total b').innerText();
  expect(Number(totalText.replace(/[^\d.]/g, ''))).toBeCloseTo(last[4], 2);
  await page.keyboard.press('ArrowRight');
  await expect(spoken).toContainText(`${last[0]}:`);
  await page.keyboard.press('Home');
  await expect(spoken).toContainText(`${rows[0][0]}:`);
  await page.keyboard.press('ArrowLeft');
  await expect(spoken).toContainText(`${rows[0][0]}:`);
  await page.keyboard.press('Escape');
  await expect(spoken).toBeEmpty();
  await expect(tip).toBeHidden();
  // Leaving the chart hides the tooltip too.
  await page.keyboard.press('End');
  await expect(tip).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(tip).toBeHidden();
});

test('when the chart library cannot load, the table still shows the figures', async ({ page }) => {
  await page.route(/\/echarts-[0-9a-f]+\.js$/, (route) => route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>Service Unavailable</h1>' }));
  await page.goto(`${DASHBOARD}?${MOCK}`);
  const w = page.getByTestId(CHART);
  await expect(w).toHaveAttribute('data-state', 'error');
  await w.getByTestId('chart-as-table').click();
  await expect(w).toHaveAttribute('data-state', 'ready');
  await expect(w.getByTestId('chart-row').first()).toBeVisible();
  await expect(w.getByTestId('chart-table-total')).toHaveAttribute('data-value', String(await value(w.getByTestId('chart-total'))));
  // Back to the chart: its error again, with Retry.
  await w.getByTestId('chart-as-table').click();
  await expect(w).toHaveAttribute('data-state', 'error');
  await expect(w.getByTestId('retry')).toBeVisible();
});

for (const size of SIZES) {
  for (const scheme of ['light', 'dark']) {
    test(`screenshots of the chart table and the focused chart at ${size.name}, ${scheme}`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${DASHBOARD}?${MOCK}`);
      const w = page.getByTestId(CHART);
      await expect(w).toHaveAttribute('data-state', 'ready');
      await w.getByTestId('chart').focus();
      await page.keyboard.press('End');
      await expect(w.locator('.tt')).toBeVisible();
      await w.screenshot({ path: `screenshots/chart-keys-${size.name}-${scheme}.png` });
      await w.getByTestId('widget-frequency').selectOption('week');
      await w.getByTestId('chart-as-table').click();
      await expect(w.getByTestId('chart-table')).toBeVisible();
      await w.screenshot({ path: `screenshots/chart-table-${size.name}-${scheme}.png` });
    });
  }
}

test('on a phone the legend stays one line above the plot (paged), clear of the value axis labels', async ({ page }) => {
  for (const width of [360, 390, 1440]) {
    await page.setViewportSize({ width, height: 844 });
    await page.goto(`${DASHBOARD}?${MOCK}`);
    await expect(page.getByTestId(CHART)).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId(CHART).locator('canvas')).toHaveCount(1);
    const { legend, gridTop } = await page.evaluate(() => {
      const c = echarts.getInstanceByDom(document.querySelector('[data-testid=widget-usage-chart] [_echarts_instance_]'));
      const m = c.getModel();
      const view = c.getViewOfComponentModel(m.getComponent('legend'));
      const r = view.group.getBoundingRect().clone();
      r.applyTransform(view.group.getComputedTransform());
      return { legend: { top: r.y, bottom: r.y + r.height }, gridTop: m.getComponent('grid').coordinateSystem.getRect().y };
    });
    // The top value label is centred on the grid's top edge: the legend ends above it.
    expect(legend.bottom, `${width} px`).toBeLessThanOrEqual(gridTop - 8);
  }
});

test('the last bucket\'s "(so far)" label is never cut, at any width and frequency', async ({ page }) => {
  for (const width of [360, 390, 1440]) {
    await page.setViewportSize({ width, height: 844 });
    for (const [range, frequency] of [['', 'day'], ['', 'week'], ['', 'month'], ['&from=2026-01-01&to=2026-11-27', 'month'], ['&from=2026-09-01&to=2026-11-27', 'week']]) {
      await page.goto(`${DASHBOARD}?${MOCK}${range}`);
      const w = page.getByTestId(CHART);
      await expect(w).toHaveAttribute('data-state', 'ready');
      await w.getByTestId('widget-frequency').selectOption(frequency);
      await expect(w).toHaveAttribute('data-state', 'ready');
      await expect(w.locator('canvas')).toHaveCount(1);
      // The axis labels as ECharts drew them, in the chart's pixels.
      const labels = await page.evaluate(() => {
        const c = echarts.getInstanceByDom(document.querySelector('[data-testid=widget-usage-chart] [_echarts_instance_]'));
        const out = [];
        c.getZr().storage.getDisplayList(true).forEach((el) => {
          const t = el.style?.text;
          if (typeof t === 'string' && t.includes('(so far)')) {
            const r = el.getBoundingRect().clone();
            r.applyTransform(el.getComputedTransform());
            out.push({ text: t, left: r.x, right: r.x + r.width, width: c.getWidth() });
          }
        });
        return out;
      });
      const where = `${width} px, ${frequency}${range}`;
      expect(labels.length, where).toBe(1);
      expect(labels[0].left, where).toBeGreaterThanOrEqual(0);
      expect(labels[0].right, where).toBeLessThanOrEqual(labels[0].width);
    }
  }
});
