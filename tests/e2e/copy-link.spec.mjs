// Issue 13 item 5 (its first part): "Copy link" puts the address of exactly this view on the
// clipboard: the dashboard's filters, the drill-down and the report choices kept in the URL, so
// a pasted link opens the same figures. Where the clipboard is refused, the link is shown to copy
// by hand.
import { test, expect } from './fixtures.mjs';
import { DASHBOARD, MOCK, value } from './helpers.mjs';

test('the copied link opens the same view in a new page', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`${DASHBOARD}?${MOCK}&from=2026-11-01&to=2026-11-27&drill=2026-11-24..2026-11-24&w.copilot=group:team`);
  await expect(page.getByTestId('widget-used-summary')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('widget-copilot-users')).toHaveAttribute('data-state', 'ready');
  const total = await value(page.getByTestId('used-total'));
  const firstTeam = await page.getByTestId('group-row').first().getAttribute('data-group');
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link-status')).toHaveText('Link copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());

  const other = await context.newPage();
  await other.goto(copied);
  await expect(other.getByTestId('drill-chip')).toContainText('Nov 24');
  await expect(other.getByTestId('used-total')).toHaveAttribute('data-value', String(total));
  await expect(other.getByTestId('group-row').first()).toHaveAttribute('data-group', firstTeam);
  // The note goes after a while.
  await expect(page.getByTestId('copy-link-status')).toHaveText('', { timeout: 8000 });
});

test('a refused clipboard shows the link to copy by hand', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
  });
  await page.goto(`${DASHBOARD}?${MOCK}`);
  await page.getByTestId('copy-link').click();
  const field = page.getByTestId('copy-link-status').locator('input');
  await expect(field).toHaveValue(page.url());
});

test('a link whose dates were clamped or unreadable copies the dates shown, not its own (issue 28 item 11)', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  for (const [query, from, to] of [
    // Before the dates the dashboard offers: clamped.
    ['from=2019-01-01&to=2026-11-27', null, '2026-11-27'],
    // Not a date: the bill cycle.
    ['from=garbage&to=2026-11-30', '2026-11-23', '2026-12-22'],
  ]) {
    await page.goto(`${DASHBOARD}?${MOCK}&${query}`);
    await expect(page.getByTestId('link-notice')).toBeVisible();
    await expect(page.getByTestId('widget-used-summary')).toHaveAttribute('data-state', 'ready');
    await page.getByTestId('copy-link').click();
    await expect(page.getByTestId('copy-link-status')).toHaveText('Link copied');
    const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
    const shown = await page.getByTestId('widget-used-summary').locator('.widget-sub').innerText();
    expect(copied.searchParams.get('to'), query).toBe(to);
    if (from) expect(copied.searchParams.get('from'), query).toBe(from);
    else expect(copied.searchParams.get('from'), query).not.toBe('2019-01-01');
    // The copied link opens without a notice, on the range that was shown.
    const other = await context.newPage();
    await other.goto(copied.href);
    await expect(other.getByTestId('widget-used-summary')).toHaveAttribute('data-state', 'ready');
    await expect(other.getByTestId('link-notice')).toHaveCount(0);
    await expect(other.getByTestId('widget-used-summary').locator('.widget-sub')).toHaveText(shown);
    await other.close();
  }
});
