// Issue 13 item 3: History, the credit ledger (/billing/history). Every balance change, newest
// first, with a running balance whose newest value is the balance widget's remaining credits; a
// purchase made in this session is listed first; filters by dates and kind live in the URL;
// older pages load on demand; the CSV has every page. Mock mode and HTTP mode (the contract's
// example, and what a server may send beyond it).
import { test, expect } from './fixtures.mjs';
import { readFileSync } from 'node:fs';
import { DASHBOARD, MOCK, SIZES, chooseKinds, shot, value, watchErrors } from './helpers.mjs';
import { useContractApi, example } from './contract-api.mjs';

const HISTORY = '/billing/history';
const rows = (page) => page.getByTestId('history-row');

/** Every shown row as numbers and keys. */
const ledger = (page) =>
  rows(page).evaluateAll((els) =>
    els.map((e) => ({
      kind: e.dataset.kind,
      status: e.dataset.status ?? null,
      credits: Number(e.dataset.credits),
      balance: Number(e.dataset.balance),
      date: e.querySelector('td').textContent,
    })),
  );

/** Each row's balance is the older row's plus its credits (a failed top-up changes nothing;
 * a cycle's grant starts from zero). */
function expectConsistent(list) {
  for (let i = 0; i + 1 < list.length; i++) {
    const [newer, older] = [list[i], list[i + 1]];
    if (newer.kind === 'grant') {
      expect(older.balance, `before the grant of row ${i}`).toBeCloseTo(0, 2);
      expect(newer.balance).toBeCloseTo(newer.credits, 2);
    } else if (newer.status === 'failed' || newer.status === 'pending') {
      expect(newer.balance).toBeCloseTo(older.balance, 2);
    } else {
      expect(newer.balance, `row ${i} (${newer.kind})`).toBeCloseTo(older.balance + newer.credits, 2);
    }
  }
}

