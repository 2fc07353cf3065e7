// Issue 28: figures finance can sign off. What each figure and action means, beyond its
// arithmetic: the run-out date from now (today counted once), the pager's focus, links whose
// dates cannot be used, a true minus below zero, the auto-recharge banner put away, subtitles
// while new dates load, and the ledger's kind in the address. (The price, the purchase in
// flight and auto-recharge's rule are in dialogs.spec.mjs; partial buckets and days not asked
// for in chart-table.spec.mjs; the CSV rules natively and in dashboard.spec.mjs.)
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.mjs';
import { DASHBOARD, MOCK, chooseKinds, watchErrors } from './helpers.mjs';
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
    // The pace and what is left, as the sentence and the figures give them: Dec 6 is a
    // Sunday (a weekend day's pace), Dec 7 a Monday (a weekday's).
    const [, weekday, weekend] = text.match(/At the last four weeks' pace \(([\d,]+) credits a weekday, ([\d,]+) a weekend day\)/).map((n) => Number(n.replaceAll(',', '')));
    const left = Number(await page.getByTestId('balance-remaining').getAttribute('data-value'));
    expect(left).toBeGreaterThan(0);
    // What is left outlasts the 17 minutes of today but not Monday too: it runs out tomorrow,
    // Dec 7, not today.
    expect(left).toBeGreaterThan(weekend * 17 / 1440);
    expect(left).toBeLessThan(weekend * 17 / 1440 + weekday);
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

test('the ledger\'s kinds are a multi-select kept as one kinds= list in the address (issue 28 item 14)', async ({ page }) => {
  await page.goto(`/billing/history?${MOCK}`);
  await expect(page.getByTestId('history-row').first()).toBeVisible();
  await chooseKinds(page, ['Purchase', 'Auto-recharge']);
  await expect(page).toHaveURL(/[?&]kinds=purchase%2Cauto_recharge(&|$)|[?&]kinds=purchase,auto_recharge(&|$)/);
  const params = new URL(page.url()).searchParams;
  expect(params.getAll('kinds')).toEqual(['purchase,auto_recharge']);
  expect(params.getAll('kind')).toEqual([]);
  await expect(page.getByTestId('history-kinds')).toHaveAccessibleName('Kinds: 2 kinds');
  await expect.poll(async () => {
    const kinds = await page.getByTestId('history-row').evaluateAll((rs) => rs.map((r) => r.dataset.kind));
    return kinds.length > 0 && kinds.every((k) => k === 'purchase' || k === 'auto_recharge');
  }).toBe(true);
  // One kind again: still one list.
  await chooseKinds(page, ['Usage']);
  expect(new URL(page.url()).searchParams.getAll('kinds')).toEqual(['usage']);
  await expect(page.getByTestId('history-row').first()).toHaveAttribute('data-kind', 'usage');
});

test('zero has one rule: the demo pauses at zero, a server\'s overage is said with its amount and invoice (issue 28 item 1)', async ({ page }) => {
  const errors = watchErrors(page);
  // The large account's ledger over the days it used to run a million credits below zero.
  await page.goto('/billing/history?mock=large&today=2026-11-27&latency=0&from=2026-11-10&to=2026-11-22');
  const rows = page.getByTestId('history-row');
  await expect(rows.first()).toBeVisible();
  const balances = await rows.evaluateAll((rs) => rs.map((r) => Number(r.dataset.balance)));
  expect(balances.length).toBeGreaterThan(10);
  expect(Math.min(...balances)).toBeGreaterThanOrEqual(0);
  expect(await page.locator('[data-testid="history-row"][data-kind="overdraft"]').count()).toBe(0);
  // The account bought before running out instead: top-ups in those days.
  expect(await page.locator('[data-testid="history-row"][data-kind="purchase"]').count()).toBeGreaterThan(0);
  errors.expectNone();
});

test('a server\'s overage: the balance card, the summary and the ledger say over by how much, billed what (issue 28 item 1)', async ({ page }) => {
  const errors = watchErrors(page);
  const history = example('/credits/history');
  const overage = {
    ...history.entries[0],
    id: 'ovg-1',
    kind: 'overage',
    credits: 3789.4,
    balance: 0,
    amount: 34.11,
    currency: 'USD',
    status: 'succeeded',
    method: undefined,
    by_feature: undefined,
    receipt_url: 'https://billing.example.com/invoices/ovg-1',
  };
  await useContractApi(page, {
    '/credits/balance': (route) =>
      route.fulfill({
        json: {
          ...example('/credits/balance'),
          used_credits: 58789.4,
          remaining_credits: -3789.4,
          at_limit: 'overage',
          overage: { credits: 3789.4, amount: 34.11 },
        },
      }),
    '/credits/history': (route) => route.fulfill({ json: { ...history, entries: [overage, ...history.entries] } }),
  });
  await page.goto(DASHBOARD);
  await expect(page.getByTestId('balance-overage')).toHaveText('Over by 3,789.40 credits ($34.11)');
  await expect(page.getByTestId('balance-runout')).toHaveText("Usage goes on past the cycle's credits and is billed as an overage.");
  await expect(page.getByTestId('summary-overage')).toContainText('over by 3,789.40 credits ($34.11), billed as an overage');
  await page.goto('/billing/history');
  const row = page.locator('[data-testid="history-row"][data-kind="overage"]');
  await expect(row).toContainText('Overage billed');
  await expect(row).toContainText('billed $34.11 on the invoice');
  await expect(row.getByTestId('history-receipt')).toHaveText('Invoice');
  await expect(row.getByTestId('history-receipt')).toHaveAttribute('href', 'https://billing.example.com/invoices/ovg-1');
  errors.expectNone();
});

test('at zero under pause the balance card says usage is paused and how to resume (issue 28 item 1)', async ({ page }) => {
  await useContractApi(page, {
    '/credits/balance': (route) =>
      route.fulfill({ json: { ...example('/credits/balance'), used_credits: 55000, remaining_credits: 0, at_limit: 'pause' } }),
  });
  await page.goto(DASHBOARD);
  await expect(page.getByTestId('balance-runout')).toContainText('Usage is paused: no credits left. Buy credits or turn on auto-recharge to resume; the next cycle starts on');
  await expect(page.getByTestId('balance-overage')).toHaveCount(0);
  await expect(page.getByTestId('summary-overage')).toHaveCount(0);
});

test('the forecast follows the last four weeks\' weekday and weekend pace and dates each expected auto-recharge (issue 28 item 6)', async ({ page }) => {
  const errors = watchErrors(page);
  // As of Friday Nov 27, 9:05 AM in New York: 13,765.44 left until Nov 30. The rest of Friday
  // at 10,000 a weekday uses 6,215, the weekend 2,000; Monday's 10,000 needs two recharges
  // of 5,000 below 2,000 (5,550 on hand, 3,550 usable before the first).
  const balance = { ...example('/credits/balance'), pace: { from: '2026-10-30', to: '2026-11-26', weekday: 10000, weekend: 1000 } };
  await useContractApi(page, {
    '/credits/balance': (route) => route.fulfill({ json: balance }),
    '/credits/auto-recharge': (route) =>
      route.fulfill({ json: { ...example('/credits/auto-recharge'), enabled: true, threshold_credits: 2000, recharge_credits: 5000, monthly_limit: null, last_failure: null } }),
  });
  await page.goto(DASHBOARD);
  const runout = page.getByTestId('balance-runout');
  await expect(runout).toHaveText("At the last four weeks' pace (10,000 credits a weekday, 1,000 a weekend day), auto-recharge tops up 2 times before the cycle ends ($95.00).");
  const items = page.getByTestId('runout-recharge');
  await expect(items).toHaveCount(2);
  expect(await items.evaluateAll((els) => els.map((e) => e.dataset.date))).toEqual(['2026-11-30', '2026-11-30']);
  await expect(items.first()).toContainText('Nov 30, 2026');
  await expect(items.first()).toContainText('+5,000 credits · $47.50');
  errors.expectNone();
});

test('without four weeks of history the forecast says it follows the cycle\'s average (issue 28 item 6)', async ({ page }) => {
  await page.goto(`${DASHBOARD}?mock=first-cycle&today=2026-11-27&latency=0`);
  await expect(page.getByTestId('balance-runout')).toContainText("credits a day (this cycle's average so far)");
  await page.goto(`${DASHBOARD}?mock=large&today=2026-11-27&latency=0`);
  await expect(page.getByTestId('balance-runout')).toContainText("At the last four weeks' pace (");
});

test('an export says the last day its figures cover, its as-of time with the account\'s offset, and a status\'s day apart (issue 28 item 12)', async ({ page }) => {
  // The bill cycle runs to Dec 22; the figures are as of Nov 27, 9:05 AM in New York.
  await page.goto(`${DASHBOARD}?${MOCK}`);
  const w = page.getByTestId('widget-flows');
  await expect(w).toHaveAttribute('data-state', 'ready');
  const [download] = await Promise.all([page.waitForEvent('download'), w.getByTestId('export-csv').click()]);
  const lines = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.replace(/"/g, ''));
  const rows = lines.slice(1).map((l) => [...l.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1].replace(/^"|"$/g, '')));
  const at = (name) => header.indexOf(name);
  expect(at('status_since')).toBe(at('status') + 1);
  expect(at('data_through')).toBe(at('range_to') + 1);
  for (const r of rows.slice(0, 20)) {
    expect(r[at('range_to')]).toBe('2026-12-22');
    expect(r[at('data_through')]).toBe('2026-11-27');
    // The pinned clock runs on: the demo's as-of time is the moment it loaded.
    expect(r[at('as_of')]).toMatch(/^2026-11-27T09:0[5-9]:\d{2}-05:00$/);
    // A state, never a state and a date in one field.
    expect(r[at('status')]).toMatch(/^(Active|Paused|Draft|Archived)$/);
  }
  for (const r of rows.filter((r) => r[at('status')] === 'Active')) expect(r[at('status_since')]).toBe('');
  // Over half a year, flows archived in it: the state, and the day apart.
  await page.goto(`${DASHBOARD}?${MOCK}&w.flows=range:2026-05-01..2026-11-27`);
  await expect(w).toHaveAttribute('data-state', 'ready');
  const [wide] = await Promise.all([page.waitForEvent('download'), w.getByTestId('export-csv').click()]);
  const wideLines = readFileSync(await wide.path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1);
  const wideRows = wideLines.map((l) => [...l.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1].replace(/^"|"$/g, '')));
  const archived = wideRows.filter((r) => r[at('status')] === 'Archived');
  expect(archived.length).toBeGreaterThan(0);
  for (const r of archived) expect(r[at('status_since')]).toMatch(/^2026-\d{2}-\d{2}$/);
});

