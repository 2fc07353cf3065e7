// Issue 13 item 7: compact widget filters. A widget's own date, team and user filters fold
// behind one "Filters" button; while they differ from the dashboard a chip says how ("Last 7
// days · Sales EMEA") and the reset stays one click. The figures come first, on a phone too.
import { test, expect } from './fixtures.mjs';
import { DASHBOARD, MOCK, SIZES, shot, watchErrors } from './helpers.mjs';

const WITH_FILTERS = ['widget-used-summary', 'widget-usage-chart', 'widget-copilot-users', 'widget-flows', 'widget-flow-actions', 'widget-ai-pilots'];

test('every widget folds its own filters behind one button that opens and closes them', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${DASHBOARD}?${MOCK}`);
  for (const id of WITH_FILTERS) {
    const w = page.getByTestId(id);
    await expect(w).toHaveAttribute('data-state', 'ready');
    const toggle = w.getByTestId('widget-filters-toggle');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(w.getByTestId('widget-date-preset')).toBeHidden();
    await expect(w.getByTestId('widget-teams')).toBeHidden();
    await expect(w.getByTestId('widget-users')).toBeHidden();
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(w.getByTestId('widget-date-preset')).toBeVisible();
    await expect(w.getByTestId('widget-teams')).toBeVisible();
    await expect(w.getByTestId('widget-users')).toBeVisible();
    // The button names the region it opens.
    const controls = await toggle.getAttribute('aria-controls');
    await expect(page.locator(`[id="${controls}"]`)).toBeVisible();
    await toggle.click();
    await expect(w.getByTestId('widget-date-preset')).toBeHidden();
  }
  // The balance has no filters of its own, so no button.
  await expect(page.getByTestId('widget-balance').getByTestId('widget-filters-toggle')).toHaveCount(0);
  errors.expectNone();
});

test('a chip summarises the widget\'s own filters while folded; reset is one click', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}`);
  const w = page.getByTestId('widget-copilot-users');
  await expect(w).toHaveAttribute('data-state', 'ready');
  await expect(w.getByTestId('widget-filters-chip')).toHaveCount(0);
  await w.getByTestId('widget-filters-toggle').click();
  await w.getByTestId('widget-date-preset').selectOption('last_7_days');
  await expect(w.getByTestId('widget-filters-chip')).toHaveText(/Last 7 days$/);
  await w.getByTestId('widget-teams').click();
  const team = w.locator('.multi-list').getByRole('checkbox').nth(1);
  const name = (await team.evaluate((e) => e.closest('label').textContent)).trim();
  await team.check();
  await w.getByRole('button', { name: 'Done' }).click();
  await expect(w.getByTestId('widget-filters-chip')).toHaveText(new RegExp(`Last 7 days · ${name}$`));
  await w.getByTestId('widget-teams').click();
  await w.locator('.multi-list').getByRole('checkbox').nth(2).check();
  await w.getByRole('button', { name: 'Done' }).click();
  await expect(w.getByTestId('widget-filters-chip')).toHaveText(/Last 7 days · 2 teams$/);
  // Folded again, the chip still says it.
  await w.getByTestId('widget-filters-toggle').click();
  await expect(w.getByTestId('widget-date-preset')).toBeHidden();
  await expect(w.getByTestId('widget-filters-chip')).toBeVisible();
  // A custom range is named by its dates.
  const f = page.getByTestId('widget-flows');
  await f.getByTestId('widget-filters-toggle').click();
  await f.getByTestId('widget-date-preset').selectOption('custom');
  await f.getByTestId('widget-date-from').fill('2026-11-02');
  await f.getByTestId('widget-date-to').fill('2026-11-08');
  await f.getByTestId('widget-date-to').press('Enter');
  await expect(f.getByTestId('widget-filters-chip')).toContainText('Nov 2');
  // Reset: one click, folded or not.
  await w.getByTestId('widget-filter-reset').click();
  await expect(w.getByTestId('widget-filters-chip')).toHaveCount(0);
});

test('on a phone the first figure comes right after the title and one row of controls', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${DASHBOARD}?${MOCK}`);
  const w = page.getByTestId('widget-used-summary');
  await expect(w).toHaveAttribute('data-state', 'ready');
  const head = await w.locator('.widget-head').boundingBox();
  const figure = await w.getByTestId('used-total').boundingBox();
  // Title, the Filters button and Compare with, then the total: well within the first screen.
  expect(figure.y - head.y).toBeLessThan(330);
});

for (const size of SIZES) {
  for (const scheme of ['light', 'dark']) {
    test(`screenshots of folded and open widget filters at ${size.name}, ${scheme}`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${DASHBOARD}?${MOCK}`);
      const w = page.getByTestId('widget-flows');
      await expect(w).toHaveAttribute('data-state', 'ready');
      await w.getByTestId('widget-filters-toggle').click();
      await w.getByTestId('widget-date-preset').selectOption('last_7_days');
      await expect(w.getByTestId('widget-filters-chip')).toBeVisible();
      await shot(page, `widget-filters-${size.name}-${scheme}`);
    });
  }
}
