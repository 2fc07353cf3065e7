// Issue 13 item 2: money next to credits. "Show value in USD" shows each credits figure's value
// at the plan's lowest per-credit price (the price the purchase dialog quotes for its best pack);
// the figure's element carries it in data-money, and the CSV gets a value column. Mock mode and
// HTTP mode, with prices that fail to load.
import { test, expect } from './fixtures.mjs';
import { readFileSync } from 'node:fs';
import { DASHBOARD, MOCK, SIZES, shot, value, watchErrors } from './helpers.mjs';
import { useContractApi, example } from './contract-api.mjs';

const WIDGETS = ['widget-balance', 'widget-used-summary', 'widget-usage-chart', 'widget-copilot-users', 'widget-flows', 'widget-flow-actions', 'widget-ai-pilots'];
const cents = (v) => Math.round(v * 100) / 100;

async function ready(page) {
  for (const id of WIDGETS) await expect(page.getByTestId(id)).toHaveAttribute('data-state', /ready|empty/);
}

/** The price per credit of the best pack, as the purchase dialog quotes it. */
async function quotedPrice(page, credits) {
  await page.getByTestId('action-purchase').click();
  const d = page.getByTestId('dialog-purchase');
  await d.getByTestId('purchase-amount').fill(String(credits));
  const text = await d.getByTestId('purchase-price').locator('strong').innerText();
  await page.keyboard.press('Escape');
  await expect(d).toBeHidden();
  return Number(text.replace(/[^\d.]/g, '')) / credits;
}

/** Every figure that carries data-money: [data-value, data-money]. */
const valued = (page) =>
  page.locator('[data-money]').evaluateAll((els) => els.map((e) => [Number(e.dataset.value), Number(e.dataset.money)]));

test('the toggle values every credits figure at the price the purchase dialog quotes, and is remembered', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${DASHBOARD}?${MOCK}`);
  await ready(page);
  const toggle = page.getByTestId('show-money');
  await expect(toggle).not.toBeChecked();
  await expect(page.locator('[data-money]')).toHaveCount(0);
  // The best pack is 25,000 credits; its price per credit is the plan's lowest.
  const price = await quotedPrice(page, 25000);
  expect(price).toBeCloseTo(0.0085, 6);
  await expect(page.getByTestId('money-rate')).toContainText('$8.50 per 1,000 credits');

  await toggle.check();
  for (const id of ['used-total', 'used-smart_flows', 'used-ai_copilot', 'used-ai_pilots', 'balance-remaining', 'balance-used']) {
    const el = page.getByTestId(id);
    await expect(el).toHaveAttribute('data-money', String(cents((await value(el)) * price)));
  }
  // The value is shown beside the figure, in dollars.
  const total = await value(page.getByTestId('used-total'));
  await expect(page.getByTestId('widget-used-summary').locator('.money').first()).toHaveText(
    `$${cents(total * price).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
  );
  // Every report's credits cells and totals, and the chart's total.
  for (const id of ['widget-copilot-users', 'widget-flows', 'widget-flow-actions', 'widget-ai-pilots']) {
    const cell = page.getByTestId(id).locator('[data-testid=row] [data-col=credits] [data-value]').first();
    await expect(cell).toHaveAttribute('data-money', String(cents((await value(cell)) * price)));
    const foot = page.getByTestId(id).locator('[data-testid=totals] [data-col=credits] [data-value]');
    await expect(foot).toHaveAttribute('data-money', String(cents((await value(foot)) * price)));
  }
  const all = await valued(page);
  expect(all.length).toBeGreaterThan(40);
  for (const [v, m] of all) expect(m).toBeCloseTo(cents(v * price), 2);
  const chartTotal = await value(page.getByTestId('chart-total'));
  await expect(page.getByTestId('chart-total')).toContainText(`($${cents(chartTotal * price).toLocaleString('en-US', { minimumFractionDigits: 2 })})`);

  // Remembered for the next visit.
  await page.reload();
  await ready(page);
  await expect(page.getByTestId('show-money')).toBeChecked();
  await expect(page.getByTestId('used-total')).toHaveAttribute('data-money', /\d/);
  // Off again: no values anywhere.
  await page.getByTestId('show-money').uncheck();
  await expect(page.locator('[data-money]')).toHaveCount(0);
  await expect(page.locator('.money')).toHaveCount(0);
  errors.expectNone();
});

test('the CSV carries a value column after each credits column while values are shown', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}&from=2026-11-01&to=2026-11-27`);
  await ready(page);
  await page.getByTestId('show-money').check();
  const w = page.getByTestId('widget-flows');
  await w.getByTestId('compare-with').selectOption('previous_period');
  await expect(w.locator('[data-testid=totals] [data-col=previous]')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), w.getByTestId('export-csv').click()]);
  const lines = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.replace(/"/g, ''));
  const at = (name) => header.indexOf(name);
  expect(at('value_usd')).toBe(at('credits') + 1);
  expect(at('previous_value_usd')).toBe(at('previous_credits') + 1);
  for (const line of lines.slice(1, 6)) {
    const f = line.match(/("(?:[^"]|"")*"|[^,]*)(,|$)/g).map((s) => s.replace(/,$/, '').replace(/^"|"$/g, ''));
    expect(Number(f[at('value_usd')])).toBeCloseTo(cents(Number(f[at('credits')]) * 0.0085), 2);
    expect(Number(f[at('previous_value_usd')])).toBeCloseTo(cents(Number(f[at('previous_credits')]) * 0.0085), 2);
  }
});

test('HTTP mode: values come from the contract\'s pricing', async ({ page }) => {
  await useContractApi(page);
  await page.goto(DASHBOARD);
  await ready(page);
  const pricing = example('/credits/pricing');
  const price = Math.min(pricing.price_per_1000 / 1000, ...pricing.packs.map((p) => p.price / p.credits));
  await page.getByTestId('show-money').check();
  await expect(page.getByTestId('used-total')).toHaveAttribute('data-money', String(cents(example('/credits/usage/summary').total * price)));
  await expect(page.getByTestId('balance-remaining')).toHaveAttribute('data-money', String(cents(example('/credits/balance').remaining_credits * price)));
});

test('HTTP mode: when prices cannot be loaded the toggle says so and no figure is valued', async ({ page }) => {
  await useContractApi(page, {
    '/credits/pricing': (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body>Bad gateway</body></html>' }),
  });
  await page.addInitScript(() => localStorage.setItem('credit-dash:show-money', '1'));
  await page.goto(DASHBOARD);
  await expect(page.getByTestId('widget-used-summary')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('money-rate')).toHaveText('Prices could not be loaded');
  await expect(page.getByTestId('show-money')).toBeDisabled();
  await expect(page.locator('[data-money]')).toHaveCount(0);
});

for (const size of SIZES) {
  for (const scheme of ['light', 'dark']) {
    test(`screenshot of values shown at ${size.name}, ${scheme}`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.addInitScript(() => localStorage.setItem('credit-dash:show-money', '1'));
      await page.goto(`${DASHBOARD}?${MOCK}`);
      await ready(page);
      await expect(page.getByTestId('used-total')).toHaveAttribute('data-money', /\d/);
      await shot(page, `money-${size.name}-${scheme}`);
    });
  }
}