test('Back returns to the view seen before a dashboard change, the widget\'s own range with it (issue 28 item 10)', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}`);
  const w = page.getByTestId('widget-flows');
  await expect(w).toHaveAttribute('data-state', 'ready');
  await w.getByTestId('widget-filters-toggle').click();
  await w.getByTestId('widget-date-preset').selectOption('last_month');
  await expect.poll(() => new URL(page.url()).searchParams.get('w.flows')).toBe('range:2026-10-01..2026-10-31');
  await w.getByTestId('compare-with').selectOption('previous_period');
  await expect.poll(() => new URL(page.url()).searchParams.get('w.flows')).toBe('range:2026-10-01..2026-10-31,cmp:pp');
  // The dashboard's range overrides the widget's: the new entry drops it.
  await page.getByTestId('filter-date-preset').selectOption('last_7_days');
  await expect.poll(() => new URL(page.url()).searchParams.get('w.flows')).toBe('cmp:pp');
  await expect(w.getByTestId('widget-filters-chip')).toHaveCount(0);
  // Back: the bill cycle and the widget's own October, as they were seen.
  await page.goBack();
  await expect.poll(() => new URL(page.url()).searchParams.get('w.flows')).toBe('range:2026-10-01..2026-10-31,cmp:pp');
  expect(new URL(page.url()).searchParams.get('from')).toBeNull();
  await expect(w.getByTestId('widget-filters-chip')).toBeVisible();
  await expect(w.getByTestId('compare-with')).toHaveValue('previous_period');
  await expect(w.locator('.widget-sub')).toContainText('Oct 1');
});

test('a flow\'s actions are listed for the range its figure is of (issue 28 item 9)', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}&w.flows=range:2026-11-01..2026-11-27`);
  const flows = page.getByTestId('widget-flows');
  const actions = page.getByTestId('widget-flow-actions');
  await expect(flows).toHaveAttribute('data-state', 'ready');
  const row = flows.getByTestId('row').first();
  const credits = Number(await row.locator('[data-col=credits] [data-value]').getAttribute('data-value'));
  await row.locator('[data-col=name] button, [data-col=name] a').first().click();
  await expect(actions.getByTestId('actions-flow-chip')).toBeVisible();
  await expect(actions).toHaveAttribute('data-state', 'ready');
  // The actions report takes the flows report's range: its total is the flow's figure.
  await expect.poll(async () => Number(await actions.locator('[data-testid=totals] [data-col=credits] [data-value]').getAttribute('data-value'))).toBeCloseTo(credits, 1);
  await expect(actions.locator('.widget-sub')).toContainText(/Nov 1\s–\s27, 2026/);
  await expect.poll(() => new URL(page.url()).searchParams.get('w.actions')).toMatch(/range:2026-11-01\.\.2026-11-27/);
  await expect.poll(() => new URL(page.url()).searchParams.get('w.actions')).toMatch(/flow:/);
});

