// Issue 28: figures finance can sign off. What each figure and action means, beyond its
// arithmetic: the run-out date from now (today counted once), the pager's focus, links whose
// dates cannot be used, a true minus below zero, the auto-recharge banner put away, subtitles
// while new dates load, and the ledger's kind in the address. (The price, the purchase in
// flight and auto-recharge's rule are in dialogs.spec.mjs; partial buckets and days not asked
// for in chart-table.spec.mjs; the CSV rules natively and in dashboard.spec.mjs.)
import { test, expect } from './fixtures.mjs';
import { DASHBOARD, MOCK, watchErrors } from './helpers.mjs';
import { useContractApi, example } from './contract-api.mjs';

test.describe('the run-out date late in the day', () => {
  // 11:43 PM on Dec 6 in New York, the demo account's zone.
  test.use({ now: '2026-12-07T04:43:00Z' });
  test('counts today\'s use once: what is left lasts into tomorrow (issue 28 item 6)', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`${DASHBOARD}?mock=low-balance&today=2026-12-06&latency=0`);
    const w = page.getByTestId('widget-balance');
    await expect(w).toHaveAttribute('data-state', 'ready');
    const runout = page.getByTestId('balance-runout');
    const text = await runout.innerText();
    // The day's pace and what is left, as the sentence and the figures give them.
    const rate = Number(text.match(/At ([\d,]+) credits a day/)[1].replaceAll(',', ''));
    const left = Number(await page.getByTestId('balance-remaining').getAttribute('data-value'));
    expect(left).toBeGreaterThan(0);
    // Less than a day's use is left at 11:43 PM: it runs out tomorrow, Dec 7 (17 minutes of
    // today remain), not today.
    expect(left / rate).toBeLessThan(1);
    expect(left / rate).toBeGreaterThan(17 / 1440);
    await expect(runout).toContainText('run out on Dec 7, 2026');
    errors.expectNone();
  });
});

test('the pager keeps focus on its own buttons at the first and last page (issue 28 item 14)', async ({ page }) => {
  await page.goto(`${DASHBOARD}?mock=large&today=2026-11-27&latency=0`);
  const w = page.getByTestId('widget-flows');
  await expect(w).toHaveAttribute('data-state', 'ready');
  const next = w.getByTestId('page-next');
  const prev = w.getByTestId('page-prev');
  const status = await w.getByTestId('page-status').innerText();
  const pages = Number(status.match(/of ([\d,]+)/)[1].replaceAll(',', ''));
  expect(pages).toBeGreaterThan(1);
  // To the page before the last, then the last step with the keys.
  for (let i = 1; i < pages - 1; i++) await next.click();
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(w.getByTestId('page-status')).toHaveText(`Page ${pages} of ${pages}`);
  await expect(next).toBeDisabled();
  await expect(prev).toBeFocused();
  // And back to the first page: focus moves to Next.
  for (let i = pages; i > 2; i--) await prev.click();
  await prev.focus();
  await page.keyboard.press('Enter');
  await expect(prev).toBeDisabled();
  await expect(next).toBeFocused();
});

test('a link whose dates cannot be used says why and shows the bill cycle (issue 28 item 11)', async ({ page }) => {
  const errors = watchErrors(page);
  for (const [query, says] of [
    ['from=garbage&to=2026-11-20', '“garbage” is not a date'],
    ['from=2026-02-30&to=2026-03-05', '“2026-02-30” is not a date'],
    ['from=2026-11-20&to=2026-11-02', 'ends before it starts'],
    ['from=2026-11-20', 'a start date without an end'],
  ]) {
    await page.goto(`${DASHBOARD}?${MOCK}&${query}`);
    await expect(page.getByTestId('widget-flows')).toHaveAttribute('data-state', 'ready');
    const notice = page.getByTestId('link-notice');
    await expect(notice, query).toContainText(says);
    await expect(notice, query).toContainText('current bill cycle');
  }
  errors.expectNone();
});

test('a balance below zero is written with a true minus, as the ledger writes debits (issue 28 item 14)', async ({ page }) => {
  await useContractApi(page, {
    '/credits/balance': (route) =>
      route.fulfill({ json: { ...example('/credits/balance'), used_credits: 58789.4, remaining_credits: -3789.4 } }),
  });
  await page.goto(DASHBOARD);
  const remaining = page.getByTestId('balance-remaining');
  await expect(remaining).toHaveAttribute('data-value', '-3789.4');
  await expect(remaining).toHaveText('\u22123,789.40');
});

test('the auto-recharge banner can be put away for the tab (issue 28 item 14)', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}`);
  const banner = page.getByTestId('auto-recharge-banner');
  await expect(banner).toBeVisible();
  await banner.getByTestId('auto-recharge-banner-dismiss').click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('auto-recharge-state')).toHaveText('Off');
  await page.reload();
  await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('auto-recharge-state')).toHaveText('Off');
  await expect(banner).toHaveCount(0);
});

test('while new dates load, the subtitles name the figures shown and the range on its way (issue 28 item 8)', async ({ page }) => {
  await page.goto(`${DASHBOARD}?mock=default&today=2026-11-27&latency=2000`);
  const ids = ['widget-used-summary', 'widget-usage-chart', 'widget-flows'];
  for (const id of ids) await expect(page.getByTestId(id)).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  // The demo account's bill cycle.
  const before = await page.getByTestId('widget-usage-chart').locator('.widget-sub').innerText();
  expect(before).toMatch(/^Nov 23\s–\sDec 22, 2026$/);
  await page.getByTestId('filter-date-preset').selectOption('last_7_days');
  for (const id of ids) {
    const sub = page.getByTestId(id).locator('.widget-sub');
    await expect(sub, id).toContainText(/^Nov 23\s–\sDec 22, 2026 · updating to Nov 21\s–\s27, 2026…/);
  }
  for (const id of ids) {
    const sub = page.getByTestId(id).locator('.widget-sub');
    await expect(sub, id).not.toContainText('updating', { timeout: 20_000 });
    await expect(sub, id).toContainText(/^Nov 21\s–\s27, 2026/);
  }
});

test('the ledger\'s kind filter keeps one kind in the address (issue 28 item 14)', async ({ page }) => {
  await page.goto(`/billing/history?${MOCK}`);
  await expect(page.getByTestId('history-row').first()).toBeVisible();
  for (const kind of ['usage', 'grant', 'purchase']) {
    await page.getByTestId('history-kind').selectOption(kind);
    await expect(page).toHaveURL(new RegExp(`[?&]kind=${kind}(&|$)`));
  }
  expect(new URL(page.url()).searchParams.getAll('kind')).toEqual(['purchase']);
  await expect(page.getByTestId('history-row').first()).toHaveAttribute('data-kind', 'purchase');
});