test('the newest running balance is the remaining credits, and a purchase made now comes first', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${DASHBOARD}?${MOCK}`);
  await expect(page.getByTestId('balance-remaining')).toBeVisible();
  await page.getByTestId('action-purchase').click();
  const d = page.getByTestId('dialog-purchase');
  await d.getByTestId('purchase-amount').fill('5000');
  await d.getByTestId('purchase-confirm').click();
  await expect(d.getByTestId('purchase-success')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect.poll(() => value(page.getByTestId('balance-remaining'))).toBeGreaterThan(0);
  const remaining = await value(page.getByTestId('balance-remaining'));
  // From the dashboard's header.
  await page.getByTestId('history-link').click();
  await expect(page).toHaveURL(/\/billing\/history/);
  await expect(rows(page).first()).toBeVisible();
  const first = rows(page).first();
  await expect(first).toHaveAttribute('data-kind', 'purchase');
  await expect(first).toHaveAttribute('data-status', 'succeeded');
  expect(Number(await first.getAttribute('data-credits'))).toBe(5000);
  expect(Number(await first.getAttribute('data-balance'))).toBeCloseTo(remaining, 2);
  await expect(first).toContainText('$47.50');
  await expect(first).toContainText('Visa ending in 4242');
  const list = await ledger(page);
  expect(list.length).toBe(50);
  expectConsistent(list);
  // A usage row names its features, and its credits are negative.
  const usage = page.locator('[data-testid=history-row][data-kind=usage]').first();
  await expect(usage).toContainText('Smart Flows');
  expect(Number(await usage.getAttribute('data-credits'))).toBeLessThan(0);
  errors.expectNone();
});

test('older pages load on demand and keep the order and the running balance', async ({ page }) => {
  await page.goto(`${HISTORY}?${MOCK}`);
  await expect(rows(page)).toHaveCount(50);
  await expect(page.getByTestId('history-count')).toHaveText('Newest 50 entries');
  await page.getByTestId('history-more').click();
  await expect(rows(page)).toHaveCount(100);
  const list = await ledger(page);
  expectConsistent(list);
  const dates = list.map((r) => Date.parse(r.date));
  for (let i = 0; i + 1 < dates.length; i++) expect(dates[i]).toBeGreaterThanOrEqual(dates[i + 1]);
  // Cycles end in lapsed credits or a settled overdraft, then start with the plan's credits.
  expect(list.some((r) => r.kind === 'grant')).toBe(true);
  expect(list.some((r) => r.kind === 'expiry' || r.kind === 'overdraft')).toBe(true);
});

test('filters by kind and dates live in the URL, Back undoes them, and dates out of order are refused', async ({ page }) => {
  await page.goto(`/billing?${MOCK}`);
  await page.getByTestId('history-link').click();
  await expect(rows(page)).toHaveCount(50);
  await chooseKinds(page, ['Plan credits']);
  await expect(page).toHaveURL(/kinds=grant/);
  await expect.poll(async () => (await ledger(page)).every((r) => r.kind === 'grant')).toBe(true);
  const grants = await rows(page).count();
  expect(grants).toBeGreaterThan(1);
  await expect(page.getByTestId('history-count')).toHaveText(`All ${grants} entries`);
  await page.goBack();
  await expect(page).not.toHaveURL(/kind=/);
  await expect(rows(page)).toHaveCount(50);
  await page.getByTestId('history-from').fill('2026-11-20');
  await page.getByTestId('history-to').fill('2026-11-22');
  await expect(page).toHaveURL(/from=2026-11-20.*to=2026-11-22|to=2026-11-22.*from=2026-11-20/);
  await expect.poll(async () => (await ledger(page)).length).toBeLessThan(10);
  for (const r of await ledger(page)) {
    const t = Date.parse(r.date);
    expect(t).toBeGreaterThanOrEqual(Date.parse('Nov 20, 2026'));
    expect(t).toBeLessThanOrEqual(Date.parse('Nov 22, 2026'));
  }
  await page.getByTestId('history-from').fill('2026-11-25');
  await expect(page.getByTestId('history-filter-error')).toContainText('after the end date');
  await expect(page.getByTestId('history-from')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('history-empty')).toHaveCount(0);
  await expect(rows(page)).toHaveCount(0);
  await page.getByTestId('history-clear').click();
  await expect(rows(page)).toHaveCount(50);
  await expect(page.getByTestId('history-filter-error')).toHaveCount(0);
});

test('the CSV has every page of what the filters select', async ({ page }) => {
  await page.goto(`${HISTORY}?${MOCK}`);
  await expect(rows(page)).toHaveCount(50);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(download.suggestedFilename()).toBe('credit-history.csv');
  const lines = readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
  expect(lines[0]).toBe('"date","kind","credits","balance","smart_flows","ai_copilot","ai_pilots","amount","currency","method","status","at","receipt_url","id"');
  expect(lines.length - 1).toBeGreaterThan(100);
  // Every entry once, down to the oldest: the first cycle's plan credits.
  const ids = lines.slice(1).map((l) => l.split(',').at(-1));
  expect(new Set(ids).size).toBe(ids.length);
  expect(lines.at(-1).split(',')[1]).toBe('"grant"');
  // The first line is the first row shown.
  const first = (await ledger(page))[0];
  const cells = lines[1].split(',');
  expect(Number(cells[2])).toBeCloseTo(first.credits, 2);
  expect(Number(cells[3])).toBeCloseTo(first.balance, 2);
  // Narrowed to one kind, every page of it and nothing else.
  await chooseKinds(page, ['Usage']);
  await expect.poll(async () => (await ledger(page)).every((r) => r.kind === 'usage')).toBe(true);
  const [usage] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(usage.suggestedFilename()).toBe('credit-history_usage.csv');
  const used = readFileSync(await usage.path(), 'utf8').trim().split(/\r?\n/).slice(1);
  expect(used.length).toBeGreaterThan(50);
  expect(used.every((l) => l.split(',')[1] === '"usage"')).toBe(true);
});

test('leaving the page while the history loads, or switching the demo on it, breaks nothing', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${HISTORY}?mock=default&today=2026-11-27&latency=800`);
  await expect(page.getByTestId('history-loading')).toBeVisible();
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByTestId('plan-name')).toBeVisible();
  await page.waitForTimeout(1200);
  await page.getByTestId('history-link').click();
  await expect(rows(page).first()).toBeVisible();
  // Apply on this page: the history of the other account, without a page load.
  await page.getByTestId('demo-badge').click();
  await page.getByTestId('demo-scenario').selectOption('low-balance');
  await page.getByTestId('demo-apply').click();
  await expect(page).toHaveURL(/mock=low-balance/);
  await expect(page.locator('[data-testid=history-row][data-status=failed]')).toHaveCount(1);
  errors.expectNone();
});

test('a failing history says so with Retry, and the export says why it failed', async ({ page }) => {
  await page.goto(`${HISTORY}?${MOCK}&fail=history`);
  await expect(page.getByTestId('error')).toBeVisible();
  await expect(page.getByTestId('export-csv')).toBeEnabled();
  await page.getByTestId('export-csv').click();
  await expect(page.getByTestId('export-error')).toContainText('The export failed');
});

