// Issue 29: the dashboard against the reference usage API (crates/api-server), a real HTTP server
// that keeps the contract's rules: a session cookie (401 without it), the forgery guard on
// writes, idempotency keys, Retry-After. No request is stubbed here except where a test must
// lose an answer on the way back (a time-out) or hold one (a reload mid-purchase); the server
// still does the work. Playwright starts the server (playwright.config.mjs, port 4180) over the
// release build in dist/, with the demo account of seed 42 on 2026-11-27.
import { test, expect } from './fixtures.mjs';
import { DASHBOARD, value, watchErrors } from './helpers.mjs';

export const REFERENCE = `http://127.0.0.1:${Number(process.env.E2E_API_PORT ?? 4180)}`;
test.use({ baseURL: REFERENCE });

const WIDGETS = ['widget-balance', 'widget-used-summary', 'widget-usage-chart', 'widget-copilot-users', 'widget-flows', 'widget-flow-actions', 'widget-ai-pilots'];

async function ready(page, ids = WIDGETS) {
  for (const id of ids) await expect(page.getByTestId(id), id).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
}

/** Signs the test's browser in (the cookie lands in its context, as the sign-in page's would). */
async function signIn(context) {
  const r = await context.request.post('/api/v1/dev/sign-in');
  expect(r.status()).toBe(200);
}

/** The server's purchases in this session's ledger (the account's own from before included). */
async function purchases(context) {
  const r = await context.request.get('/api/v1/credits/history?kinds=purchase&limit=100');
  expect(r.status()).toBe(200);
  return (await r.json()).entries;
}

/** The credits of the purchases made since `before` (a list of purchases), oldest first. */
async function boughtSince(context, before) {
  const old = new Set(before.map((p) => p.id));
  const n = (p) => Number(p.id.replace(/\D+/g, ''));
  return (await purchases(context)).filter((p) => !old.has(p.id)).sort((a, b) => n(a) - n(b)).map((p) => p.credits);
}

async function openPurchase(page) {
  await page.getByTestId('action-purchase').click();
  const d = page.getByTestId('dialog-purchase');
  await expect(d.getByTestId('purchase-amount')).toBeVisible();
  return d;
}

test('issue 29, reference API: without a session the page asks to sign in; signed in, every widget shows the server\'s figures', async ({ page, context }) => {
  const errors = watchErrors(page, { allow: [/status of 401/] });
  await page.goto(DASHBOARD);
  const notice = page.getByTestId('session-ended');
  await expect(notice).toContainText('Your session has ended.');
  await notice.getByTestId('sign-in').click();
  await expect(page).toHaveURL(/\/dev\/sign-in/);
  await page.getByTestId('dev-sign-in').click();
  await expect(page).toHaveURL(new RegExp(`${DASHBOARD}$`));
  await ready(page);
  await expect(page.getByTestId('session-ended')).toHaveCount(0);
  await expect(page.getByTestId('demo-badge')).toHaveCount(0);
  // The figures are the server's: the balance widget says what GET /credits/balance says.
  const balance = await (await context.request.get('/api/v1/credits/balance')).json();
  expect(await value(page.getByTestId('balance-remaining'))).toBeCloseTo(balance.remaining_credits, 2);
  expect(await value(page.getByTestId('balance-purchased'))).toBeCloseTo(balance.purchased_credits, 2);
  // The contract's guards, as a browser on another site would meet them.
  const forged = await context.request.post('/api/v1/credits/purchases', { data: { credits: 5000 } });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.code).toBe('csrf_rejected');
  const signedOut = await (await context.request.get('/api/v1/credits/balance', { headers: { cookie: 'session=nobody' } })).json();
  expect(signedOut.error.code).toBe('unauthorized');
  errors.expectNone();
});