test('the team picker applies its boxes on Done, discards them on Escape, and Clear empties them (issue 28 item 14)', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}`);
  await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
  const bar = page.getByTestId('filter-bar');
  const button = page.getByTestId('filter-teams');
  await button.click();
  await bar.getByRole('checkbox').first().check();
  await bar.getByRole('checkbox').nth(1).check();
  // Nothing applies while the list is open.
  await page.waitForTimeout(300);
  expect(new URL(page.url()).searchParams.get('teams')).toBeNull();
  await page.keyboard.press('Escape');
  await expect(button).toContainText('All teams');
  expect(new URL(page.url()).searchParams.get('teams')).toBeNull();
  // Reopened, the boxes are as applied; Done applies two teams.
  await button.click();
  await expect(bar.getByRole('checkbox').first()).not.toBeChecked();
  await bar.getByRole('checkbox').first().check();
  await bar.getByRole('checkbox').nth(1).check();
  await bar.getByRole('button', { name: 'Done' }).click();
  await expect(button).toContainText('2 teams');
  await expect(page).toHaveURL(/teams=t1(%2C|,)t2/);
  // Clear empties the boxes; only Done makes it all teams again.
  await button.click();
  await bar.getByRole('button', { name: 'Clear' }).click();
  await expect(bar.getByRole('checkbox').first()).not.toBeChecked();
  await expect(button).toContainText('2 teams');
  await bar.getByRole('button', { name: 'Done' }).click();
  await expect(button).toContainText('All teams');
  await expect.poll(() => new URL(page.url()).searchParams.get('teams')).toBeNull();
});

test('an account\'s first cycle compares with nothing, not with a zero; a comparison that starts before the account opened says so (issue 28 item 14)', async ({ page }) => {
  // The demo's first-cycle account opened on its cycle's first day, Nov 5.
  await page.goto(`${DASHBOARD}?mock=first-cycle&today=2026-11-27&latency=0&w.summary=cmp:pp&w.flows=cmp:pp`);
  const summary = page.getByTestId('widget-used-summary');
  await expect(summary).toHaveAttribute('data-state', 'ready');
  await expect(summary.getByTestId('summary-no-earlier')).toHaveText('Nothing to compare with: the account opened on Nov 5, 2026.');
  await expect(summary.getByTestId('previous')).toHaveCount(0);
  await expect(summary).not.toContainText('new');
  await expect(summary.locator('.widget-sub')).toContainText('before the account opened on Nov 5, 2026');
  const flows = page.getByTestId('widget-flows');
  await expect(flows).toHaveAttribute('data-state', 'ready');
  await expect(flows.locator('.widget-sub')).toContainText('before the account opened on Nov 5, 2026');
  await expect(flows.locator('th[data-head="previous"]')).toHaveCount(0);
  await expect(flows.locator('th[data-head="credits"]')).toHaveCount(1);

  // In HTTP mode: opened in the middle of the compared days, the comparison stands and says so;
  // opened after them, there is nothing to compare.
  // An unreadable day is left out: the comparison reads as if the server had not said.
  for (const [opened, compared] of [['2026-10-15', true], ['2026-11-01', false], ['soon', true]]) {
    await useContractApi(page, {
      '/account': (route) => {
        const a = example('/account');
        a.account.opened_on = opened;
        return route.fulfill({ json: a });
      },
    });
    await page.goto(`${DASHBOARD}?w.summary=cmp:pp`);
    await expect(summary).toHaveAttribute('data-state', 'ready');
    const sub = summary.locator('.widget-sub');
    if (opened === 'soon') {
      await expect(sub).toContainText(/compared with Oct 1\s–\s31, 2026/);
      await expect(sub).not.toContainText('opened');
      await expect(summary.getByTestId('previous').first()).toHaveAttribute('data-value', '38000.25');
    } else if (compared) {
      await expect(sub).toContainText(/compared with Oct 1\s–\s31, 2026, the account opened on Oct 15, 2026/);
      await expect(summary.getByTestId('previous').first()).toHaveAttribute('data-value', '38000.25');
      await expect(summary.getByTestId('summary-no-earlier')).toHaveCount(0);
    } else {
      await expect(sub).toContainText(/compared with Oct 1\s–\s31, 2026, before the account opened on Nov 1, 2026/);
      await expect(summary.getByTestId('previous')).toHaveCount(0);
      await expect(summary.getByTestId('summary-no-earlier')).toContainText('Nov 1, 2026');
    }
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  }
});

test('a balance with an unknown at-limit policy or an unreadable pace is still shown, the policy named as sent and the forecast on the cycle\'s average (issue 28 items 1 and 6)', async ({ page }) => {
  const errors = watchErrors(page);
  const balance = { ...example('/credits/balance') };
  await useContractApi(page, {
    '/credits/balance': (route) => route.fulfill({ json: balance }),
  });
  // At zero, under a policy this client does not know.
  Object.assign(balance, {
    used_credits: balance.total_credits, remaining_credits: 0, at_limit: 'suspend',
    pace: { from: '2026-10-26', to: '2026-11-22', weekday: -500, weekend: 1e300 },
  });
  delete balance.overage;
  await page.goto(DASHBOARD);
  const w = page.getByTestId('widget-balance');
  await expect(w).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('balance-runout')).toHaveText('No credits left this cycle. At zero the account\'s policy is \u201csuspend\u201d.');
  await expect(page.getByTestId('balance-runout')).not.toContainText('paused');
  // Credits left, the same unreadable pace: the forecast follows the cycle's average.
  Object.assign(balance, { ...example('/credits/balance'), pace: 'fast', overage: { credits: -5, amount: 'lots' } });
  await page.reload();
  await expect(w).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('balance-runout')).toContainText("credits a day (this cycle's average so far)");
  await expect(page.getByTestId('balance-overage')).toHaveCount(0);
  errors.expectNone();
});

test('a purchase closed in flight reports a server\'s refusal or silence on the page, above the docked banner (issue 28 items 4 and 14, HTTP)', async ({ page }) => {
  let answer = 'refused';
  await useContractApi(page, {
    '/credits/auto-recharge': (route) => route.fulfill({ json: { ...example('/credits/auto-recharge'), enabled: false } }),
    '/credits/purchases': async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      if (answer === 'refused') {
        return route.fulfill({ status: 402, json: { error: { code: 'card_declined', message: 'Your card was declined.' } } });
      }
      return route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' });
    },
  });
  for (const [width, height, tallest] of [[1440, 900, 56], [390, 844, 88]]) {
    await page.setViewportSize({ width, height });
    for (const outcome of ['refused', 'unknown']) {
      answer = outcome;
      await page.goto(DASHBOARD);
      const banner = page.getByTestId('auto-recharge-banner');
      await expect(banner).toBeVisible();
      // The banner is one slim line on a desktop, heading and buttons on a phone.
      const b = await banner.boundingBox();
      expect(b.height, `banner at ${width}`).toBeLessThanOrEqual(tallest);
      await page.getByTestId('action-purchase').click();
      const d = page.getByTestId('dialog-purchase');
      await d.getByTestId('purchase-amount').fill('5000');
      await d.getByTestId('purchase-confirm').click();
      await expect(d.getByTestId('purchase-confirm')).toHaveText('Purchasing…');
      await page.keyboard.press('Escape');
      await expect(d).toBeHidden();
      const receipt = page.getByTestId('purchase-receipt');
      await expect(receipt).toHaveAttribute('data-outcome', 'completing');
      await expect(receipt).toHaveAttribute('data-outcome', outcome, { timeout: 10_000 });
      if (outcome === 'refused') {
        await expect(receipt).toContainText('The purchase did not go through: Your card was declined.');
      } else {
        await expect(receipt).toContainText('We could not confirm the purchase of 5,000 credits. Open Purchase credits to check again');
        await expect(receipt).not.toContainText('Bad Gateway');
      }
      await expect(receipt.getByTestId('purchase-receipt-history')).toHaveCount(0);
      // Wholly above the banner and inside the window.
      const r = await receipt.boundingBox();
      expect(r.y + r.height, `receipt over the banner at ${width}`).toBeLessThanOrEqual(b.y);
      expect(r.x).toBeGreaterThanOrEqual(0);
      expect(r.x + r.width).toBeLessThanOrEqual(width);
      // An unconfirmed purchase is kept for the tab to check again; the next round starts clean.
      await page.evaluate(() => sessionStorage.clear());
    }
  }
});

test('on a phone the chart\'s legend shows all four names, with no pager (issue 28 item 14)', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${DASHBOARD}?${MOCK}`);
  const chart = page.getByTestId('widget-usage-chart').getByTestId('chart');
  await expect(page.getByTestId('widget-usage-chart')).toHaveAttribute('data-state', 'ready');
  await chart.scrollIntoViewIfNeeded();
  // The texts ECharts drew, with where they lie: a paged legend draws "1/2" beside its arrows
  // and clips the names past the first page.
  const drawn = await chart.evaluate((el) => {
    const c = globalThis.echarts.getInstanceByDom(el);
    const width = c.getWidth();
    const out = [];
    c.getZr().storage.getDisplayList(true).forEach((e) => {
      const text = e.style?.text;
      if (typeof text !== 'string' || text === '') return;
      const r = e.getBoundingRect().clone();
      r.applyTransform(e.getComputedTransform());
      out.push({ text, left: r.x, right: r.x + r.width, width });
    });
    return out;
  });
  // ("1/1" is drawn, hidden, when everything fits.)
  expect(drawn.filter((t) => /^\d+\/([2-9]|\d\d+)$/.test(t.text)), 'a legend pager').toEqual([]);
  for (const name of ['Smart Flows', 'AI Copilot', 'AI Pilots', 'Top-ups']) {
    const t = drawn.find((t) => t.text === name);
    expect(t, name).toBeTruthy();
    expect(t.left, name).toBeGreaterThanOrEqual(0);
    expect(t.right, name).toBeLessThanOrEqual(t.width);
  }
});
