// Issue 29: the demo's engine runs in a Web Worker of its own wasm (crates/demo-worker), which
// only a page in demo mode fetches, beside its own wasm rather than after it; and the demo's
// faults are HTTP faults: real statuses, headers and bodies, read by the same client code as a
// server's answers.
import { test, expect } from './fixtures.mjs';
import { useContractApi, example } from './contract-api.mjs';
import { DASHBOARD, MOCK, watchErrors } from './helpers.mjs';

const PAGE_WASM = /\/credit-dash-[0-9a-f]+_bg\.wasm$/;
const WORKER_FILE = /\/demo-worker-(?:boot-)?[0-9a-f]+(?:_bg)?\.(?:js|wasm)$/;
const WORKER_WASM = /\/demo-worker-[0-9a-f]+_bg\.wasm$/;

async function ready(page, ids) {
  for (const id of ids) await expect(page.getByTestId(id), id).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
}

test('issue 29: the demo fetches its worker beside the page wasm; a page with an API fetches none of it', async ({ page, context }) => {
  const errors = watchErrors(page);
  const requested = [];
  context.on('request', (r) => requested.push(r.url()));
  // The page's wasm is held until the worker's wasm has been asked for: were the worker started
  // by the app (after its wasm), this page would never load.
  let workerAsked;
  const workerSeen = new Promise((resolve) => { workerAsked = resolve; });
  context.on('request', (r) => { if (WORKER_WASM.test(r.url())) workerAsked(); });
  await page.route(PAGE_WASM, async (route) => {
    await workerSeen;
    await route.continue();
  });
  await page.goto(`${DASHBOARD}?${MOCK}`);
  await ready(page, ['widget-balance', 'widget-flows', 'widget-copilot-users']);
  expect(requested.filter((u) => WORKER_FILE.test(u))).toHaveLength(3);
  // The figures are the engine's: the worker answered every request (none went over HTTP).
  expect(requested.filter((u) => /\/api\//.test(u))).toEqual([]);
  errors.expectNone();

  // The product with an API: the page never asks for the worker.
  const product = await context.newPage();
  const productRequests = [];
  product.on('request', (r) => productRequests.push(r.url()));
  await useContractApi(product);
  await product.goto(DASHBOARD);
  await ready(product, ['widget-balance', 'widget-flows']);
  expect(productRequests.filter((u) => WORKER_FILE.test(u))).toEqual([]);
  expect(productRequests.some((u) => /\/api\/v1\/credits\/balance/.test(u))).toBe(true);
  // Nor does a demo link where the config does not allow one.
  await product.goto(`${DASHBOARD}?${MOCK}`);
  await ready(product, ['widget-balance']);
  await expect(product.getByTestId('demo-badge')).toHaveCount(0);
  expect(productRequests.filter((u) => WORKER_FILE.test(u))).toEqual([]);
});

test("issue 29: the demo's faults are the statuses, headers and bodies a server sends, read as a server's", async ({ page }) => {
  const errors = watchErrors(page);
  const fail = 'flows:403,ai-pilots:404,copilot-users:bad-json,flow-actions:503,summary:500,timeseries:html';
  await page.goto(`${DASHBOARD}?${MOCK}&fail=${fail}`);
  const kinds = {
    'widget-flows': ['forbidden', /You don't have permission to see this/],
    'widget-ai-pilots': ['not_found', /does not know \/credits\/usage\/ai-pilots/],
    'widget-copilot-users': ['malformed', /cannot read \(\/credits\/usage\/copilot-users: /],
    'widget-flow-actions': ['server', /The usage service failed \(503\): The service is unavailable for a moment\./],
    'widget-used-summary': ['server', /The usage service failed \(500\)/],
  };
  for (const [id, [kind, text]] of Object.entries(kinds)) {
    const error = page.getByTestId(id).getByTestId('error');
    await expect(error, id).toHaveAttribute('data-error-kind', kind);
    await expect(error, id).toContainText(text);
  }
  await expect(page.getByTestId('widget-flows').getByTestId('retry')).toHaveCount(0);
  // An HTML page where JSON was expected is a sign-in page: the session has ended.
  await expect(page.getByTestId('session-ended')).toContainText('Your session has ended.');
  await ready(page, ['widget-balance']);

  // 401 and a time-out, with the config's time limit (1 s here).
  await page.route('**/config.json', (route) => route.fulfill({ json: { request_timeout_ms: 1000 } }));
  await page.goto(`${DASHBOARD}?${MOCK}&fail=flows:timeout,balance:401`);
  const timedOut = page.getByTestId('widget-flows').getByTestId('error');
  await expect(timedOut).toHaveAttribute('data-error-kind', 'timeout');
  await expect(timedOut).toContainText(/did not answer within 1 s/);
  await expect(page.getByTestId('widget-balance').getByTestId('error')).toHaveAttribute('data-error-kind', 'unauthorized');
  await expect(page.getByTestId('session-ended')).toHaveCount(1);
  await ready(page, ['widget-ai-pilots', 'widget-copilot-users']);
  errors.expectNone();
});

test("issue 29: a 429 with Retry-After from the demo's worker counts down as one from a server", async ({ page }) => {
  const errors = watchErrors(page);
  // What each shows, from the first look to the moment Retry is offered again.
  async function countdown(page) {
    const error = page.getByTestId('widget-flows').getByTestId('error');
    await expect(error).toHaveAttribute('data-error-kind', 'rate_limited');
    const retry = error.getByTestId('retry');
    await expect(retry).toBeDisabled();
    await expect(retry).toHaveText(/^Retry in [45] s$/);
    const message = await error.locator('p').first().textContent();
    await expect(retry).toBeEnabled({ timeout: 8_000 });
    await expect(retry).toHaveText('Retry');
    return message;
  }
  await page.goto(`${DASHBOARD}?${MOCK}&fail=flows:429`);
  const fromWorker = await countdown(page);

  const server = await page.context().newPage();
  const serverErrors = watchErrors(server, { allow: [/status of 429/] });
  // The same answer from a server: status, Retry-After and body as the worker sent them.
  await useContractApi(server, {
    '/credits/usage/flows': (route) =>
      route.fulfill({
        status: 429,
        headers: { 'Retry-After': '5' },
        json: { error: { code: 'rate_limited', message: 'Too many requests. Try again shortly.' } },
      }),
  });
  await server.goto(DASHBOARD);
  const fromServer = await countdown(server);
  expect(fromWorker).toBe(fromServer);
  expect(fromWorker).toBe('Too many requests. Try again in 5 s.');
  errors.expectNone();
  serverErrors.expectNone();
});

test('issue 29: the demo switcher picks how an endpoint fails, and the link says it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${DASHBOARD}?${MOCK}`);
  await ready(page, ['widget-flows']);
  await page.getByTestId('demo-badge').click();
  const panel = page.getByTestId('demo-panel');
  await panel.getByTestId('demo-fail-flows').check();
  const how = panel.getByTestId('demo-fault-flows');
  await expect(how).toHaveValue('');
  await expect(how.locator('option').first()).toHaveText('500 server error');
  await how.selectOption('429');
  await panel.getByTestId('demo-fail-purchases').check();
  await expect(panel.getByTestId('demo-fault-purchases').locator('option').first()).toHaveText('402 card declined');
  await panel.getByTestId('demo-apply').click();
  await expect(page).toHaveURL(/fail=flows%3A429%2Cpurchases|fail=flows:429,purchases/);
  await expect(page.getByTestId('widget-flows').getByTestId('error')).toHaveAttribute('data-error-kind', 'rate_limited');
  await ready(page, ['widget-ai-pilots']);
  // A reload keeps the fault, and the switcher shows it.
  await page.reload();
  await expect(page.getByTestId('widget-flows').getByTestId('error')).toHaveAttribute('data-error-kind', 'rate_limited');
  await page.getByTestId('demo-badge').click();
  await expect(page.getByTestId('demo-fault-flows')).toHaveValue('429');
  await expect(page.getByTestId('demo-fail-ai-pilots')).not.toBeChecked();
  await expect(page.getByTestId('demo-fault-ai-pilots')).toHaveCount(0);
  errors.expectNone();
});

test("issue 29: a demo worker that cannot be loaded fails the widgets with Retry, and Retry starts it", async ({ page }) => {
  const errors = watchErrors(page, { allow: [/status of 404/, /demo-worker/] });
  // First the worker's wasm is missing (its loader runs, its wasm does not come).
  let missing = true;
  await page.context().route(/\/demo-worker-[0-9a-f]+_bg\.wasm$/, (route) =>
    missing ? route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }) : route.continue(),
  );
  await page.goto(`${DASHBOARD}?${MOCK}`);
  // The account is the first thing the page asks: its error stands for the whole dashboard.
  const error = page.locator('main').getByTestId('error').first();
  await expect(error).toHaveAttribute('data-error-kind', 'network');
  missing = false;
  await error.getByTestId('retry').click();
  await ready(page, ['widget-balance', 'widget-flows']);
  errors.expectNone();
});
