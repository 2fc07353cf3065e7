// The scenario switcher behind the "Demo data" badge, the theme, and the layout from 360 px
// phones to 1920 px screens.
import { test, expect } from './fixtures.mjs';
import { watchErrors, shot, DASHBOARD, value } from './helpers.mjs';
import { useContractApi } from './contract-api.mjs';

const BASE = DASHBOARD;
const PIN = 'today=2026-11-27';

async function openSwitcher(page) {
  await page.getByTestId('demo-badge').click();
  const panel = page.getByTestId('demo-panel');
  await expect(panel).toBeVisible();
  return panel;
}

test('scenario, seed and latency change the data, go into the URL and survive a reload', async ({ page }) => {
  const watch = watchErrors(page);
  await page.goto(`${BASE}?mock=default&${PIN}&latency=0`);
  await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
  const typical = await value(page.getByTestId('balance-total'));

  let panel = await openSwitcher(page);
  await expect(panel.getByTestId('demo-scenario')).toHaveValue('default');
  await panel.getByTestId('demo-scenario').selectOption('huge');
  await panel.getByTestId('demo-seed').fill('seven');
  await panel.getByTestId('demo-apply').click();
  // A bad value says what to fix and keeps everything typed.
  await expect(panel.getByTestId('demo-error')).toContainText('seed');
  await expect(panel.getByTestId('demo-seed')).toHaveValue('seven');
  await expect(panel.getByTestId('demo-scenario')).toHaveValue('huge');
  await panel.getByTestId('demo-seed').fill('7');
  await panel.getByTestId('demo-apply').click();
  await expect(page).toHaveURL(/mock=huge/);
  await expect(page).toHaveURL(/seed=7/);
  await expect(page).toHaveURL(/today=2026-11-27/);
  await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
  const huge7 = await value(page.getByTestId('balance-total'));
  expect(huge7).toBeGreaterThan(1e9);
  expect(huge7).not.toBe(typical);

  await page.reload();
  await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
  expect(await value(page.getByTestId('balance-total'))).toBe(huge7);
  panel = await openSwitcher(page);
  await expect(panel.getByTestId('demo-scenario')).toHaveValue('huge');
  await expect(panel.getByTestId('demo-seed')).toHaveValue('7');

  // Another seed, another account.
  await panel.getByTestId('demo-seed').fill('8');
  await panel.getByTestId('demo-apply').click();
  await expect(page).toHaveURL(/seed=8/);
  await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
  expect(await value(page.getByTestId('balance-total'))).not.toBe(huge7);

  // Latency: every answer waits, so the widgets show their loading state first.
  panel = await openSwitcher(page);
  await panel.getByTestId('demo-latency').fill('1500');
  await panel.getByTestId('demo-apply').click();
  await expect(page).toHaveURL(/latency=1500/);
  await expect(page.getByTestId('widget-flows')).toHaveAttribute('data-state', 'loading');
  await expect(page.getByTestId('widget-flows')).toHaveAttribute('data-state', 'ready');
  await page.reload();
  await expect(page.getByTestId('widget-flows')).toHaveAttribute('data-state', 'loading');
  await expect(page.getByTestId('widget-flows')).toHaveAttribute('data-state', 'ready');
  panel = await openSwitcher(page);
  await expect(panel.getByTestId('demo-latency')).toHaveValue('1500');
  watch.expectNone();
});

test('a failing endpoint chosen in the switcher fails only its widget', async ({ page }) => {
  await page.goto(`${BASE}?mock=default&${PIN}&latency=0`);
  const panel = await openSwitcher(page);
  await panel.getByTestId('demo-fail-flows').check();
  await panel.getByTestId('demo-apply').click();
  await expect(page).toHaveURL(/fail=flows/);
  await expect(page.getByTestId('widget-flows')).toHaveAttribute('data-state', 'error');
  for (const w of ['balance', 'used-summary', 'usage-chart', 'copilot-users', 'flow-actions', 'ai-pilots']) {
    await expect(page.getByTestId(`widget-${w}`)).toHaveAttribute('data-state', 'ready');
  }
  await page.reload();
  await expect(page.getByTestId('widget-flows')).toHaveAttribute('data-state', 'error');
  await expect((await openSwitcher(page)).getByTestId('demo-fail-flows')).toBeChecked();
});

test('Reset account forgets what the session bought', async ({ page }) => {
  await page.goto(`${BASE}?mock=default&${PIN}&latency=0`);
  await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
  const purchased = await value(page.getByTestId('balance-purchased'));
  await page.getByTestId('action-purchase').click();
  const d = page.getByTestId('dialog-purchase');
  await d.getByRole('button', { name: /^5,000 credits/ }).click();
  await d.getByTestId('purchase-confirm').click();
  await expect(d.getByTestId('purchase-success')).toBeVisible();
  await d.getByRole('button', { name: 'Close', exact: true }).click();
  await expect.poll(() => value(page.getByTestId('balance-purchased'))).toBe(purchased + 5000);

  const panel = await openSwitcher(page);
  await panel.getByTestId('demo-reset').click();
  await expect(panel.getByTestId('demo-reset-done')).toBeVisible();
  await expect.poll(() => value(page.getByTestId('balance-purchased'))).toBe(purchased);
  await page.reload();
  await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
  expect(await value(page.getByTestId('balance-purchased'))).toBe(purchased);
});