test('issue 29, reference API: a double click buys once; a lost answer is checked again without buying twice; a reload mid-purchase keeps it to check', async ({ page, context }) => {
  const errors = watchErrors(page, { allow: [/status of 401/] });
  await signIn(context);
  await page.goto(DASHBOARD);
  await ready(page, ['widget-balance']);
  const before = await value(page.getByTestId('balance-purchased'));
  const ledger = await purchases(context);

  // A double click on Confirm: one purchase on the server.
  let d = await openPurchase(page);
  await d.getByTestId('purchase-amount').fill('5000');
  await d.getByTestId('purchase-confirm').dblclick();
  await expect(d.getByTestId('purchase-success')).toContainText('Purchased 5,000 credits');
  expect(await boughtSince(context, ledger)).toEqual([5000]);
  await expect.poll(() => value(page.getByTestId('balance-purchased'))).toBeCloseTo(before + 5000, 2);
  await d.getByRole('button', { name: 'Close', exact: true }).click();

  // The server buys, but its answer is lost on the way back: the client's time limit (1.5 s
  // here) ends the wait. Check again sends the same key: the server answers the first outcome.
  await page.route('**/config.json', async (route) => {
    const config = await (await route.fetch()).json();
    await route.fulfill({ json: { ...config, request_timeout_ms: 1500 } });
  });
  let lose = true;
  await page.route('**/api/v1/credits/purchases', async (route) => {
    const answer = await route.fetch();
    if (!lose) return route.fulfill({ response: answer });
    await new Promise((r) => setTimeout(r, 2500));
    await route.fulfill({ response: answer }).catch(() => {});
  });
  await page.reload();
  await ready(page, ['widget-balance']);
  d = await openPurchase(page);
  await d.getByTestId('purchase-amount').fill('7000');
  await d.getByTestId('purchase-confirm').click();
  const unconfirmed = d.getByTestId('purchase-failure');
  await expect(unconfirmed).toHaveAttribute('data-outcome', 'unknown');
  await expect(unconfirmed).toHaveAttribute('data-error-kind', 'timeout');
  await expect(d.getByTestId('purchase-confirm')).toHaveText('Check again');
  await expect.poll(() => boughtSince(context, ledger)).toEqual([5000, 7000]);
  lose = false;
  await d.getByTestId('purchase-confirm').click();
  await expect(d.getByTestId('purchase-success')).toContainText('Purchased 7,000 credits');
  expect(await boughtSince(context, ledger)).toEqual([5000, 7000]);
  await d.getByRole('button', { name: 'Close', exact: true }).click();

  // A reload while the purchase is on its way: the tab keeps it, and checking it again finds
  // the server's outcome instead of buying again.
  await page.unroute('**/api/v1/credits/purchases');
  let sent;
  const seen = new Promise((r) => { sent = r; });
  await page.route('**/api/v1/credits/purchases', async (route) => {
    await route.fetch().catch(() => {});
    sent();
    // Held: the page reloads before any answer.
  }, { times: 1 });
  d = await openPurchase(page);
  await d.getByTestId('purchase-amount').fill('9000');
  await d.getByTestId('purchase-confirm').click();
  await seen;
  await page.reload();
  await ready(page, ['widget-balance']);
  d = await openPurchase(page);
  await expect(d.getByTestId('purchase-amount')).toHaveValue('9000');
  await expect(d.getByTestId('purchase-confirm')).toHaveText('Check again');
  await d.getByTestId('purchase-confirm').click();
  await expect(d.getByTestId('purchase-success')).toContainText('Purchased 9,000 credits');
  expect(await boughtSince(context, ledger)).toEqual([5000, 7000, 9000]);
  await expect.poll(() => value(page.getByTestId('balance-purchased'))).toBeCloseTo(before + 21000, 2);
  errors.expectNone();
});

