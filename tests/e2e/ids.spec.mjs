// Element ids are unique on every page: a label's `for`, `aria-labelledby` and
// `aria-describedby` point at one element, never at the first of several. The pages are taken
// in the states that add ids (custom date ranges in several widgets, comparisons chosen, every
// dialog open, the gallery with dozens of widgets and dialogs at once).
import { test, expect } from './fixtures.mjs';
import { MOCK, DASHBOARD, watchErrors } from './helpers.mjs';

/** Ids that more than one element has, with their counts. */
async function duplicateIds(page) {
  return page.evaluate(() => {
    const seen = new Map();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} x${n}`);
  });
}

/** Every `for`, `aria-labelledby` and `aria-describedby` names an element that exists. */
async function danglingReferences(page) {
  return page.evaluate(() => {
    const missing = [];
    for (const el of document.querySelectorAll('[for], [aria-labelledby], [aria-describedby]')) {
      const refs = [el.getAttribute('for'), el.getAttribute('aria-labelledby'), el.getAttribute('aria-describedby')]
        .filter(Boolean)
        .flatMap((v) => v.split(/\s+/));
      for (const id of refs) if (!document.getElementById(id)) missing.push(id);
    }
    return missing;
  });
}

test('the dashboard has no duplicate ids, with custom ranges, comparisons and dialogs open', async ({ page }) => {
  const watch = watchErrors(page);
  await page.goto(`${DASHBOARD}?${MOCK}`);
  await expect(page.getByTestId('widget-flows')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('filter-date-preset').selectOption('custom');
  for (const w of ['widget-flows', 'widget-ai-pilots', 'widget-copilot-users']) {
    const widget = page.getByTestId(w);
    await widget.getByTestId('widget-filters-toggle').click();
    await widget.getByTestId('widget-date-preset').selectOption('custom');
    await expect(widget.getByTestId('widget-date-from')).toBeVisible();
  }
  // Compare None shows the "Choose a comparison first" hint in every report; one report
  // compares, so the hints and the comparison columns are both on the page.
  await page.getByTestId('widget-flow-actions').getByTestId('compare-with').selectOption('previous_period');
  expect(await duplicateIds(page)).toEqual([]);
  expect(await danglingReferences(page)).toEqual([]);
  for (const [button, dialog] of [
    ['action-purchase', 'dialog-purchase'],
    ['action-auto-recharge', 'dialog-auto-recharge'],
    ['action-recalculate', 'dialog-recalculate'],
  ]) {
    await page.getByTestId(button).click();
    await expect(page.getByTestId(dialog)).toBeVisible();
    expect(await duplicateIds(page), dialog).toEqual([]);
    await page.keyboard.press('Escape');
  }
  watch.expectNone();
});

test('the billing page, an unknown page and the gallery have no duplicate ids', async ({ page }) => {
  await page.goto(`/billing?${MOCK}`);
  await expect(page.getByTestId('plan-name')).toBeVisible();
  expect(await duplicateIds(page)).toEqual([]);
  await page.goto(`/no-such-page?${MOCK}`);
  await expect(page.getByTestId('not-found')).toBeVisible();
  expect(await duplicateIds(page)).toEqual([]);
  await page.goto('/gallery?today=2026-11-27&seed=42');
  await expect(page.locator('[data-testid^=gallery-usage-chart-] canvas')).toHaveCount(3);
  await expect(page.getByTestId('gallery-purchase-success').getByTestId('purchase-success')).toBeVisible();
  const cards = await page.locator('figure.gallery-card').count();
  expect(cards).toBeGreaterThan(60);
  expect(await duplicateIds(page)).toEqual([]);
  expect(await danglingReferences(page)).toEqual([]);
});