test('Apply switches the data in place, without loading the page again', async ({ page }) => {
  const watch = watchErrors(page);
  await page.goto(`${BASE}?mock=default&${PIN}&latency=0`);
  await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
  const before = await value(page.getByTestId('balance-total'));
  let loads = 0;
  page.on('load', () => (loads += 1));
  await page.evaluate(() => (window.__samePage = 'yes'));
  const panel = await openSwitcher(page);
  await panel.getByTestId('demo-scenario').selectOption('huge');
  await panel.getByTestId('demo-apply').click();
  await expect(page).toHaveURL(/mock=huge/);
  await expect(panel).toBeHidden();
  await expect.poll(() => value(page.getByTestId('balance-total'))).toBeGreaterThan(1e9);
  expect(await value(page.getByTestId('balance-total'))).not.toBe(before);
  // The same document: no load event, the page's own state still there.
  expect(loads).toBe(0);
  expect(await page.evaluate(() => window.__samePage)).toBe('yes');
  // In-app links carry the new demo.
  await expect(page.locator('.breadcrumbs a')).toHaveAttribute('href', /mock=huge/);
  // Another account: the last one's widget views and drill-down leave the address.
  await page.goto(`${BASE}?mock=default&${PIN}&latency=0&w.actions=flow%3Af1~Old&w.flows=cmp%3App&drill=2026-11-20..2026-11-20`);
  await expect(page.getByTestId('actions-flow-chip')).toBeVisible();
  await page.evaluate(() => (window.__samePage = 'yes'));
  loads = 0;
  const other = await openSwitcher(page);
  await other.getByTestId('demo-seed').fill('5');
  await other.getByTestId('demo-apply').click();
  await expect(page).toHaveURL(/seed=5/);
  await expect(page).not.toHaveURL(/w\.actions|w\.flows|drill=/);
  await expect(page.getByTestId('actions-flow-chip')).toHaveCount(0);
  await expect(page.getByTestId('drill-chip')).toHaveCount(0);
  // A failing endpoint too, in place.
  const again = await openSwitcher(page);
  await again.getByTestId('demo-fail-ai-pilots').check();
  await again.getByTestId('demo-apply').click();
  await expect(page.getByTestId('widget-ai-pilots')).toHaveAttribute('data-state', 'error');
  await expect(page.getByTestId('widget-flows')).toHaveAttribute('data-state', 'ready');
  expect(loads).toBe(0);
  watch.expectNone();
});

test('Reset all demo settings returns scenario, latency, today and failures to the defaults', async ({ page }) => {
  await page.goto(`${BASE}?mock=low-balance&seed=9&latency=300&${PIN}&fail=flows,summary`);
  await expect(page.getByTestId('widget-flows')).toHaveAttribute('data-state', 'error');
  const panel = await openSwitcher(page);
  await panel.getByTestId('demo-reset-all').click();
  await expect(panel.getByTestId('demo-reset-done')).toContainText('Every demo setting is back to its default');
  await expect(page).toHaveURL(/mock=default/);
  await expect(page).toHaveURL(/seed=42/);
  await expect(page).toHaveURL(/latency=200/);
  await expect(page).not.toHaveURL(/fail=/);
  await expect(page).not.toHaveURL(/today=/);
  await expect(panel.getByTestId('demo-scenario')).toHaveValue('default');
  await expect(panel.getByTestId('demo-seed')).toHaveValue('42');
  await expect(panel.getByTestId('demo-latency')).toHaveValue('200');
  await expect(panel.getByTestId('demo-fail-flows')).not.toBeChecked();
  await expect(page.getByTestId('widget-flows')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('widget-used-summary')).toHaveAttribute('data-state', 'ready');
  // A reload shows the same: the defaults are in the address.
  await page.reload();
  await expect(page.getByTestId('widget-flows')).toHaveAttribute('data-state', 'ready');
  await expect((await openSwitcher(page)).getByTestId('demo-scenario')).toHaveValue('default');
});

test('in demo mode the purchase dialog says no card is charged; with a real API it does not', async ({ page }) => {
  await page.goto(`${BASE}?mock=default&${PIN}&latency=0`);
  await page.getByTestId('action-purchase').click();
  await expect(page.getByTestId('purchase-demo-note')).toContainText('No card is charged');
  await useContractApi(page);
  await page.goto(BASE);
  await page.getByTestId('action-purchase').click();
  await expect(page.getByTestId('dialog-purchase').getByTestId('purchase-price').or(page.getByTestId('dialog-purchase').locator('.price'))).toBeVisible();
  await expect(page.getByTestId('purchase-demo-note')).toHaveCount(0);
});

