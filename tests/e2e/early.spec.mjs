// HTTP mode: the dashboard's requests go out with the account's, not after it (one round trip
// before the figures, not two), each is sent once, and a wrong guess at the range costs only an
// unused request.
import { test, expect, pinnedDay } from './fixtures.mjs';
import { useContractApi, example } from './contract-api.mjs';
import { DASHBOARD } from './helpers.mjs';

const WIDGETS = ['widget-balance', 'widget-used-summary', 'widget-usage-chart', 'widget-copilot-users', 'widget-flows', 'widget-flow-actions', 'widget-ai-pilots'];
const HINT = 'credit-dash:account-hint';
const ACCOUNT_DELAY_MS = 1500;

/** A date `days` before today, as the browser's pinned clock says (the app's "today" over HTTP). */
const daysAgo = (days) => pinnedDay('America/New_York', -days);

/** The contract's API with a slow /account; returns the requests seen and when the account answered. */
async function slowAccount(page) {
  const timing = { answered: Infinity };
  const sent = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/v1/')) sent.push({ at: Date.now(), key: url.pathname.slice(7) + url.search });
  });
  await useContractApi(page, {
    '/account': async (route) => {
      await new Promise((ok) => setTimeout(ok, ACCOUNT_DELAY_MS));
      timing.answered = Date.now();
      return route.fulfill({ json: example('/account') });
    },
  });
  return { sent, timing };
}

async function everyWidgetReady(page) {
  for (const id of WIDGETS) await expect(page.getByTestId(id)).toHaveAttribute('data-state', /ready|empty/);
}

/** Requests sent more than once. */
function repeatedRequests(sent) {
  const out = {};
  for (const { key } of sent) out[key] = (out[key] ?? 0) + 1;
  return Object.entries(out).filter(([, n]) => n > 1);
}

const REPORTS = ['/credits/usage/summary', '/credits/usage/timeseries', '/credits/usage/copilot-users', '/credits/usage/flows', '/credits/usage/flow-actions', '/credits/usage/ai-pilots', '/credits/events'];
const UNFILTERED = ['/directory', '/credits/balance', '/credits/auto-recharge', '/credits/pricing'];

test('a link with dates starts every request with the account, and sends each once', async ({ page }) => {
  const { sent, timing } = await slowAccount(page);
  const from = daysAgo(20);
  const to = daysAgo(2);
  await page.goto(`${DASHBOARD}?from=${from}&to=${to}&teams=t1`);
  await everyWidgetReady(page);
  for (const path of [...REPORTS, ...UNFILTERED]) {
    const first = sent.find((s) => s.key.startsWith(`${path}?`) || s.key === path);
    expect(first, `${path} was requested`).toBeTruthy();
    expect(first.at, `${path} went out before the account answered`).toBeLessThan(timing.answered);
  }
  for (const path of REPORTS) {
    const ranged = sent.filter((s) => s.key.startsWith(`${path}?`));
    expect(ranged.map((s) => new URL(`http://x${s.key}`).searchParams.get('from'))).toEqual([from]);
    if (path !== '/credits/events') expect(ranged[0].key).toContain('teams=t1');
  }
  expect(repeatedRequests(sent), 'no request is sent twice').toEqual([]);
  // The figures are the answers' (the contract's examples), shown once the account is there.
  await expect(page.getByTestId('widget-balance')).toContainText('41,234.56');
});

test('a second visit starts the reports early from what the last account said', async ({ page }) => {
  const { sent, timing } = await slowAccount(page);
  await page.goto(DASHBOARD);
  await everyWidgetReady(page);
  expect(await page.evaluate((k) => localStorage.getItem(k), HINT)).toBe('1 America/New_York');
  // The first visit knew no range before the account: the reports waited for it.
  const firstVisit = sent.filter((s) => s.key.startsWith('/credits/usage/flows?'));
  expect(firstVisit).toHaveLength(1);
  expect(firstVisit[0].at).toBeGreaterThanOrEqual(timing.answered);

  sent.length = 0;
  timing.answered = Infinity;
  await page.reload();
  await everyWidgetReady(page);
  for (const path of REPORTS) {
    const mine = sent.filter((s) => s.key.startsWith(`${path}?`));
    expect(mine, `${path} sent once`).toHaveLength(1);
    expect(mine[0].at, `${path} went out before the account answered`).toBeLessThan(timing.answered);
  }
  expect(repeatedRequests(sent)).toEqual([]);
});

