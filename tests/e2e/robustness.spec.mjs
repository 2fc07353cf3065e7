// Off the happy path (issue 10, DESIGN.md section 7): each defect found, as a person meets it,
// in mock mode and in HTTP mode. Every test here failed before its fix.
import { test, expect, pinnedDay } from './fixtures.mjs';
import { readFileSync } from 'node:fs';
import { DASHBOARD, MOCK, value, watchErrors } from './helpers.mjs';
import { useContractApi, example } from './contract-api.mjs';

const WIDGETS = [
  'widget-balance',
  'widget-used-summary',
  'widget-usage-chart',
  'widget-copilot-users',
  'widget-flows',
  'widget-flow-actions',
  'widget-ai-pilots',
];

async function allReady(page) {
  for (const id of WIDGETS) await expect(page.getByTestId(id)).toHaveAttribute('data-state', /^(ready|empty)$/);
}

/** Today's date (YYYY-MM-DD) in a time zone, as the app computes it in HTTP mode (pinned). */
const todayIn = (timeZone, offsetDays = 0) => pinnedDay(timeZone, offsetDays);

test('1. sorting by Change, then turning Show % or the comparison off, does not crash', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${DASHBOARD}?${MOCK}`);
  const w = page.getByTestId('widget-flows');
  await expect(w).toHaveAttribute('data-state', 'ready');
  await w.getByTestId('compare-with').selectOption('previous_period');
  await w.getByTestId('show-percent').check();
  await w.getByRole('columnheader', { name: 'Change' }).getByRole('button').click();
  await expect(w.getByRole('columnheader', { name: 'Change' })).toHaveAttribute('aria-sort', /descending|ascending/);
  await w.getByTestId('show-percent').uncheck();
  await expect(w.getByRole('columnheader', { name: 'Change' })).toHaveCount(0);
  await w.getByRole('columnheader', { name: 'Previous' }).getByRole('button').click();
  await w.getByTestId('compare-with').selectOption('none');
  await expect(w.getByRole('columnheader', { name: 'Previous' })).toHaveCount(0);
  await expect(w.getByTestId('row').first()).toBeVisible();
  // Back on: the sort by Change still applies, as the admin left it.
  await w.getByTestId('compare-with').selectOption('previous_period');
  await w.getByTestId('show-percent').check();
  await expect(w.getByTestId('row').first()).toBeVisible();
  await expect(page.getByTestId('crash')).toHaveCount(0);
  errors.expectNone();
});

test('2. tiny use against a huge balance on day 1 projects no date past the calendar', async ({ page }) => {
  const errors = watchErrors(page);
  const from = todayIn('America/New_York');
  const to = todayIn('America/New_York', 29);
  await useContractApi(page, {
    '/credits/balance': (route) =>
      route.fulfill({
        json: {
          ...example('/credits/balance'),
          cycle: { from, to },
          free_credits: 1000000.01,
          purchased_credits: 0,
          total_credits: 1000000.01,
          used_credits: 0.01,
          remaining_credits: 1000000,
        },
      }),
  });
  await page.goto(DASHBOARD);
  const w = page.getByTestId('widget-balance');
  await expect(w).toHaveAttribute('data-state', 'ready');
  await expect(w.getByTestId('balance-runout')).toContainText('lasts the cycle');
  await expect(page.getByTestId('crash')).toHaveCount(0);
  errors.expectNone();
});

test('3. a time zone or currency the browser rejects falls back and says so', async ({ page }) => {
  const errors = watchErrors(page);
  await useContractApi(page, {
    '/account': (route) => {
      const a = example('/account');
      a.account.time_zone = 'Pacific Standard Time';
      a.account.currency = 'US$';
      return route.fulfill({ json: a });
    },
    '/credits/pricing': (route) => route.fulfill({ json: { ...example('/credits/pricing'), currency: 'US$' } }),
  });
  await page.goto(DASHBOARD);
  await allReady(page);
  await expect(page.getByTestId('as-of')).toContainText('UTC (time zone “Pacific Standard Time” not recognised)');
  await page.getByTestId('action-purchase').click();
  const d = page.getByTestId('dialog-purchase');
  await expect(d.getByRole('button', { name: /^5,000 credits/ })).toContainText('47.50 US$');
  await expect(page.getByTestId('crash')).toHaveCount(0);
  errors.expectNone();
});

test.describe('4. a config that cannot be used never starts demo data', () => {
  const cases = [
    ['missing', (r) => r.fulfill({ status: 404, body: 'Not found' }), /HTTP 404/],
    ['an SPA host’s index.html', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><html><body>app</body></html>' }), /web page/],
    ['wrongly typed', (r) => r.fulfill({ json: { api_base_url: 42 } }), /api_base_url/],
    ['not JSON', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"api_base_url": ' }), /not valid JSON/],
  ];
  for (const [name, answer, message] of cases) {
    test(`config.json ${name}`, async ({ page }) => {
      await page.route('**/config.json', answer);
      await page.goto(`${DASHBOARD}?mock=default`);
      const e = page.getByTestId('config-error');
      await expect(e).toBeVisible();
      await expect(e).toContainText(message);
      await expect(e).toContainText('never shows demo data');
      await expect(page.getByTestId('demo-badge')).toHaveCount(0);
      await expect(page.getByTestId('widget-balance')).toHaveCount(0);
    });
  }

  test('config.json that never answers (10 s limit)', async ({ page }) => {
    test.setTimeout(40_000);
    await page.route('**/config.json', () => new Promise(() => {}));
    await page.goto(DASHBOARD);
    await expect(page.getByTestId('config-error')).toContainText('did not answer within 10 s', { timeout: 20_000 });
    await expect(page.getByTestId('demo-badge')).toHaveCount(0);
  });

  test('with an API configured, ?mock= is ignored unless the config allows it', async ({ page }) => {
    await useContractApi(page);
    await page.goto(`${DASHBOARD}?mock=large&seed=7`);
    await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('demo-badge')).toHaveCount(0);
    await expect(page.getByTestId('balance-remaining')).toHaveAttribute('data-value', '13765.44');
    await expect(page.getByTestId('start-notice')).toContainText('demo data');
  });

  test('allow_demo_query lets a link start the demo', async ({ page }) => {
    await useContractApi(page, {}, { allow_demo_query: true });
    await page.goto(`${DASHBOARD}?${MOCK}`);
    await expect(page.getByTestId('demo-badge')).toBeVisible();
  });
});

test('5. link dates beyond what the controls offer are clamped, with a notice', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${DASHBOARD}?${MOCK}&from=0001-01-01&to=2026-11-30`);
  await allReady(page);
  const notice = page.getByTestId('link-notice');
  await expect(notice).toContainText('This link asked for 0001-01-01 to 2026-11-30');
  // At most three years, ending where the link asked.
  await expect(notice).toContainText(/so it shows 2023-\d\d-\d\d to 2026-11-30/);
  await page.goto(`${DASHBOARD}?${MOCK}&from=-262143-01-01&to=2026-11-30`);
  const flows = page.getByTestId('widget-flows');
  await expect(flows).toHaveAttribute('data-state', /ready|empty/);
  await flows.getByTestId('compare-with').selectOption('previous_year');
  await flows.getByTestId('show-percent').check();
  await expect(flows).toHaveAttribute('data-state', /ready|empty/);
  await expect(page.getByTestId('crash')).toHaveCount(0);
  errors.expectNone();
});