/** The page background and the chart's legend colour, as the browser shows them. */
async function colours(page) {
  await expect(page.getByTestId('widget-usage-chart')).toHaveAttribute('data-state', 'ready');
  return page.evaluate(() => {
    const el = document.querySelector('[data-testid=widget-usage-chart] [_echarts_instance_]');
    const option = window.echarts.getInstanceByDom(el).getOption();
    return {
      page: getComputedStyle(document.body).backgroundColor,
      legend: option.legend[0].textStyle.color,
      smartFlows: option.series[0].lineStyle.color,
    };
  });
}

async function chooseTheme(page, key) {
  await page.getByTestId('profile-button').click();
  await page.getByTestId(`theme-${key}`).click();
  await expect(page.getByTestId(`theme-${key}`)).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');
}

test('the theme switches page and chart colours, and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${BASE}?mock=default&${PIN}&latency=0`);
  const light = await colours(page);
  expect(light.page).toBe('rgb(245, 246, 250)');

  await chooseTheme(page, 'dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(async () => (await colours(page)).legend).not.toBe(light.legend);
  const dark = await colours(page);
  expect(dark.page).toBe('rgb(15, 18, 25)');
  expect(dark.smartFlows).not.toBe(light.smartFlows);

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await colours(page)).toEqual(dark);

  // Back to the system's choice, which the page then follows as it changes.
  await chooseTheme(page, 'system');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
  await expect.poll(async () => (await colours(page)).legend).toBe(light.legend);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(async () => (await colours(page)).legend).toBe(dark.legend);
  expect((await colours(page)).page).toBe(dark.page);
  await page.reload();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
});

/** Elements reaching past the right edge of the page (a table may scroll inside its frame). */
function overflowing(page) {
  return page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > w) out.push(`page scrolls to ${document.documentElement.scrollWidth}`);
    for (const e of document.querySelectorAll('body *')) {
      if (e.closest('.table-scroll, .visually-hidden, [_echarts_instance_]')) continue;
      const r = e.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > w + 1 || r.left < -1) out.push(`${e.tagName.toLowerCase()}.${e.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
    return out.slice(0, 10);
  });
}

for (const width of [360, 1920]) {
  test(`at ${width} px no element overflows the page`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    for (const scenario of ['default', 'long-names', 'huge']) {
      await page.goto(`${BASE}?mock=${scenario}&${PIN}&latency=0`);
      await expect(page.getByTestId('widget-flows')).toHaveAttribute('data-state', 'ready');
      await expect(page.getByTestId('widget-usage-chart')).toHaveAttribute('data-state', 'ready');
      expect(await overflowing(page), scenario).toEqual([]);
      // Each report's credits show without scrolling its table, even next to 80-character names.
      const hidden = await page.evaluate(() =>
        [...document.querySelectorAll('.table-scroll')]
          .filter((box) => {
            const cell = box.querySelector('[data-testid=row] [data-col=credits]');
            return cell && cell.getBoundingClientRect().right > box.getBoundingClientRect().right + 1;
          })
          .map((box) => box.closest('[data-testid^=widget-]').dataset.testid),
      );
      expect(hidden, `${scenario}: credits out of sight`).toEqual([]);
    }
    await openSwitcher(page);
    expect(await overflowing(page), 'switcher').toEqual([]);
    await shot(page, `demo-switcher-${width}`);
    await page.keyboard.press('Escape');
    await page.getByTestId('profile-button').click();
    expect(await overflowing(page), 'profile menu').toEqual([]);
    for (const path of ['/billing', '/gallery']) {
      await page.goto(`${path}?${PIN}&latency=0`);
      await expect(page.locator('h1')).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(await overflowing(page), path).toEqual([]);
    }
  });
}

test('a recalculation of the account before a switch in place is no longer followed', async ({ page }) => {
  const watch = watchErrors(page);
  await page.goto(`${BASE}?mock=default&${PIN}&latency=0`);
  await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('action-recalculate').click();
  const d = page.getByTestId('dialog-recalculate');
  await d.getByTestId('recalculate-start').click();
  await expect(d.getByTestId('recalculate-progress')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('action-recalculate')).toHaveText('Recalculating…');
  expect(await page.evaluate(() => sessionStorage.getItem('credit-dash:recalculation-job'))).not.toBeNull();

  const panel = await openSwitcher(page);
  await panel.getByTestId('demo-seed').fill('8');
  await panel.getByTestId('demo-apply').click();
  await expect(page).toHaveURL(/seed=8/);
  await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
  // The other account's job is forgotten: nothing runs, and a new one can start.
  await expect(page.getByTestId('action-recalculate')).toHaveText('Recalculate');
  expect(await page.evaluate(() => sessionStorage.getItem('credit-dash:recalculation-job'))).toBeNull();
  await page.getByTestId('action-recalculate').click();
  await expect(d.getByTestId('recalculate-start')).toBeEnabled();
  await d.getByTestId('recalculate-start').click();
  await expect(d.getByTestId('recalculate-done')).toBeVisible({ timeout: 15_000 });
  watch.expectNone();
});
