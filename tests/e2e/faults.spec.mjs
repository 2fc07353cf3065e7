// HTTP mode, one failure at a time: every GET endpoint the dashboard reads x every kind of
// failure a server or the network can produce. Each test checks the typed error, that only the
// widgets that depend on the endpoint show it, that nothing crashes, then clears the fault and
// recovers (Retry, or Reload for an ended session). The outcomes are collected in a matrix,
// printed and written to tests/e2e/results/fault-matrix.txt.
import { test, expect } from '@playwright/test';
import { mkdirSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useContractApi, example } from './contract-api.mjs';
import { DASHBOARD } from './helpers.mjs';

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
 * The bad-data faults per endpoint: [change to the contract example, what the message names].
 * `null`: the endpoint has no such field (n/a in the matrix). For the empty list and the unknown
 * enum the third element is what the page should show instead of an error.
 */
const DATA = {
  '/credits/balance': {
    missing: [(o) => delete o.free_credits, /missing field `free_credits`/],
    wrong: [(o) => { o.free_credits = 'lots'; }, /field `free_credits`/],
    big: [(o) => { o.used_credits = E20; }, /field `used_credits`/],
    negative: [(o) => { o.free_credits = -5; }, /field `free_credits`.*negative/],
    empty: null,
    enum: null,
  },
  '/credits/usage/summary': {
    missing: [(o) => delete o.by_feature.ai_pilots, /missing field `ai_pilots`/],
    wrong: [(o) => { o.total = '41234.56'; }, /field `total`/],
    big: [(o) => { o.total = E20; }, /field `total`/],
    negative: [(o) => { o.by_feature.smart_flows = -5; }, /field `by_feature\.smart_flows`.*negative/],
    empty: null,
    enum: null,
  },
  '/credits/usage/timeseries': {
    missing: [(o) => delete o.points[1].partial, /missing field `partial`/],
    wrong: [(o) => { o.points[0].smart_flows = '210.5'; }, /field `points\[0\]\.smart_flows`/],
    big: [(o) => { o.points[1].ai_copilot = E20; }, /field `points\[1\]\.ai_copilot`/],
    negative: [(o) => { o.points[0].ai_pilots = -5; }, /field `points\[0\]\.ai_pilots`.*negative/],
    empty: [(o) => { o.points = []; }, null, 'empty'],
    // `frequency` echoes the asked frequency; the contract lists it as a closed enum.
    enum: null,
  },
  '/credits/usage/copilot-users': {
    missing: [(o) => delete o.rows[0].user_name, /missing field `user_name`/],
    wrong: [(o) => { o.rows[0].credits = '812.34'; }, /field `rows\[0\]\.credits`/],
    big: [(o) => { o.rows[0].tokens.input = BIG_INT; }, /field `rows\[0\]\.tokens\.input`/],
    negative: [(o) => { o.rows[0].credits = -5; }, /field `rows\[0\]\.credits`.*negative/],
    empty: [(o) => { o.rows = []; }, null, 'empty'],
    enum: null,
  },
  '/credits/usage/flows': {
    missing: [(o) => delete o.rows[0].name, /missing field `name`/],
    wrong: [(o) => { o.rows[1].credits = '96'; }, /field `rows\[1\]\.credits`/],
    big: [(o) => { o.rows[0].credits = E20; }, /field `rows\[0\]\.credits`/],
    negative: [(o) => { o.rows[1].credits = -5; }, /field `rows\[1\]\.credits`.*negative/],
    empty: [(o) => { o.rows = []; }, null, 'empty'],
    enum: [(o) => { o.rows[0].status = 'retired'; o.rows[1].type = 'webhook_flow'; }, null, ['retired', 'webhook_flow']],
  },
  '/credits/usage/flow-actions': {
    missing: [(o) => delete o.rows[0].executions, /missing field `executions`/],
    wrong: [(o) => { o.rows[0].executions = '3120'; }, /field `rows\[0\]\.executions`/],
    big: [(o) => { o.rows[1].tokens.input = BIG_INT; }, /field `rows\[1\]\.tokens\.input`/],
    negative: [(o) => { o.rows[2].credits = -5; }, /field `rows\[2\]\.credits`.*negative/],
    empty: [(o) => { o.rows = []; }, null, 'empty'],
    enum: [(o) => { o.rows[0].flow_type = 'x_flow'; }, null, ['x_flow']],
  },
  '/credits/usage/ai-pilots': {
    missing: [(o) => delete o.rows[0].tokens, /missing field `tokens`/],
    wrong: [(o) => { o.rows[0].status = 5; }, /field `rows\[0\]\.status`/],
    big: [(o) => { o.rows[0].credits = E20; }, /field `rows\[0\]\.credits`/],
    negative: [(o) => { o.rows[0].credits = -5; }, /field `rows\[0\]\.credits`.*negative/],
    empty: [(o) => { o.rows = []; }, null, 'empty'],
    enum: [(o) => { o.rows[0].status = 'sleeping'; }, null, ['sleeping']],
  },
  '/directory': {
    missing: [(o) => delete o.users[0].email, /missing field `email`/],
    wrong: [(o) => { o.teams[0].id = 1; }, /field `teams\[0\]\.id`/],
    big: null,
    negative: null,
    empty: [(o) => { o.teams = []; o.users = []; }, null, 'accepted'],
    enum: null,
  },
  '/credits/auto-recharge': {
    missing: [(o) => delete o.enabled, /missing field `enabled`/],
    wrong: [(o) => { o.enabled = 'yes'; }, /field `enabled`/],
    big: [(o) => { o.threshold_credits = BIG_INT; }, /field `threshold_credits`/],
    negative: [(o) => { o.recharge_credits = -5; }, /field `recharge_credits`/],
    empty: null,
    enum: null,
  },
  '/credits/pricing': {
    missing: [(o) => delete o.max_purchase, /missing field `max_purchase`/],
    wrong: [(o) => { o.price_per_1000 = '10'; }, /field `price_per_1000`/],
    big: [(o) => { o.max_purchase = BIG_INT; }, /field `max_purchase`/],
    negative: [(o) => { o.packs[0].credits = -5; }, /field `packs\[0\]\.credits`/],
    empty: [(o) => { o.packs = []; }, null, 'accepted'],
    enum: null,
  },
  '/credits/events': {
    missing: [(o) => delete o.events[1].date, /missing field `date`/],
    wrong: [(o) => { o.events[1].credits = '5000'; }, /field `events\[1\]\.credits`/],
    big: [(o) => { o.events[1].credits = E20; }, /field `events\[1\]\.credits`/],
    negative: [(o) => { o.events[1].credits = -5; }, /field `events\[1\]\.credits`/],
    empty: [(o) => { o.events = []; }, null, 'empty'],
    enum: [(o) => { o.events[1].kind = 'gift'; }, null, ['gift']],
  },
  '/account': {
    missing: [(o) => delete o.plan.cycle_start, /missing field `cycle_start`/],
    wrong: [(o) => { o.plan.included_credits = 'lots'; }, /field `plan\.included_credits`/],
    big: [(o) => { o.plan.included_credits = E20; }, /field `plan\.included_credits`/],
    negative: [(o) => { o.plan.included_credits = -5; }, /field `plan\.included_credits`.*negative/],
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
  const [mutate, field, instead] = entry;
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
              current.outcome = `${where}forbidden,noRetry`;
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
              current.outcome = `${where}${plan.kind === 'rate_limited' ? 'rate_limited(2s)' : plan.kind}+R`;
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
            await expect(line).toContainText('Teams and users could not be loaded.');
            const retry = line.getByRole('button', { name: 'Retry' });
            await expectStates(page, WIDGETS, 'ready');
            if (sessionEnds) {
              current.note = (await retry.count()) ? 'offers Retry' : 'no Retry';
              await sessionEndedThenReload(page, clear);
              current.outcome = 'session+reload';
            } else {
              await expect(page.getByTestId('session-ended')).toHaveCount(0);
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
            await expect(unavailable).toContainText('Auto-recharge settings could not be loaded.');
            await expect(state).toHaveText('unknown');
            await expectStates(page, WIDGETS, 'ready');
            const retry = unavailable.getByRole('button', { name: 'Retry' });
            if (sessionEnds) {
              current.note = (await retry.count()) ? 'offers Retry' : 'no Retry';
              await sessionEndedThenReload(page, clear);
              await expect(state).toHaveText('Off');
              current.outcome = 'session+reload';
            } else {
              await expect(page.getByTestId('session-ended')).toHaveCount(0);
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
            if (sessionEnds) {
              await sessionEndedThenReload(page, clear);
              await expect.poll(() => marks(page)).toEqual(['Purchase', 'Auto-recharge']);
              current.outcome = 'no-marks;session+reload';
            } else {
              // There is no Retry for the marks: they come back with the next range.
              await expect(page.getByTestId('session-ended')).toHaveCount(0);
              clear();
              current.stage = 'range change';
              await page.getByTestId('filter-date-preset').selectOption('previous_cycle');
              await expect.poll(() => marks(page)).toEqual(['Purchase', 'Auto-recharge']);
              current.outcome = 'no-marks;range->ok';
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
  out.push('Legend: <kind>+R = dependent widget(s) show data-error-kind=<kind>, Retry brings them back to ready;');
  out.push('  rate_limited(2s)+R = Retry disabled "Retry in N s" for Retry-After: 2, then Retry works;');
  out.push('  forbidden,noRetry = kind forbidden and no Retry button;');
  out.push('  session+reload = one page-level "Your session has ended." (dependents: kind unauthorized, no Retry), Reload restores;');
  out.push('  page:... = the whole dashboard is replaced by the error; empty = data-state=empty "No usage in this range.";');
  out.push('  raw kept = the unknown value is shown as raw text, widget ready; filter-err+R = filter bar "Teams and users could not be loaded." + Retry;');
  out.push('  ar-unknown+R = "Auto-recharge settings could not be loaded." + Retry, header state "unknown";');
  out.push('  no-marks;range->ok = chart stays ready with no top-up marks and no notice, marks return on the next range change;');
  out.push('  empty ok = empty list accepted, nothing fails; n/a = the endpoint has no such field; FAIL@stage = the test failed there; - = not run.');
  if (notes.length) {
    out.push('');
    out.push('Notes:');
    for (const n of notes) out.push(`  ${n}`);
  }
  return out.join('\n');
}

// Each worker writes its part (a failed test restarts the worker, and a new one takes over);
// every afterAll merges the parts of this run (the runner's pid) and rewrites the matrix.
test.afterAll(async ({}, testInfo) => {
  const dir = 'tests/e2e/results';
  const parts = join(dir, 'fault-matrix.parts');
  mkdirSync(parts, { recursive: true });
  const run = String(process.ppid);
  writeFileSync(join(parts, `${run}-${testInfo.workerIndex}-${process.pid}.json`), JSON.stringify({ results: Object.fromEntries(RESULTS), notes: NOTES }));
  const merged = {};
  const notes = [];
  for (const f of readdirSync(parts).filter((f) => f.startsWith(`${run}-`)).sort()) {
    const part = JSON.parse(readFileSync(join(parts, f), 'utf8'));
    for (const [k, v] of Object.entries(part.results)) {
      // A real outcome wins over "not run"; a later worker's run of the same cell wins.
      if (!(k in merged) || merged[k] === 'n/a' || v !== 'n/a') merged[k] = v;
    }
    notes.push(...part.notes);
  }
  const text = render(merged, notes);
  writeFileSync(join(dir, 'fault-matrix.txt'), `${text}\n`);
  console.log(`\nFault matrix (endpoint x fault):\n${text}\n`);
});
