// Issue 13 item 9 (phones): at 390 and 360 px every report's key columns fit its card, with the
// comparison and Show % on (the Copilot report keeps Team, the AI Pilots report its Change), and
// a name cut short shows in full when tapped.
import { test, expect } from './fixtures.mjs';
import { DASHBOARD, MOCK, shot } from './helpers.mjs';

const KEY_COLUMNS = {
  'widget-copilot-users': ['User', 'Team', 'Credits', 'Change'],
  'widget-flows': ['Status', 'Flow', 'Credits', 'Change'],
  // Flow type stays (issue 28 item 14: without it "Send email" showed twice, apparently alike).
  'widget-flow-actions': ['Action', 'Flow type', 'Credits', 'Change'],
  'widget-ai-pilots': ['AI Pilot', 'Status', 'Credits', 'Change'],
};

for (const width of [390, 360]) {
  test(`at ${width} px every report shows its key columns without scrolling sideways`, async ({ page }) => {
    await page.setViewportSize({ width, height: 844 });
    await page.goto(`${DASHBOARD}?${MOCK}`);
    for (const [id, columns] of Object.entries(KEY_COLUMNS)) {
      const w = page.getByTestId(id);
      await expect(w.getByTestId('row').first()).toBeVisible();
      await w.getByTestId('compare-with').selectOption('previous_period');
      await w.getByTestId('show-percent').check();
      await expect(w.locator('thead th', { hasText: 'Change' })).toBeVisible();
      const shown = await w.locator('thead th').evaluateAll((ths) => ths.filter((t) => getComputedStyle(t).display !== 'none').map((t) => t.textContent.trim()));
      expect(shown, id).toEqual(columns);
      const fit = await w.locator('.table-scroll').evaluate((s) => ({ scroll: s.scrollWidth, client: s.clientWidth }));
      expect(fit.scroll, `${id} at ${width} px`).toBeLessThanOrEqual(fit.client);
    }
    await shot(page, `phone-reports-${width}`);
  });
}

test('a name cut short on a phone shows in full when tapped, without widening the table', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${DASHBOARD}?${MOCK}`);
  const w = page.getByTestId('widget-copilot-users');
  await expect(w.getByTestId('row').first()).toBeVisible();
  // The first name the column cuts short.
  const names = await w.locator('[data-col=user] .cell-text').evaluateAll((els) => els.map((e) => e.scrollWidth > e.clientWidth));
  const index = names.indexOf(true);
  expect(index, 'some name is cut short at 390 px').toBeGreaterThanOrEqual(0);
  const name = w.locator('[data-col=user] .cell-text').nth(index);
  const full = await name.getAttribute('title');
  await name.click();
  await expect(name).toBeFocused();
  expect(await name.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
  await expect(name).toHaveText(full);
  const fit = await w.locator('.table-scroll').evaluate((s) => s.scrollWidth <= s.clientWidth);
  expect(fit).toBe(true);
  // Not a Tab stop: the keyboard walks the controls, not every name.
  expect(await name.getAttribute('tabindex')).toBe('-1');
});