test('a wrong remembered cycle costs an unused request, never a wrong figure', async ({ page }) => {
  // Another account's cycle (starting on the 17th) in another zone.
  await page.addInitScript((k) => localStorage.setItem(k, '17 Pacific/Kiritimati'), HINT);
  const flows = [];
  const { sent } = await slowAccount(page);
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith('/credits/usage/flows')) flows.push(url.searchParams.get('from'));
  });
  await page.goto(DASHBOARD);
  await everyWidgetReady(page);
  // The account's cycle starts on the 1st (of the month it is in New York, the account's
  // zone): the widgets asked for that range themselves.
  const today = pinnedDay('America/New_York');
  const cycleStart = `${today.slice(0, 8)}01`;
  expect(flows).toContain(cycleStart);
  expect(flows.filter((f) => f === cycleStart)).toHaveLength(1);
  expect(flows.length).toBe(2);
  // And now the right cycle is remembered.
  expect(await page.evaluate((k) => localStorage.getItem(k), HINT)).toBe('1 America/New_York');
  expect(sent.length).toBeGreaterThan(0);
});

test('a garbled remembered hint never breaks the page: right figures, each report once for the account, the hint mended', async ({ page }) => {
  for (const garbled of ['', 'lots of credits', '99 Mars/Olympus', '-3 UTC', '1 <img src=x onerror=alert(1)>', '\u0000 \u0000']) {
    await page.addInitScript(([k, v]) => localStorage.setItem(k, v), [HINT, garbled]);
    const { sent, timing } = await slowAccount(page);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(DASHBOARD);
    await everyWidgetReady(page);
    expect(errors, garbled).toEqual([]);
    await expect(page.getByTestId('widget-balance')).toContainText('41,234.56');
    // Whatever was guessed, each report the widgets show was asked for once with the account's range.
    expect(repeatedRequests(sent.filter((s) => s.at >= timing.answered)), garbled).toEqual([]);
    expect(await page.evaluate((k) => localStorage.getItem(k), HINT)).toBe('1 America/New_York');
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    page.removeAllListeners('request');
    page.removeAllListeners('pageerror');
  }
});

test('an early answer that failed is the widget error, and Retry asks again', async ({ page }) => {
  let calls = 0;
  await useContractApi(page, {
    '/account': async (route) => {
      await new Promise((ok) => setTimeout(ok, 500));
      return route.fulfill({ json: example('/account') });
    },
    '/credits/usage/flows': (route) => {
      calls += 1;
      return calls === 1
        ? route.fulfill({ status: 500, json: { error: { code: 'internal', message: 'database unavailable' } } })
        : route.fulfill({ json: example('/credits/usage/flows') });
    },
  });
  await page.goto(`${DASHBOARD}?from=${daysAgo(9)}&to=${daysAgo(1)}`);
  const flows = page.getByTestId('widget-flows');
  await expect(flows.getByTestId('error')).toContainText('database unavailable');
  expect(calls).toBe(1);
  await flows.getByRole('button', { name: 'Retry' }).click();
  await expect(flows).toHaveAttribute('data-state', /ready|empty/);
  expect(calls).toBe(2);
});

test('an early request that outlives the time limit is the widget timeout, not a network error', async ({ page }) => {
  await useContractApi(
    page,
    {
      '/account': async (route) => {
        await new Promise((ok) => setTimeout(ok, 300));
        return route.fulfill({ json: example('/account') });
      },
      // Never answered in time.
      '/credits/usage/flows': async (route) => {
        await new Promise((ok) => setTimeout(ok, 4000));
        return route.fulfill({ json: example('/credits/usage/flows') }).catch(() => {});
      },
    },
    { request_timeout_ms: 1000 },
  );
  await page.goto(`${DASHBOARD}?from=${daysAgo(9)}&to=${daysAgo(1)}`);
  const error = page.getByTestId('widget-flows').getByTestId('error');
  await expect(error).toHaveAttribute('data-error-kind', 'timeout');
  await expect(error).toContainText('did not answer within 1 s');
  await expect(page.getByTestId('widget-ai-pilots')).toHaveAttribute('data-state', /ready|empty/);
});

test('the purchase dialog asks for prices each time it opens, and a closed one asks nothing', async ({ page }) => {
  const { sent } = await slowAccount(page);
  await page.goto(DASHBOARD);
  await everyWidgetReady(page);
  const pricing = () => sent.filter((s) => s.key === '/credits/pricing').length;
  // The dashboard's own request (the auto-recharge banner's limits); the closed dialog sends none.
  expect(pricing()).toBe(1);
  for (const opened of [2, 3]) {
    await page.getByTestId('action-purchase').click();
    const d = page.getByTestId('dialog-purchase');
    await expect(d.getByTestId('purchase-amount')).toBeVisible();
    await d.getByTestId('purchase-amount').fill('1234');
    await expect(d.getByTestId('purchase-price')).toContainText('$');
    await expect.poll(pricing, { message: 'opening prices fresh' }).toBe(opened);
    await page.keyboard.press('Escape');
    await expect(d).toBeHidden();
    await page.waitForTimeout(300);
    expect(pricing(), 'closing asks nothing').toBe(opened);
  }
});