test('5b. team and user ids the directory does not know are dropped, with a notice', async ({ page }) => {
  await useContractApi(page);
  await page.goto(`${DASHBOARD}?teams=t1,t99&users=u404`);
  await expect(page.getByTestId('link-notice')).toContainText('2 teams or users in this link are not in this account');
  await allReady(page);
});

test('6. a widget choice discarded by a global change stays discarded when the global value is chosen again; Back shows the view as it was', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}`);
  const w = page.getByTestId('widget-flows');
  await expect(w).toHaveAttribute('data-state', 'ready');
  await w.getByTestId('widget-filters-toggle').click();
  await w.getByTestId('widget-date-preset').selectOption('last_7_days');
  await expect(w.getByTestId('widget-filter-reset')).toBeVisible();
  await page.getByTestId('filter-date-preset').selectOption('last_30_days');
  await expect(w.getByTestId('widget-filter-reset')).toHaveCount(0);
  // Back to the first global range: the entry Back returns to still holds the widget's choice
  // (issue 28 item 10: it was rewritten without it, a view never seen).
  await page.goBack();
  await expect(page.getByTestId('filter-date-preset')).toHaveValue('current_cycle');
  await expect(w).toHaveAttribute('data-state', 'ready');
  await expect(w.getByTestId('widget-filter-reset')).toBeVisible();
  await expect(w.getByTestId('widget-date-preset')).toHaveValue('last_7_days');
  // By the select, the discarded choice stays discarded.
  await page.getByTestId('filter-date-preset').selectOption('last_30_days');
  await expect(w.getByTestId('widget-filter-reset')).toHaveCount(0);
  await page.getByTestId('filter-date-preset').selectOption('current_cycle');
  await expect(w.getByTestId('widget-filter-reset')).toHaveCount(0);
});

test.describe('7. auto-recharge opens as saved', () => {
  test('off: unticked, no limit nobody chose; saving off ignores the disabled fields', async ({ page }) => {
    await page.goto(`${DASHBOARD}?${MOCK}`);
    await expect(page.getByTestId('auto-recharge-state')).toHaveText('Off');
    await page.getByTestId('action-auto-recharge').click();
    const d = page.getByTestId('dialog-auto-recharge');
    await expect(d.getByTestId('auto-recharge-enabled')).not.toBeChecked();
    await expect(d.getByTestId('auto-recharge-limit')).toHaveValue('');
    await expect(d.getByTestId('auto-recharge-threshold')).toBeDisabled();
    await d.getByTestId('auto-recharge-save').click();
    await expect(d).toBeHidden();
    await expect(page.getByTestId('auto-recharge-state')).toHaveText('Off');
    await expect(page.getByTestId('auto-recharge-saved')).toContainText('Auto-recharge is off');
  });

  test('Enable now pre-ticks; after saving the page says what was saved and the header shows the rule', async ({ page }) => {
    await page.goto(`${DASHBOARD}?${MOCK}`);
    await page.getByTestId('auto-recharge-banner').getByRole('button', { name: 'Enable now' }).click();
    const d = page.getByTestId('dialog-auto-recharge');
    await expect(d.getByTestId('auto-recharge-enabled')).toBeChecked();
    await d.getByTestId('auto-recharge-threshold').fill('2000');
    await d.getByTestId('auto-recharge-amount').fill('10000');
    await d.getByTestId('auto-recharge-save').click();
    await expect(d).toBeHidden();
    await expect(page.getByTestId('auto-recharge-saved')).toContainText('below 2,000, 10,000 credits are bought (no monthly limit)');
    await expect(page.getByTestId('auto-recharge-state')).toHaveText('On');
    await expect(page.getByTestId('action-auto-recharge')).toContainText('below 2,000, add 10,000');
    // Opening again shows the saved rule, ticked because it is on.
    await page.getByTestId('action-auto-recharge').click();
    await expect(d.getByTestId('auto-recharge-enabled')).toBeChecked();
    await expect(d.getByTestId('auto-recharge-threshold')).toHaveValue('2000');
  });

  test('the header of a fresh dialog after Enable now is closed shows the saved state again', async ({ page }) => {
    await page.goto(`${DASHBOARD}?${MOCK}`);
    await page.getByTestId('auto-recharge-banner').getByRole('button', { name: 'Enable now' }).click();
    const d = page.getByTestId('dialog-auto-recharge');
    await expect(d.getByTestId('auto-recharge-enabled')).toBeChecked();
    await page.keyboard.press('Escape');
    await page.getByTestId('action-auto-recharge').click();
    await expect(d.getByTestId('auto-recharge-enabled')).not.toBeChecked();
  });
});

test('8. a status, type or job state the contract does not list keeps its row, shown raw', async ({ page }) => {
  await useContractApi(page, {
    '/credits/usage/flows': (route) => {
      const f = example('/credits/usage/flows');
      f.rows[0].status = 'retired';
      f.rows[1].type = 'webhook_flow';
      return route.fulfill({ json: f });
    },
    '/credits/usage/ai-pilots': (route) => {
      const p = example('/credits/usage/ai-pilots');
      p.rows[0].status = 'sleeping';
      return route.fulfill({ json: p });
    },
  });
  await page.goto(DASHBOARD);
  const flows = page.getByTestId('widget-flows');
  await expect(flows).toHaveAttribute('data-state', 'ready');
  await expect(flows.getByTestId('row')).toHaveCount(2);
  await expect(flows.getByTestId('row').first()).toContainText('retired');
  await expect(flows.locator('[data-col=type]').nth(1)).toHaveText('webhook_flow');
  await expect(page.getByTestId('widget-ai-pilots').getByTestId('row').first()).toContainText('sleeping');
});

test('9. negative and absurd credits are a malformed answer naming the field', async ({ page }) => {
  await useContractApi(page, {
    '/credits/usage/summary': (route) => route.fulfill({ json: { ...example('/credits/usage/summary'), total: -5 } }),
    '/credits/usage/flows': (route) => {
      const f = example('/credits/usage/flows');
      f.rows[0].credits = 1e20;
      return route.fulfill({ json: f });
    },
  });
  await page.goto(DASHBOARD);
  const summary = page.getByTestId('widget-used-summary');
  await expect(summary.getByTestId('error')).toHaveAttribute('data-error-kind', 'malformed');
  await expect(summary.getByTestId('error')).toContainText('/credits/usage/summary: field `total`: credits cannot be negative');
  const flows = page.getByTestId('widget-flows');
  await expect(flows.getByTestId('error')).toContainText('field `rows[0].credits`');
  await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
});

test('10. a cycle in progress is compared with the same elapsed days of the previous one', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}`);
  const w = page.getByTestId('widget-used-summary');
  await expect(w).toHaveAttribute('data-state', 'ready');
  await w.getByTestId('compare-with').selectOption('previous_period');
  await expect(w).toContainText('the same days of the previous cycle');
  const flows = page.getByTestId('widget-flows');
  await flows.getByTestId('compare-with').selectOption('previous_year');
  await expect(flows).toContainText('the same days of the previous year');
});

