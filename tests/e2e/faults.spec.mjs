// HTTP mode, one failure at a time: every GET endpoint the dashboard reads x every kind of
// failure a server or the network can produce. Each test checks the typed error, that only the
// widgets that depend on the endpoint show it, that nothing crashes, then clears the fault and
// recovers (Retry, or Reload for an ended session). The outcomes are collected in a matrix,
// printed and written to tests/e2e/results/fault-matrix.txt.
import { test as base, expect, pinClock } from './fixtures.mjs';
import { mkdirSync, writeFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { useContractApi, example } from './contract-api.mjs';
import { DASHBOARD } from './helpers.mjs';

// One page per worker, reused by its tests (each test starts from about:blank with no routes):
// this saves a new browser context per test, a good part of a test's time on two cores.
const LISTENED = ['pageerror', 'console', 'requestfinished', 'requestfailed'];
const test = base.extend({
  workerPage: [
    async ({ browser }, use, workerInfo) => {
      const { baseURL, viewport } = workerInfo.project.use;
      const context = await pinClock(await browser.newContext({ baseURL, viewport }));
      await use(await context.newPage());
      await context.close();
    },
    { scope: 'worker' },
  ],
  page: async ({ workerPage: page }, use) => {
    await use(page);
    for (const event of LISTENED) page.removeAllListeners(event);
    await page.goto('about:blank');
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  },
});

// Tests are independent: both workers take a share; the afterAll below merges their tables.
test.describe.configure({ mode: 'parallel' });

const WIDGETS = ['widget-balance', 'widget-used-summary', 'widget-usage-chart', 'widget-copilot-users', 'widget-flows', 'widget-flow-actions', 'widget-ai-pilots'];

/** How a failure of each endpoint shows, and which widgets depend on it. */
const ENDPOINTS = {
  '/credits/balance': { shows: 'widget', deps: ['widget-balance'] },
  '/credits/usage/summary': { shows: 'widget', deps: ['widget-used-summary'] },
  '/credits/usage/timeseries': { shows: 'widget', deps: ['widget-usage-chart'] },
  '/credits/usage/copilot-users': { shows: 'widget', deps: ['widget-copilot-users'] },
  '/credits/usage/flows': { shows: 'widget', deps: ['widget-flows'] },
  '/credits/usage/flow-actions': { shows: 'widget', deps: ['widget-flow-actions'] },
  '/credits/usage/ai-pilots': { shows: 'widget', deps: ['widget-ai-pilots'] },
  '/directory': { shows: 'filter-bar', deps: [] },
  '/credits/auto-recharge': { shows: 'auto-recharge', deps: [] },
  '/credits/pricing': { shows: 'auto-recharge', deps: [] },
  '/credits/events': { shows: 'chart-marks', deps: [] },
  '/account': { shows: 'page', deps: WIDGETS },
};

// Placeholders replaced in the serialised body, so the wire carries the exact number text.
const E20 = '__1e20__';
const BIG_INT = '__2^53+1__';
const wire = (o) => JSON.stringify(o).replaceAll(`"${E20}"`, '1e20').replaceAll(`"${BIG_INT}"`, '9007199254740993');

/**
 * The bad-data faults per endpoint: [what is changed, the change to the contract example, what the
 * message names].
 * `null`: the endpoint has no such field (n/a in the matrix). For the empty list and the unknown
 * enum the third element is what the page should show instead of an error.
 */
const DATA = {
  '/credits/balance': {
    missing: ['delete free_credits', (o) => delete o.free_credits, /missing field `free_credits`/],
    wrong: ['free_credits = "lots"', (o) => { o.free_credits = 'lots'; }, /field `free_credits`/],
    big: ['used_credits = 1e20', (o) => { o.used_credits = E20; }, /field `used_credits`/],
    negative: ['free_credits = -5', (o) => { o.free_credits = -5; }, /field `free_credits`.*negative/],
    empty: null,
    enum: null,
  },
  '/credits/usage/summary': {
    missing: ['delete by_feature.ai_pilots', (o) => delete o.by_feature.ai_pilots, /missing field `ai_pilots`/],
    wrong: ['total = "41234.56"', (o) => { o.total = '41234.56'; }, /field `total`/],
    big: ['total = 1e20', (o) => { o.total = E20; }, /field `total`/],
    negative: ['by_feature.smart_flows = -5', (o) => { o.by_feature.smart_flows = -5; }, /field `by_feature\.smart_flows`.*negative/],
    empty: null,
    enum: null,
  },
  '/credits/usage/timeseries': {
    missing: ['delete points[1].partial', (o) => delete o.points[1].partial, /missing field `partial`/],
    wrong: ['points[0].smart_flows = "210.5"', (o) => { o.points[0].smart_flows = '210.5'; }, /field `points\[0\]\.smart_flows`/],
    big: ['points[1].ai_copilot = 1e20', (o) => { o.points[1].ai_copilot = E20; }, /field `points\[1\]\.ai_copilot`/],
    negative: ['points[0].ai_pilots = -5', (o) => { o.points[0].ai_pilots = -5; }, /field `points\[0\]\.ai_pilots`.*negative/],
    empty: ['points = []', (o) => { o.points = []; }, null, 'empty'],
    // `frequency` echoes the asked frequency; the contract lists it as a closed enum.
    enum: null,
  },
  '/credits/usage/copilot-users': {
    missing: ['delete rows[0].user_name', (o) => delete o.rows[0].user_name, /missing field `user_name`/],
    wrong: ['rows[0].credits = "812.34"', (o) => { o.rows[0].credits = '812.34'; }, /field `rows\[0\]\.credits`/],
    big: ['rows[0].tokens.input = 9007199254740993', (o) => { o.rows[0].tokens.input = BIG_INT; }, /field `rows\[0\]\.tokens\.input`/],
    negative: ['rows[0].credits = -5', (o) => { o.rows[0].credits = -5; }, /field `rows\[0\]\.credits`.*negative/],
    empty: ['rows = []', (o) => { o.rows = []; }, null, 'empty'],
    enum: null,
  },
  '/credits/usage/flows': {
    missing: ['delete rows[0].name', (o) => delete o.rows[0].name, /missing field `name`/],
    wrong: ['rows[1].credits = "96"', (o) => { o.rows[1].credits = '96'; }, /field `rows\[1\]\.credits`/],
    big: ['rows[0].credits = 1e20', (o) => { o.rows[0].credits = E20; }, /field `rows\[0\]\.credits`/],
    negative: ['rows[1].credits = -5', (o) => { o.rows[1].credits = -5; }, /field `rows\[1\]\.credits`.*negative/],
    empty: ['rows = []', (o) => { o.rows = []; }, null, 'empty'],
    enum: ['rows[0].status = "retired", rows[1].type = "webhook_flow"', (o) => { o.rows[0].status = 'retired'; o.rows[1].type = 'webhook_flow'; }, null, ['retired', 'webhook_flow']],
  },
  '/credits/usage/flow-actions': {
    missing: ['delete rows[0].executions', (o) => delete o.rows[0].executions, /missing field `executions`/],
    wrong: ['rows[0].executions = "3120"', (o) => { o.rows[0].executions = '3120'; }, /field `rows\[0\]\.executions`/],
    big: ['rows[1].tokens.input = 9007199254740993', (o) => { o.rows[1].tokens.input = BIG_INT; }, /field `rows\[1\]\.tokens\.input`/],
    negative: ['rows[2].credits = -5', (o) => { o.rows[2].credits = -5; }, /field `rows\[2\]\.credits`.*negative/],
    empty: ['rows = []', (o) => { o.rows = []; }, null, 'empty'],
    enum: ['rows[0].flow_type = "x_flow"', (o) => { o.rows[0].flow_type = 'x_flow'; }, null, ['x_flow']],
  },
  '/credits/usage/ai-pilots': {
    missing: ['delete rows[0].tokens', (o) => delete o.rows[0].tokens, /missing field `tokens`/],
    wrong: ['rows[0].status = 5', (o) => { o.rows[0].status = 5; }, /field `rows\[0\]\.status`/],
    big: ['rows[0].credits = 1e20', (o) => { o.rows[0].credits = E20; }, /field `rows\[0\]\.credits`/],
    negative: ['rows[0].credits = -5', (o) => { o.rows[0].credits = -5; }, /field `rows\[0\]\.credits`.*negative/],
    empty: ['rows = []', (o) => { o.rows = []; }, null, 'empty'],
    enum: ['rows[0].status = "sleeping"', (o) => { o.rows[0].status = 'sleeping'; }, null, ['sleeping']],
  },
  '/directory': {
    missing: ['delete users[0].email', (o) => delete o.users[0].email, /missing field `email`/],
    wrong: ['teams[0].id = 1', (o) => { o.teams[0].id = 1; }, /field `teams\[0\]\.id`/],
    big: null,
    negative: null,
    empty: ['teams = [], users = []', (o) => { o.teams = []; o.users = []; }, null, 'accepted'],
    enum: null,
  },
  '/credits/auto-recharge': {
    missing: ['delete enabled', (o) => delete o.enabled, /missing field `enabled`/],
    wrong: ['enabled = "yes"', (o) => { o.enabled = 'yes'; }, /field `enabled`/],
    big: ['threshold_credits = 9007199254740993', (o) => { o.threshold_credits = BIG_INT; }, /field `threshold_credits`/],
    negative: ['recharge_credits = -5', (o) => { o.recharge_credits = -5; }, /field `recharge_credits`/],
    empty: null,
    enum: null,
  },
  '/credits/pricing': {
    missing: ['delete max_purchase', (o) => delete o.max_purchase, /missing field `max_purchase`/],
    wrong: ['price_per_1000 = "10"', (o) => { o.price_per_1000 = '10'; }, /field `price_per_1000`/],
    big: ['max_purchase = 9007199254740993', (o) => { o.max_purchase = BIG_INT; }, /field `max_purchase`/],
    negative: ['packs[0].credits = -5', (o) => { o.packs[0].credits = -5; }, /field `packs\[0\]\.credits`/],
    empty: ['packs = []', (o) => { o.packs = []; }, null, 'accepted'],
    enum: null,
  },
  '/credits/events': {
    missing: ['delete events[1].date', (o) => delete o.events[1].date, /missing field `date`/],
    wrong: ['events[1].credits = "5000"', (o) => { o.events[1].credits = '5000'; }, /field `events\[1\]\.credits`/],
    big: ['events[1].credits = 1e20', (o) => { o.events[1].credits = E20; }, /field `events\[1\]\.credits`/],
    negative: ['events[1].credits = -5', (o) => { o.events[1].credits = -5; }, /field `events\[1\]\.credits`/],
    empty: ['events = []', (o) => { o.events = []; }, null, 'empty'],
    enum: ['events[1].kind = "gift"', (o) => { o.events[1].kind = 'gift'; }, null, ['gift']],
  },
  '/account': {
    missing: ['delete plan.cycle_start', (o) => delete o.plan.cycle_start, /missing field `cycle_start`/],
    wrong: ['plan.included_credits = "lots"', (o) => { o.plan.included_credits = 'lots'; }, /field `plan\.included_credits`/],
    big: ['plan.included_credits = 1e20', (o) => { o.plan.included_credits = E20; }, /field `plan\.included_credits`/],
    negative: ['plan.included_credits = -5', (o) => { o.plan.included_credits = -5; }, /field `plan\.included_credits`.*negative/],
    empty: null,
    enum: null,
  },
};

const jsonError = (status, code, message) => (route) => route.fulfill({ status, json: { error: { code, message } } });
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The faults (matrix columns). `kind` is the `data-error-kind` a dependent widget shows,
 * `text` what its message says; `data` names the DATA entry of a bad-data fault.
 */
const FAULTS = [
  { id: '500', kind: 'server', answer: () => jsonError(500, 'internal', 'database unavailable'), text: () => /The usage service failed \(500\)/ },
  { id: '401', kind: 'unauthorized', answer: () => jsonError(401, 'unauthorized', 'Session expired.'), text: () => /session has ended/ },
  { id: '403', kind: 'forbidden', answer: () => jsonError(403, 'forbidden', 'Admins only.'), text: () => /You don't have permission to see this/ },
  { id: '404', kind: 'not_found', answer: () => jsonError(404, 'not_found', 'No such endpoint.'), text: (ep) => new RegExp(`does not know ${escapeRe(ep)}`) },
  {
    id: '429',
    kind: 'rate_limited',
    answer: () => (route) => route.fulfill({ status: 429, headers: { 'Retry-After': '2' }, json: { error: { code: 'rate_limited', message: 'Slow down.' } } }),
    text: () => /Too many requests\. Try again in 2 s\./,
  },
  // Never answers; the app gives up after request_timeout_ms (1 s here) and aborts the request.
  { id: 'timeout', kind: 'timeout', config: { request_timeout_ms: 1000 }, answer: () => () => new Promise(() => {}), text: () => /did not answer within 1 s/ },
  { id: 'refused', kind: 'network', answer: () => (route) => route.abort('connectionrefused'), text: () => /Could not reach the usage service/ },
  {
    id: 'html-200',
    kind: 'unauthorized',
    answer: () => (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><html><head><title>Sign in</title></head><body><form action="/login"><input name="user"></form></body></html>' }),
    text: () => /session has ended/,
  },
  {
    id: 'bad-json',
    kind: 'malformed',
    answer: () => (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"rows": [{"credits": 1,' }),
    text: (ep) => new RegExp(`The usage service sent an answer the app cannot read \\(${escapeRe(ep)}: `),
  },
  { id: 'missing', data: 'missing' },
  { id: 'wrong-type', data: 'wrong' },
  { id: '>2^53', data: 'big' },
  { id: 'negative', data: 'negative' },
  { id: 'empty-list', data: 'empty' },
  { id: 'unknown-enum', data: 'enum' },
];

/** The plan of one (endpoint, fault): how to answer, what to expect; null when n/a. */
function planFor(ep, fault) {
  if (!fault.data) return { answer: fault.answer(ep), kind: fault.kind, text: fault.text(ep), config: fault.config ?? {} };
  const entry = DATA[ep][fault.data];
  if (!entry) return null;
  const [, mutate, field, instead] = entry;
  const answer = (route) => {
    const o = example(ep);
    mutate(o);
    return route.fulfill({ status: 200, contentType: 'application/json', body: wire(o) });
  };
  if (instead) return { answer, instead, config: {} };
  return {
    answer,
    kind: 'malformed',
    text: new RegExp(`The usage service sent an answer the app cannot read \\(${escapeRe(ep)}: [^]*${field.source}`),
    config: {},
  };
}

// The outcome table: `${endpoint}|${fault}` -> short text. Filled per worker, merged in afterAll.
const RESULTS = new Map();
const NOTES = [];
let current = null;

for (const ep of Object.keys(ENDPOINTS)) {
  for (const f of FAULTS) {
    if (!planFor(ep, f)) RESULTS.set(`${ep}|${f.id}`, 'n/a');
  }
}

/** Fails on an uncaught page error or a console error other than a failed request's own line. */
function watch(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return errors;
}

async function expectStates(page, ids, state) {
  for (const id of ids) await expect(page.getByTestId(id), id).toHaveAttribute('data-state', state);
}

/**
 * Waits (polling every animation frame, so no test idles on the assertion back-off) until the
 * page has settled: the account answered, no widget loads, the auto-recharge state is known.
 * Only a speed-up: the assertions that follow still wait on their own.
 */
async function settled(page) {
  await page
    .waitForFunction(
      () => {
        const main = document.querySelector('main');
        if (!main || main.querySelector('[data-testid=loading]')) return false;
        const widgets = [...main.querySelectorAll('[data-state]')];
        if (widgets.length === 0) return !!main.querySelector('[data-testid=error]');
        const recharge = main.querySelector('[data-testid=auto-recharge-state]');
        return widgets.every((w) => w.dataset.state !== 'loading') && !!recharge && recharge.textContent !== '…';
      },
      null,
      { polling: 'raf', timeout: 10_000 },
    )
    .catch(() => {});
}

/** The names of the purchase/auto-recharge marks drawn on the usage chart (null: no chart). */
async function marks(page) {
  return page.evaluate(() => {
    const el = document.querySelector('[data-testid=widget-usage-chart] [data-testid=chart]');
    const chart = el && window.echarts?.getInstanceByDom(el);
    if (!chart) return null;
    const series = (chart.getOption().series ?? []).find((s) => s.name === 'Top-ups');
    return (series?.markLine?.data ?? []).map((d) => d.name);
  });
}

// For the marks to be drawn, the chart's buckets must contain the events' dates (Nov 12, Nov 20).
const TIMESERIES_WITH_EVENTS = (() => {
  const ts = example('/credits/usage/timeseries');
  ts.points = [
    { start: '2026-11-01', end: '2026-11-15', partial: false, smart_flows: 9000, ai_copilot: 5000, ai_pilots: 4000 },
    { start: '2026-11-16', end: '2026-11-30', partial: true, smart_flows: 8000, ai_copilot: 4500, ai_pilots: 3500 },
  ];
  return ts;
})();

/** The session-ended notice, then Reload with the fault cleared: everything comes back. */
async function sessionEndedThenReload(page, clear) {
  const notice = page.getByTestId('session-ended');
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText('Your session has ended.');
  await expect(page.getByTestId('sign-in')).toHaveCount(0);
  clear();
  current.stage = 'reload';
  await Promise.all([page.waitForEvent('load'), notice.getByTestId('reload').click()]);
  await settled(page);
  await expectStates(page, WIDGETS, 'ready');
  await expect(page.getByTestId('session-ended')).toHaveCount(0);
}

/** A Retry button after a 429 with Retry-After: 2 counts down, disabled, then reads "Retry". */
async function waitOutRetryAfter(retry) {
  await expect(retry).toBeDisabled();
  await expect(retry).toHaveText(/^Retry in [12] s$/);
  await expect(retry).toBeEnabled({ timeout: 5_000 });
  await expect(retry).toHaveText('Retry');
}

for (const [ep, { shows, deps }] of Object.entries(ENDPOINTS)) {
  test.describe(ep, () => {
    for (const fault of FAULTS) {
      const plan = planFor(ep, fault);
      if (!plan) continue;
      test(`${ep} x ${fault.id}`, async ({ page }) => {
        current = { key: `${ep}|${fault.id}`, stage: 'load', outcome: null };
        const errors = watch(page);
        let faulty = true;
        const clear = () => { faulty = false; };
        const ok = (route) => route.fulfill({ json: example(ep) });
        const overrides = { [ep]: (route, url) => (faulty ? plan.answer(route, url) : ok(route)) };
        if (ep === '/credits/events') overrides['/credits/usage/timeseries'] = (route) => route.fulfill({ json: TIMESERIES_WITH_EVENTS });
        await useContractApi(page, overrides, plan.config);
        // For the chart marks: the moment the (faulty) events request is over.
        const eventsOver = new Promise((resolve) => {
          const done = (r) => { if (r.url().includes('/api/v1/credits/events')) resolve(); };
          page.on('requestfinished', done);
          page.on('requestfailed', done);
        });
        await page.goto(DASHBOARD);
        await settled(page);
        const others = WIDGETS.filter((w) => !deps.includes(w));
        const sessionEnds = plan.kind === 'unauthorized';
        current.stage = 'fault';

        if (shows === 'widget' || shows === 'page') {
          if (plan.instead === 'empty') {
            const w = page.getByTestId(deps[0]);
            await expect(w).toHaveAttribute('data-state', 'empty');
            await expect(w.getByTestId('empty')).toHaveText('No usage in this range.');
            await expect(w.getByTestId('error')).toHaveCount(0);
            await expectStates(page, others, 'ready');
            current.outcome = 'empty';
          } else if (plan.instead) {
            const w = page.getByTestId(deps[0]);
            await expect(w).toHaveAttribute('data-state', 'ready');
            for (const raw of plan.instead) await expect(w.getByTestId('row').filter({ hasText: raw }), raw).toHaveCount(1);
            await expectStates(page, others, 'ready');
            current.outcome = 'raw kept';
          } else {
            // The error: in each dependent widget, or in place of the whole dashboard.
            const errorsAt = shows === 'page' ? [page.locator('main')] : deps.map((d) => page.getByTestId(d));
            if (shows === 'widget') await expectStates(page, deps, 'error');
            for (const at of errorsAt) {
              const error = at.getByTestId('error');
              await expect(error).toHaveCount(1);
              await expect(error).toHaveAttribute('data-error-kind', plan.kind);
              await expect(error).toContainText(plan.text);
            }
            if (shows === 'page') {
              for (const w of WIDGETS) await expect(page.getByTestId(w), w).toHaveCount(0);
            } else {
              await expectStates(page, others, 'ready');
            }
            const error = errorsAt[0].getByTestId('error');
            const where = shows === 'page' ? 'page:' : '';
            if (sessionEnds) {
              await expect(error.getByTestId('retry')).toHaveCount(0);
              await sessionEndedThenReload(page, clear);
              current.outcome = `${where}session+reload`;
            } else if (plan.kind === 'forbidden') {
              await expect(error.getByTestId('retry')).toHaveCount(0);
              await expect(page.getByTestId('session-ended')).toHaveCount(0);
              current.outcome = `${where}forbidden,noR`;
            } else {
              await expect(page.getByTestId('session-ended')).toHaveCount(0);
              const retry = error.getByTestId('retry');
              if (plan.kind === 'rate_limited') await waitOutRetryAfter(retry);
              await expect(retry).toHaveText('Retry');
              clear();
              current.stage = 'retry';
              await retry.click();
              await settled(page);
              await expectStates(page, WIDGETS, 'ready');
              current.outcome = `${where}${plan.kind}+R`;
            }
          }
        } else if (shows === 'filter-bar') {
          const bar = page.getByTestId('filter-bar');
          const line = bar.locator('p.field-error[role=alert]');
          if (plan.instead) {
            await expectStates(page, WIDGETS, 'ready');
            await expect(line).toHaveCount(0);
            await page.getByTestId('filter-teams').click();
            await expect(bar.getByRole('checkbox')).toHaveCount(0);
            current.outcome = 'empty ok';
          } else {
            await expect(line).toContainText('Teams and users');
            await expect(line).toHaveAttribute('data-error-kind', plan.kind);
            const retry = line.getByRole('button', { name: 'Retry' });
            await expectStates(page, WIDGETS, 'ready');
            if (sessionEnds) {
              // The page's notice says it; a Retry here could not work.
              await expect(line).toContainText('your session has ended');
              await expect(retry).toHaveCount(0);
              await sessionEndedThenReload(page, clear);
              current.outcome = 'session+reload';
            } else if (plan.kind === 'forbidden') {
              await expect(page.getByTestId('session-ended')).toHaveCount(0);
              await expect(line).toContainText("you don't have permission to see this");
              await expect(retry).toHaveCount(0);
              current.outcome = 'filter-forbidden,noR';
            } else {
              await expect(page.getByTestId('session-ended')).toHaveCount(0);
              await expect(line).toContainText('Teams and users could not be loaded.');
              clear();
              current.stage = 'retry';
              await retry.click();
              await expect(line).toHaveCount(0);
              await page.getByTestId('filter-teams').click();
              await expect(bar.getByRole('checkbox')).toHaveCount(2);
              current.outcome = 'filter-err+R';
            }
          }
        } else if (shows === 'auto-recharge') {
          const unavailable = page.getByTestId('auto-recharge-unavailable');
          const state = page.getByTestId('auto-recharge-state');
          if (plan.instead) {
            await expectStates(page, WIDGETS, 'ready');
            await expect(state).toHaveText('Off');
            await expect(unavailable).toHaveCount(0);
            current.outcome = 'empty ok';
          } else {
            await expect(unavailable).toContainText('Auto-recharge settings');
            await expect(unavailable).toHaveAttribute('data-error-kind', plan.kind);
            await expect(state).toHaveText('unknown');
            await expectStates(page, WIDGETS, 'ready');
            // The dialog says what failed, with the typed error.
            await page.getByTestId('action-auto-recharge').click();
            const dialogError = page.getByTestId('dialog-auto-recharge').getByTestId('error');
            await expect(dialogError).toHaveAttribute('data-error-kind', plan.kind);
            await expect(dialogError).toContainText(plan.text);
            await expect(dialogError.getByTestId('retry')).toHaveCount(plan.kind === 'unauthorized' || plan.kind === 'forbidden' ? 0 : 1);
            await page.keyboard.press('Escape');
            await expect(page.getByTestId('dialog-auto-recharge')).toBeHidden();
            const retry = unavailable.getByRole('button', { name: 'Retry' });
            if (sessionEnds) {
              await expect(retry).toHaveCount(0);
              await sessionEndedThenReload(page, clear);
              await expect(state).toHaveText('Off');
              current.outcome = 'session+reload';
            } else if (plan.kind === 'forbidden') {
              await expect(page.getByTestId('session-ended')).toHaveCount(0);
              await expect(unavailable).toContainText("you don't have permission to see this");
              await expect(retry).toHaveCount(0);
              current.outcome = 'ar-forbidden,noR';
            } else {
              await expect(page.getByTestId('session-ended')).toHaveCount(0);
              await expect(unavailable).toContainText('Auto-recharge settings could not be loaded.');
              clear();
              current.stage = 'retry';
              await retry.click();
              await expect(state).toHaveText('Off');
              await expect(unavailable).toHaveCount(0);
              current.outcome = 'ar-unknown+R';
            }
          }
        } else if (shows === 'chart-marks') {
          const chart = page.getByTestId('widget-usage-chart');
          await eventsOver;
          await expectStates(page, WIDGETS, 'ready');
          await expect(chart.getByTestId('error')).toHaveCount(0);
          if (plan.instead === 'empty') {
            await expect.poll(() => marks(page)).toEqual([]);
            current.outcome = 'empty ok';
          } else if (plan.instead) {
            await expect.poll(() => marks(page)).toEqual(['gift', 'Auto-recharge']);
            current.outcome = 'raw kept';
          } else {
            await expect.poll(() => marks(page)).toEqual([]);
            const line = chart.getByTestId('chart-marks-error');
            await expect(line).toHaveAttribute('data-error-kind', plan.kind);
            const retry = line.getByRole('button', { name: 'Retry' });
            if (sessionEnds) {
              await expect(retry).toHaveCount(0);
              await sessionEndedThenReload(page, clear);
              await expect.poll(() => marks(page)).toEqual(['Purchase', 'Auto-recharge']);
              current.outcome = 'nomarks+reload';
            } else if (plan.kind === 'forbidden') {
              await expect(retry).toHaveCount(0);
              await expect(line).toContainText("you don't have permission");
              current.outcome = 'nomarks,forbidden,noR';
            } else {
              // The chart keeps its lines; the marks' own line offers Retry.
              await expect(page.getByTestId('session-ended')).toHaveCount(0);
              await expect(line).toContainText('Purchase and auto-recharge marks could not be loaded.');
              clear();
              current.stage = 'retry';
              await retry.click();
              await expect.poll(() => marks(page)).toEqual(['Purchase', 'Auto-recharge']);
              await expect(line).toHaveCount(0);
              current.outcome = 'nomarks+R';
            }
          }
        }

        current.stage = 'end';
        await expect(page.getByTestId('crash')).toHaveCount(0);
        expect(errors, errors.join('\n')).toEqual([]);
      });
    }
  });
}

// The other way back from an ended session: a Sign in link to the configured address.
test('a 401 with sign_in_url set offers Sign in to that address', async ({ page }) => {
  current = { key: 'sign-in', stage: 'fault', outcome: null };
  const errors = watch(page);
  const signIn = 'https://login.example.com/sso?return=%2Fbilling%2Fcredit-utilization';
  let faulty = true;
  await useContractApi(
    page,
    { '/credits/balance': (route) => (faulty ? jsonError(401, 'unauthorized', 'x')(route) : route.fulfill({ json: example('/credits/balance') })) },
    { sign_in_url: signIn },
  );
  await page.goto(DASHBOARD);
  const notice = page.getByTestId('session-ended');
  await expect(notice).toContainText('Your session has ended.');
  await expect(notice.getByTestId('sign-in')).toHaveAttribute('href', signIn);
  await expect(notice.getByTestId('reload')).toHaveCount(0);
  const error = page.getByTestId('widget-balance').getByTestId('error');
  await expect(error).toHaveAttribute('data-error-kind', 'unauthorized');
  await expect(error.getByTestId('retry')).toHaveCount(0);
  await expectStates(page, WIDGETS.filter((w) => w !== 'widget-balance'), 'ready');
  // Back from signing in: the dashboard loads again.
  faulty = false;
  await page.reload();
  await expectStates(page, WIDGETS, 'ready');
  await expect(page.getByTestId('session-ended')).toHaveCount(0);
  await expect(page.getByTestId('crash')).toHaveCount(0);
  expect(errors, errors.join('\n')).toEqual([]);
  current.outcome = 'sign-in link ok';
});

test.afterEach(async ({}, testInfo) => {
  if (!current) return;
  if (testInfo.status === 'passed' && current.outcome) {
    RESULTS.set(current.key, current.outcome);
  } else {
    RESULTS.set(current.key, `FAIL@${current.stage}`);
  }
  if (current.note) NOTES.push(`${current.key}: ${current.note}`);
  current = null;
});

/** The matrix as aligned text: endpoints down, faults across. */
function render(results, notes) {
  const cols = FAULTS.map((f) => f.id);
  const rows = Object.keys(ENDPOINTS);
  const head = ['endpoint \\ fault', ...cols];
  const body = rows.map((ep) => [ep, ...cols.map((c) => results[`${ep}|${c}`] ?? '-')]);
  const widths = head.map((_, i) => Math.max(...[head, ...body].map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join(' | ').trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('-+-'), ...body.map(line)];
  out.push('');
  out.push(`sign_in_url variant (401 on /credits/balance): ${results['sign-in'] ?? '-'}`);
  out.push('');
  out.push('Legend: <kind>+R = dependent widget(s) show data-error-kind=<kind> and its message, Retry brings them back to ready');
  out.push('  (rate_limited: Retry-After: 2, the button is disabled and reads "Retry in N s", then "Retry");');
  out.push('  forbidden,noR = kind forbidden, "You don\'t have permission to see this", no Retry button;');
  out.push('  session+reload = one page-level "Your session has ended." (dependents: kind unauthorized, no Retry), Reload restores;');
  out.push('  page:... = the whole dashboard is replaced by the error; empty = data-state=empty "No usage in this range.";');
  out.push('  raw kept = the unknown value is shown as raw text, widget ready; filter-err+R = filter bar "Teams and users could not be loaded." + Retry; *-forbidden,noR = "you don\'t have permission to see this", no Retry;');
  out.push('  ar-unknown+R = "Auto-recharge settings could not be loaded." + Retry, header state "unknown", the dialog shows the typed error; nomarks+R = the chart stays ready without its marks, "Purchase and auto-recharge marks could not be loaded." + Retry;');
  out.push('  nomarks+reload = the chart stays ready without its marks; the session notice and Reload bring them back;');
  out.push('  empty ok = empty list accepted, nothing fails; n/a = the endpoint has no such field; FAIL@stage = the test failed there; - = not run.');
  out.push('');
  out.push('Bad data sent (a change to the contract example; big numbers go on the wire as 1e20 / 9007199254740993):');
  for (const ep of rows) {
    const used = Object.entries(DATA[ep])
      .filter(([, e]) => e)
      .map(([k, [what]]) => `${k}: ${what}`);
    out.push(`  ${ep}: ${used.join('; ')}`);
  }
  out.push('  n/a: no list (balance, summary, auto-recharge, account), no number (directory), no open enum (timeseries `frequency` echoes the');
  out.push('  asked frequency and is a closed enum in the contract; balance, summary, copilot-users, directory, auto-recharge, pricing, account).');
  if (notes.length) {
    out.push('');
    out.push('Notes:');
    for (const n of notes) out.push(`  ${n}`);
  }
  return out.join('\n');
}

// Each worker (both take a share; a failed test also restarts its worker) saves its part of the
// table, then merges the parts of this run (the runner's pid) and rewrites the matrix, under a
// lock so that the worker that finishes last writes the whole table.
const PLANNED = Object.keys(ENDPOINTS).flatMap((ep) => FAULTS.filter((f) => planFor(ep, f)).map((f) => `${ep}|${f.id}`)).concat('sign-in');

function locked(dir, fn) {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; ; i++) {
    try {
      mkdirSync(dir);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST' || i > 500) break; // after ~5 s, go ahead anyway
      Atomics.wait(pause, 0, 0, 10);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test.afterAll(async ({}, testInfo) => {
  const dir = 'tests/e2e/results';
  const parts = join(dir, 'fault-matrix.parts');
  mkdirSync(parts, { recursive: true });
  const run = String(process.ppid);
  const text = locked(join(dir, 'fault-matrix.lock'), () => {
    writeFileSync(join(parts, `${run}-${testInfo.workerIndex}-${process.pid}.json`), JSON.stringify({ results: Object.fromEntries(RESULTS), notes: NOTES }));
    const merged = {};
    const notes = [];
    for (const f of readdirSync(parts).filter((f) => f.startsWith(`${run}-`)).sort()) {
      const part = JSON.parse(readFileSync(join(parts, f), 'utf8'));
      // Each test runs in one worker; every part also carries the n/a cells.
      for (const [k, v] of Object.entries(part.results)) if (!(k in merged) || merged[k] === 'n/a') merged[k] = v;
      notes.push(...part.notes);
    }
    const recorded = PLANNED.filter((k) => k in merged).length;
    const failed = PLANNED.filter((k) => merged[k]?.startsWith('FAIL')).length;
    const head = `Fault matrix (endpoint x fault): ${recorded} of ${PLANNED.length} tests recorded${recorded < PLANNED.length ? ' so far (the worker that finishes last prints the whole table)' : ''}, ${failed} failed`;
    const out = `${head}\n${render(merged, notes)}`;
    writeFileSync(join(dir, 'fault-matrix.txt'), `${out}\n`);
    return out;
  });
  console.log(`\n${text}\n`);
});