test('issue 29, reference API: auto-recharge, alerts and a recalculation are the server\'s, and the ledger shows them', async ({ page, context }) => {
  const errors = watchErrors(page, { allow: [/status of 401/] });
  await signIn(context);
  await page.goto(DASHBOARD);
  await ready(page, ['widget-balance']);

  // Auto-recharge, saved by the server: a reload reads it back.
  await expect(page.getByTestId('auto-recharge-state')).toHaveText('Off');
  await page.getByTestId('action-auto-recharge').click();
  let d = page.getByTestId('dialog-auto-recharge');
  await d.getByTestId('auto-recharge-enabled').check();
  await d.getByTestId('auto-recharge-threshold').fill('10000');
  await d.getByTestId('auto-recharge-amount').fill('5000');
  await d.getByTestId('auto-recharge-save').click();
  await expect(d).toBeHidden();
  await expect(page.getByTestId('auto-recharge-state')).toHaveText('On');
  const saved = await (await context.request.get('/api/v1/credits/auto-recharge')).json();
  expect([saved.enabled, saved.threshold_credits, saved.recharge_credits]).toEqual([true, 10000, 5000]);
  await page.reload();
  await expect(page.getByTestId('auto-recharge-state')).toHaveText('On');

  // Alerts: the server keeps the rule.
  await page.getByTestId('action-alerts').click();
  d = page.getByTestId('dialog-alerts');
  await expect(d.getByTestId('alerts-save')).toBeVisible();
  const hint = await d.getByTestId('alert-recipients-hint').innerText();
  const admin = hint.match(/[\w.+-]+@[\w.-]+\.\w+/)[0];
  await d.getByTestId('alert-pct-50').check();
  await d.getByTestId('alert-balance-below').fill('20000');
  await d.getByTestId('alert-recipients').fill(admin);
  await d.getByTestId('alerts-save').click();
  await expect(page.getByTestId('alerts-saved')).toBeVisible();
  const alerts = await (await context.request.get('/api/v1/credits/alerts')).json();
  expect(alerts.used_pct).toContain(50);
  expect([alerts.balance_below, alerts.recipients]).toEqual([20000, [admin]]);

  // A recalculation runs on the server and moves the as-of stamp.
  await page.keyboard.press('Escape');
  const asOf = await page.getByTestId('as-of').getAttribute('data-value');
  await page.waitForTimeout(1100);
  await page.getByTestId('action-recalculate').click();
  d = page.getByTestId('dialog-recalculate');
  await d.getByTestId('recalculate-start').click();
  await expect(d.getByTestId('recalculate-progress')).toBeVisible();
  await expect(d.getByTestId('recalculate-done')).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => page.getByTestId('as-of').getAttribute('data-value')).not.toBe(asOf);
  await page.keyboard.press('Escape');

  // The ledger: a purchase bought here is its newest purchase.
  const bought = await context.request.post('/api/v1/credits/purchases', {
    data: { credits: 5000 },
    headers: { 'X-Requested-With': 'credit-dash', 'Idempotency-Key': '5f0c3a52-7f7b-4c5e-9a3f-1f0e2d3c4b5a' },
  });
  expect(bought.status()).toBe(200);
  await page.goto('/billing/history');
  const row = page.locator('[data-testid=history-row][data-kind=purchase]').first();
  await expect(row).toContainText('5,000');
  await expect(page.locator('[data-testid=history-row][data-kind=usage]').first()).toBeVisible();
  errors.expectNone();
});

test('issue 29, reference API: a 429 with Retry-After from the server counts down, and Retry then succeeds', async ({ page, context }) => {
  const errors = watchErrors(page, { allow: [/status of (401|429)/] });
  await signIn(context);
  // The server's fault knob, per request: the flows report is rate limited until the header goes.
  let limited = true;
  await page.route('**/api/v1/credits/usage/flows?*', (route) =>
    route.continue({ headers: { ...route.request().headers(), ...(limited ? { 'x-demo-fail': 'flows:429' } : {}) } }),
  );
  await page.goto(DASHBOARD);
  const error = page.getByTestId('widget-flows').getByTestId('error');
  await expect(error).toHaveAttribute('data-error-kind', 'rate_limited');
  await expect(error.locator('p').first()).toHaveText('Too many requests. Try again in 5 s.');
  const retry = error.getByTestId('retry');
  await expect(retry).toBeDisabled();
  await expect(retry).toHaveText(/^Retry in [45] s$/);
  limited = false;
  await expect(retry).toBeEnabled({ timeout: 8_000 });
  await retry.click();
  await ready(page, ['widget-flows']);
  errors.expectNone();
});