test.describe('HTTP mode', () => {
  test("the contract's example: balances, a failed recharge, a receipt, and the newest balance is the remaining credits", async ({ page }) => {
    const errors = watchErrors(page);
    const seen = await useContractApi(page);
    await page.goto(`${DASHBOARD}`);
    await expect(page.getByTestId('balance-remaining')).toBeVisible();
    const remaining = await value(page.getByTestId('balance-remaining'));
    await page.getByTestId('history-link').click();
    await expect(rows(page)).toHaveCount(6);
    const list = await ledger(page);
    expect(list[0].balance).toBeCloseTo(remaining, 2);
    expect(list.map((r) => r.kind)).toEqual(['usage', 'auto_recharge', 'purchase', 'usage', 'grant', 'expiry']);
    expectConsistent(list);
    const failed = rows(page).nth(1);
    await expect(failed).toHaveAttribute('data-status', 'failed');
    await expect(failed).toContainText('Failed');
    await expect(rows(page).nth(2).getByTestId('history-receipt')).toHaveAttribute('href', 'https://billing.example.com/receipts/pur_1001');
    // Times in the account's zone (the example's America/New_York): 15:42 UTC is 10:42 AM.
    await expect(rows(page).nth(2)).toContainText('10:42');
    // The next page asks with the cursor it was given, with the filters.
    await chooseKinds(page, ['Purchase']);
    await expect.poll(() => seen.filter((s) => s.path === '/credits/history' && s.query.get('kinds') === 'purchase').length).toBeGreaterThan(0);
    await page.getByTestId('history-more').click();
    await expect.poll(() => seen.filter((s) => s.path === '/credits/history' && s.query.get('cursor') === 'eyJvIjo2fQ').length).toBe(1);
    const next = seen.find((s) => s.path === '/credits/history' && s.query.get('cursor') === 'eyJvIjo2fQ');
    expect(next.query.get('kinds')).toBe('purchase');
    // The same example again: nothing is listed twice.
    await expect(page.getByTestId('history-more')).toBeVisible();
    await expect(rows(page)).toHaveCount(6);
    errors.expectNone();
  });

  test('one entry is counted as one (issue 28 item 14: not "All 1 entries")', async ({ page }) => {
    const body = example('/credits/history');
    body.entries = body.entries.slice(0, 1);
    body.next_cursor = null;
    await useContractApi(page, { '/credits/history': (route) => route.fulfill({ json: body }) });
    await page.goto(HISTORY);
    await expect(rows(page)).toHaveCount(1);
    await expect(page.getByTestId('history-count')).toHaveText('1 entry');
  });

  test('unknown kinds and statuses show as sent, nulls are absent, and absurd amounts are refused', async ({ page }) => {
    const body = example('/credits/history');
    body.entries[0] = { id: 'x1', kind: 'promo_credit', date: '2026-11-27', credits: 100, balance: 13865.44, status: 'disputed', amount: null, method: null, at: null, receipt_url: 'javascript:alert(1)' };
    body.next_cursor = null;
    await useContractApi(page, { '/credits/history': (route) => route.fulfill({ json: body }) });
    await page.goto(`${HISTORY}`);
    await expect(rows(page)).toHaveCount(6);
    const odd = rows(page).first();
    await expect(odd).toHaveAttribute('data-kind', 'promo_credit');
    await expect(odd).toContainText('promo_credit');
    await expect(odd).toContainText('disputed');
    await expect(odd.getByTestId('history-receipt')).toHaveCount(0);
    await expect(page.getByTestId('history-more')).toHaveCount(0);
    await expect(page.getByTestId('history-count')).toHaveText('All 6 entries');

    const huge = example('/credits/history');
    huge.entries[0].credits = 1e20;
    await page.unroute('**/api/v1/**');
    await useContractApi(page, { '/credits/history': (route) => route.fulfill({ json: huge }) });
    await page.reload();
    await expect(page.getByTestId('error')).toContainText('more than the app can show');
  });

  test('an HTML error page, then a slow answer, then the data: Retry keeps the filters', async ({ page }) => {
    let calls = 0;
    await useContractApi(page, {
      '/credits/history': async (route) => {
        calls += 1;
        if (calls === 1) return route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' });
        await new Promise((r) => setTimeout(r, 800));
        return route.fulfill({ json: example('/credits/history') });
      },
    });
    await page.goto(`${HISTORY}?kind=usage`);
    await expect(page.getByTestId('error')).toBeVisible();
    await page.getByTestId('retry').click();
    await expect(page.getByTestId('history-loading')).toBeVisible();
    await expect(rows(page).first()).toBeVisible();
    // An older link's single kind still reads, as the list's one choice.
    await expect(page.getByTestId('history-kinds')).toHaveAccessibleName('Kinds: Usage');
  });
});

for (const size of SIZES) {
  for (const scheme of ['light', 'dark']) {
    test(`history screenshot ${size.name} ${scheme}`, async ({ page }) => {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${HISTORY}?mock=low-balance&today=2026-11-27&latency=0`);
      await expect(rows(page).first()).toBeVisible();
      // Every column fits the card at a phone's width: no sideways scroll.
      const overflow = await page.locator('.history .table-scroll').evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      await shot(page, `history-${size.name}-${scheme}`);
    });
  }
}
