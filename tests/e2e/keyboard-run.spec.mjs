// Issue 13: one keyboard-only run through the dashboard, as an admin without a mouse would do it:
// the date filter, the chart's buckets (into a drill-down), a report's sort, and a purchase. Only
// Tab, arrow keys, Enter, Space and typing; focus is found by walking with Tab, never by clicking.
import { test, expect } from './fixtures.mjs';
import { DASHBOARD, MOCK, value, watchErrors } from './helpers.mjs';

/** Presses Tab until `target` has focus (at most `limit` times); fails otherwise. */
async function tabTo(page, target, limit = 80) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

test('filters, chart buckets, a table sort and a purchase, from the keyboard alone', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${DASHBOARD}?${MOCK}`);
  await expect(page.getByTestId('widget-flows')).toHaveAttribute('data-state', 'ready');
  const remaining = await value(page.getByTestId('balance-remaining'));

  // The dashboard's date range: a native select, changed with the arrow keys.
  const preset = page.getByTestId('filter-date-preset');
  await tabTo(page, preset);
  const before = await preset.inputValue();
  await page.keyboard.press('ArrowDown');
  await expect(preset).not.toHaveValue(before);
  await expect(page).toHaveURL(/from=/);
  await expect(page.getByTestId('widget-usage-chart')).toHaveAttribute('data-state', 'ready');

  // The chart: focus it, move to the last bucket, Enter drills into it.
  const chart = page.getByTestId('widget-usage-chart').getByTestId('chart');
  await tabTo(page, chart);
  await page.keyboard.press('End');
  await expect(page.getByTestId('chart-focus')).not.toBeEmpty();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('drill-chip')).toBeVisible();

  // A report's sort: the Credits header's button, pressed with Enter, then again for the
  // other direction.
  const flows = page.getByTestId('widget-flows');
  await expect(flows).toHaveAttribute('data-state', /ready|empty/);
  const header = flows.locator('th[aria-sort]').filter({ hasText: 'Credits' }).first();
  const sortButton = header.locator('.th-sort');
  await tabTo(page, sortButton, 200);
  const first = await header.getAttribute('aria-sort');
  await page.keyboard.press('Enter');
  await expect(header).not.toHaveAttribute('aria-sort', first ?? '');
  const second = await header.getAttribute('aria-sort');
  await page.keyboard.press('Enter');
  await expect(header).not.toHaveAttribute('aria-sort', second ?? '');

  // A purchase: Shift+Tab back up to the header's action, then type and confirm.
  const buy = page.getByTestId('action-purchase');
  for (let i = 0; i < 300 && !(await buy.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Shift+Tab');
  }
  await expect(buy).toBeFocused();
  await page.keyboard.press('Enter');
  const d = page.getByTestId('dialog-purchase');
  await expect(d).toBeVisible();
  await tabTo(page, d.getByTestId('purchase-amount'));
  await page.keyboard.type('5000');
  await tabTo(page, d.getByTestId('purchase-confirm'));
  await page.keyboard.press('Enter');
  await expect(d.getByTestId('purchase-success')).toContainText('Purchased 5,000 credits');
  await page.keyboard.press('Escape');
  await expect(d).toBeHidden();
  await expect(buy).toBeFocused();
  await expect.poll(() => value(page.getByTestId('balance-remaining'))).toBeCloseTo(remaining + 5000, 2);
  errors.expectNone();
});