test('11. the demo settings survive the redirect from / and in-app links', async ({ page }) => {
  await page.goto('/?mock=large&seed=7&today=2026-11-27&latency=0');
  await expect(page).toHaveURL(/\/billing\/credit-utilization\?.*mock=large/);
  await expect(page).toHaveURL(/seed=7/);
  await page.getByTestId('profile-button').click();
  await page.getByTestId('plan-link').click();
  await expect(page).toHaveURL(/\/billing\?.*mock=large.*seed=7/);
  await page.getByTestId('credit-utilization-link').click();
  await expect(page).toHaveURL(/\/billing\/credit-utilization\?.*mock=large.*seed=7/);
  await page.reload();
  await expect(page.getByTestId('demo-badge')).toContainText(/large|Demo/i);
  await expect(page).toHaveURL(/mock=large/);
});

test.describe('money: never lost, never doubled', () => {
  test('an unknown outcome says so, survives a reload, and Check again reuses the key', async ({ page }) => {
    const keys = [];
    await useContractApi(page, {
      '/credits/purchases': (route) => {
        keys.push(route.request().headers()['idempotency-key']);
        return keys.length <= 2
          ? route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: 'payments busy' } } })
          : route.fulfill({ json: example('/credits/purchases', 'post') });
      },
    });
    await page.goto(DASHBOARD);
    await page.getByTestId('action-purchase').click();
    const d = page.getByTestId('dialog-purchase');
    await d.getByTestId('purchase-amount').fill('5000');
    await d.getByTestId('purchase-confirm').click();
    const unknown = d.getByTestId('purchase-failure');
    await expect(unknown).toHaveAttribute('data-outcome', 'unknown');
    await expect(unknown).toContainText('We could not confirm this purchase of 5,000 credits');
    await expect(d.getByTestId('purchase-confirm')).toHaveText('Check again');
    // A reload before the answer cannot buy twice: the same purchase is checked again.
    await page.reload();
    await page.getByTestId('action-purchase').click();
    await expect(d.getByTestId('purchase-amount')).toHaveValue('5000');
    await expect(d.getByTestId('purchase-confirm')).toHaveText('Check again');
    await d.getByTestId('purchase-confirm').click();
    await expect(unknown).toHaveAttribute('data-outcome', 'unknown');
    await d.getByTestId('purchase-confirm').click();
    await expect(d.getByTestId('purchase-success')).toBeVisible();
    expect(keys.length).toBe(3);
    expect(new Set(keys).size).toBe(1);
    expect(await page.evaluate(() => sessionStorage.getItem('credit-dash:pending-purchase'))).toBeNull();
  });

  test('a definite refusal ends the key; a success resets the form and Enter twice buys once', async ({ page }) => {
    const keys = [];
    await useContractApi(page, {
      '/credits/purchases': (route) => {
        keys.push(route.request().headers()['idempotency-key']);
        return keys.length === 1
          ? route.fulfill({ status: 402, json: { error: { code: 'card_declined', message: 'Your card was declined.' } } })
          : route.fulfill({ json: example('/credits/purchases', 'post') });
      },
    });
    await page.goto(DASHBOARD);
    await page.getByTestId('action-purchase').click();
    const d = page.getByTestId('dialog-purchase');
    await d.getByTestId('purchase-amount').fill('5000');
    await d.getByTestId('purchase-confirm').click();
    await expect(d.getByTestId('purchase-failure')).toHaveAttribute('data-outcome', 'refused');
    await d.getByTestId('purchase-amount').press('Enter');
    await expect(d.getByTestId('purchase-success')).toBeVisible();
    expect(keys[1]).not.toBe(keys[0]);
    await expect(d.getByTestId('purchase-amount')).toHaveValue('');
    await expect(d.getByTestId('purchase-confirm')).toBeDisabled();
    await d.getByTestId('purchase-amount').press('Enter');
    await d.getByTestId('purchase-amount').press('Enter');
    await page.waitForTimeout(300);
    expect(keys.length).toBe(2);
  });

  test('closing the dialog mid-request keeps the outcome for when it reopens', async ({ page }) => {
    let release;
    const held = new Promise((ok) => (release = ok));
    await useContractApi(page, {
      '/credits/purchases': async (route) => {
        await held;
        await route.fulfill({ json: example('/credits/purchases', 'post') });
      },
    });
    await page.goto(DASHBOARD);
    await page.getByTestId('action-purchase').click();
    const d = page.getByTestId('dialog-purchase');
    await d.getByTestId('purchase-amount').fill('5000');
    await d.getByTestId('purchase-confirm').click();
    await page.keyboard.press('Escape');
    await expect(d).toBeHidden();
    release();
    await expect(page.getByTestId('balance-remaining')).toHaveAttribute('data-value', /.+/);
    await page.waitForTimeout(300);
    await page.getByTestId('action-purchase').click();
    await expect(d.getByTestId('purchase-success')).toContainText('Purchased 5,000 credits');
  });

  test('without crypto.randomUUID (plain HTTP host) Confirm still sends a UUID key', async ({ page }) => {
    await page.addInitScript(() => {
      delete Crypto.prototype.randomUUID;
    });
    const keys = [];
    await useContractApi(page, {
      '/credits/purchases': (route) => {
        keys.push(route.request().headers()['idempotency-key']);
        return route.fulfill({ json: example('/credits/purchases', 'post') });
      },
    });
    await page.goto(DASHBOARD);
    expect(await page.evaluate(() => typeof crypto.randomUUID)).toBe('undefined');
    await page.getByTestId('action-purchase').click();
    const d = page.getByTestId('dialog-purchase');
    await d.getByTestId('purchase-amount').fill('5000');
    await d.getByTestId('purchase-confirm').click();
    await expect(d.getByTestId('purchase-success')).toBeVisible();
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

test.describe('jobs: a recalculation survives failed polls and leaving the page', () => {
  test('a failed poll is retried after Retry-After; the job id is encoded; leaving and returning resumes it', async ({ page }) => {
    test.setTimeout(60_000);
    let polls = 0;
    const posts = [];
    const paths = [];
    await useContractApi(page, {
      '/credits/recalculate': (route) => {
        posts.push(route.request().headers());
        return route.fulfill({ status: 202, json: { ...example('/credits/recalculate', 'post'), job_id: 'job/4 x', status: 'queued', progress: 0 } });
      },
    });
    await page.route('**/api/v1/credits/recalculate/**', (route) => {
      paths.push(new URL(route.request().url()).pathname);
      polls += 1;
      const job = { ...example('/credits/recalculate/{job_id}'), job_id: 'job/4 x' };
      if (polls === 1) return route.fulfill({ status: 429, headers: { 'Retry-After': '1' }, json: { error: { code: 'rate_limited', message: 'slow down' } } });
      if (polls === 2) return route.fulfill({ json: { ...job, status: 'reindexing', progress: 0.3 } });
      if (polls < 6) return route.fulfill({ json: { ...job, status: 'running', progress: 0.2 * polls } });
      return route.fulfill({ json: { ...job, status: 'succeeded', progress: 1, finished_at: '2026-11-27T14:09:00Z' } });
    });
    await page.goto(DASHBOARD);
    await page.getByTestId('action-recalculate').click();
    const d = page.getByTestId('dialog-recalculate');
    await d.getByTestId('recalculate-start').click();
    await expect(d.getByTestId('recalculate-checking')).toContainText(/Checking again in 1 s|does not know/);
    expect(await page.evaluate(() => sessionStorage.getItem('credit-dash:recalculation-job'))).toBe('job/4 x');
    // Leave the dashboard and come back: the same job is followed, not a new one started.
    await page.keyboard.press('Escape');
    await page.getByTestId('profile-button').click();
    await page.getByTestId('plan-link').click();
    await page.getByTestId('credit-utilization-link').click();
    await expect(page.getByTestId('action-recalculate')).toHaveText(/Recalculating…|Recalculate/);
    await page.getByTestId('action-recalculate').click();
    await expect(d.getByTestId('recalculate-done')).toBeVisible({ timeout: 20_000 });
    expect(posts.length).toBe(1);
    expect(posts[0]['x-requested-with']).toBe('credit-dash');
    expect(posts[0]['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(paths.every((p) => p.endsWith('/credits/recalculate/job%2F4%20x'))).toBe(true);
    expect(await page.evaluate(() => sessionStorage.getItem('credit-dash:recalculation-job'))).toBeNull();
  });

  test('a recalculation goes on while the admin is on another page, and its end refreshes that page', async ({ page }) => {
    test.setTimeout(60_000);
    let done = false;
    let polls = 0;
    const seen = await useContractApi(page, {
      '/credits/recalculate': (route) =>
        route.fulfill({ status: 202, json: { ...example('/credits/recalculate', 'post'), job_id: 'job-9', status: 'queued', progress: 0 } }),
    });
    await page.route('**/api/v1/credits/recalculate/**', (route) => {
      polls += 1;
      const job = { ...example('/credits/recalculate/{job_id}'), job_id: 'job-9' };
      return route.fulfill({
        json: done ? { ...job, status: 'succeeded', progress: 1, finished_at: '2026-11-27T14:09:00Z' } : { ...job, status: 'running', progress: 0.4 },
      });
    });
    const asked = (path) => seen.filter((r) => r.method === 'GET' && r.path === path).length;
    await page.goto(DASHBOARD);
    await page.getByTestId('action-recalculate').click();
    const d = page.getByTestId('dialog-recalculate');
    await d.getByTestId('recalculate-start').click();
    await expect(d.getByTestId('recalculate-progress')).toBeVisible();
    await page.keyboard.press('Escape');
    // On History, the job is still followed: its end refreshes the ledger there.
    await page.getByTestId('history-link').click();
    await expect(page.getByTestId('history-count')).toBeVisible();
    const polled = polls;
    await expect.poll(() => polls, { timeout: 5_000 }).toBeGreaterThan(polled);
    const ledger = asked('/credits/history');
    done = true;
    await expect.poll(() => asked('/credits/history'), { timeout: 10_000 }).toBeGreaterThan(ledger);
    expect(await page.evaluate(() => sessionStorage.getItem('credit-dash:recalculation-job'))).toBeNull();
    // Back on the dashboard the job is done, not followed again, and no second one was started.
    await page.goBack();
    await expect(page.getByTestId('action-recalculate')).toHaveText('Recalculate');
    const after = polls;
    await page.waitForTimeout(1200);
    expect(polls).toBe(after);
    expect(seen.filter((r) => r.method === 'POST' && r.path === '/credits/recalculate').length).toBe(1);
  });
});

test.describe('sessions and permissions', () => {
  test('401 anywhere: one page-level notice with Sign in, no widget Retry', async ({ page }) => {
    await useContractApi(
      page,
      {
        '/credits/usage/flows': (route) => route.fulfill({ status: 401, json: { error: { code: 'unauthorized', message: 'expired' } } }),
        '/credits/usage/ai-pilots': (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<html><form action="/login"></form></html>' }),
      },
      { sign_in_url: 'https://id.example.com/login' },
    );
    await page.goto(DASHBOARD);
    const notice = page.getByTestId('session-ended');
    await expect(notice).toHaveCount(1);
    await expect(notice).toContainText('Your session has ended');
    await expect(notice.getByTestId('sign-in')).toHaveAttribute('href', 'https://id.example.com/login');
    for (const id of ['widget-flows', 'widget-ai-pilots']) {
      const e = page.getByTestId(id).getByTestId('error');
      await expect(e).toHaveAttribute('data-error-kind', 'unauthorized');
      await expect(e.getByTestId('retry')).toHaveCount(0);
    }
    await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
  });

  test('403: the widget says the admin lacks permission, without Retry', async ({ page }) => {
    await useContractApi(page, {
      '/credits/usage/copilot-users': (route) => route.fulfill({ status: 403, json: { error: { code: 'forbidden', message: 'no' } } }),
    });
    await page.goto(DASHBOARD);
    const e = page.getByTestId('widget-copilot-users').getByTestId('error');
    await expect(e).toContainText("You don't have permission to see this");
    await expect(e.getByTestId('retry')).toHaveCount(0);
  });

  test('a viewer who is not an admin sees the billing actions refused with the reason', async ({ page }) => {
    const writes = [];
    await useContractApi(page, {
      '/account': (route) => {
        const a = example('/account');
        a.viewer.role = 'member';
        return route.fulfill({ json: a });
      },
      '/credits/purchases': (route) => {
        writes.push('purchase');
        return route.fulfill({ json: example('/credits/purchases', 'post') });
      },
    });
    await page.goto(DASHBOARD);
    await expect(page.getByTestId('actions-denied')).toContainText('Only account admins');
    await page.getByTestId('action-purchase').click();
    const d = page.getByTestId('dialog-purchase');
    await d.getByTestId('purchase-amount').fill('5000');
    await expect(d.getByTestId('purchase-confirm')).toBeDisabled();
    await expect(d.getByTestId('purchase-denied')).toContainText('your role: member');
    await page.keyboard.press('Escape');
    await page.getByTestId('action-recalculate').click();
    await expect(page.getByTestId('recalculate-start')).toBeDisabled();
    expect(writes).toEqual([]);
  });

  test('429: Retry waits for Retry-After', async ({ page }) => {
    let n = 0;
    await useContractApi(page, {
      '/credits/usage/flows': (route) => {
        n += 1;
        return n === 1
          ? route.fulfill({ status: 429, headers: { 'Retry-After': '2' }, json: { error: { code: 'rate_limited', message: 'x' } } })
          : route.fulfill({ json: example('/credits/usage/flows') });
      },
    });
    await page.goto(DASHBOARD);
    const retry = page.getByTestId('widget-flows').getByTestId('retry');
    await expect(retry).toBeDisabled();
    await expect(retry).toHaveText(/Retry in [12] s/);
    await expect(retry).toBeEnabled({ timeout: 5_000 });
    await retry.click();
    await expect(page.getByTestId('widget-flows')).toHaveAttribute('data-state', 'ready');
  });

  test('every state-changing call carries X-Requested-With and an Idempotency-Key', async ({ page }) => {
    const seen = await useContractApi(page);
    await page.goto(DASHBOARD);
    await page.getByTestId('action-auto-recharge').click();
    const d = page.getByTestId('dialog-auto-recharge');
    await d.getByTestId('auto-recharge-enabled').check();
    await d.getByTestId('auto-recharge-save').click();
    await expect(d).toBeHidden();
    await page.getByTestId('action-purchase').click();
    await page.getByTestId('purchase-amount').fill('5000');
    await page.getByTestId('purchase-confirm').click();
    await expect(page.getByTestId('purchase-success')).toBeVisible();
    const writes = seen.filter((s) => s.method !== 'GET');
    expect(writes.map((w) => w.method).sort()).toEqual(['POST', 'PUT']);
    for (const w of writes) {
      expect(w.headers['x-requested-with']).toBe('credit-dash');
      expect(w.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

test.describe('hostile input', () => {
  const evil = '<img src=x onerror="window.__owned=1"><b>bold</b>';

  test('names with markup render as text everywhere, and the CSV neutralises formulas for any separator', async ({ page }) => {
    await useContractApi(page, {
      '/directory': (route) => {
        const dir = example('/directory');
        dir.teams[0].name = `${evil} team`;
        dir.users[0].name = `${evil} user`;
        return route.fulfill({ json: dir });
      },
      '/credits/usage/flows': (route) => {
        const f = example('/credits/usage/flows');
        f.rows[0].name = `${evil} flow`;
        f.rows[1].name = 'Refund;=HYPERLINK("http://x")';
        return route.fulfill({ json: f });
      },
    });
    await page.goto(`${DASHBOARD}?teams=t1`);
    const flows = page.getByTestId('widget-flows');
    await expect(flows).toHaveAttribute('data-state', 'ready');
    await expect(flows.getByTestId('row').first()).toContainText('<img src=x onerror=');
    await page.getByTestId('filter-teams').click();
    await expect(page.getByTestId('filter-bar')).toContainText('<b>bold</b> team');
    await page.keyboard.press('Escape');
    const [download] = await Promise.all([page.waitForEvent('download'), flows.getByTestId('export-csv').click()]);
    const name = download.suggestedFilename();
    expect(name).toMatch(/^flows_\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}_teams-[A-Za-z0-9.-]+_as-of-[0-9T-]+Z?\.csv$/);
    const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = text.trim().split(/\r?\n/);
    expect(lines[0].startsWith('"status","status_since","name","type","credits"')).toBe(true);
    expect(lines[0]).toContain('"range_from","range_to","data_through","teams","users","as_of"');
    // Issue 28 item 13: the part a ';' split starts is neutralised too.
    expect(text).toContain('"\'Refund;\'=HYPERLINK(""http://x"")"');
    expect(text).toContain('"<img src=x onerror=""window.__owned=1""><b>bold</b> team"');
    expect(await page.evaluate(() => window.__owned)).toBeUndefined();
  });
});

test('the balance figures stay exact at the largest accepted amount', async ({ page }) => {
  await useContractApi(page, {
    '/credits/balance': (route) =>
      route.fulfill({
        json: { ...example('/credits/balance'), free_credits: 9e13, purchased_credits: 0, total_credits: 9e13, used_credits: 0.01, remaining_credits: 89999999999999.99 },
      }),
  });
  await page.goto(DASHBOARD);
  await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
  expect(await value(page.getByTestId('balance-remaining'))).toBe(89999999999999.99);
});
