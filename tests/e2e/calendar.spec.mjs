// Issue 27: the calendar sweep. The dashboard, the ledger and the gallery's widget cards, in HTTP
// mode and in the demo, with the browser's clock on the days that break date code: the last day
// of a 31-day month, 28 and 29 February of a leap year, 31 December, 1 January, the first and the
// last day of a bill cycle, and both days of a daylight-saving change in the account's zone
// (America/New_York); and the bill cycles that start on the 31st or the 29th, clamped to a short
// February. Several moments are late or early in the account's day, so their UTC date is
// another. Every widget settles with no error and no console error, the dashboard's range holds
// the account's today, and the summary, the chart and the reports add up to the same figures.
//
// HTTP mode is answered by a small contract server below that serves any day consistently (the
// contract's examples carry November 2026 only); the demo needs no `today=`: it follows the clock.
import { test, expect, pinClock, pinnedDay } from './fixtures.mjs';
import { DASHBOARD, value, watchErrors } from './helpers.mjs';
import { useContractApi, example } from './contract-api.mjs';
import { gallerySettled } from './gallery-cards.mjs';

const ZONE = 'America/New_York';
/**
 * [name, the browser's clock (UTC), what the account's today is, the bill cycle end it is, the
 * HTTP account's billing day]. The HTTP account's cycle starts on the 15th unless named, so its
 * first and last days are no month's; a day past a month's end starts the cycle on its last day.
 * The demo's own cycle boundaries are found on its dashboard (its billing day is its own).
 */
const MOMENTS = [
  ['last day of a 31-day month, 11:30 PM', '2027-02-01T04:30:00Z', '2027-01-31'],
  ['28 February of a leap year', '2028-02-28T17:00:00Z', '2028-02-28'],
  ['29 February of a leap year, 12:15 AM', '2028-02-29T05:15:00Z', '2028-02-29'],
  ['31 December, 11:45 PM', '2027-01-01T04:45:00Z', '2026-12-31'],
  ['1 January, 12:10 AM', '2027-01-01T05:10:00Z', '2027-01-01'],
  ['first day of a bill cycle', '2027-06-15T13:00:00Z', '2027-06-15', 'first'],
  ['last day of a bill cycle, 10 PM', '2027-06-15T02:00:00Z', '2027-06-14', 'last'],
  ['daylight saving starts (3:30 AM EDT)', '2027-03-14T07:30:00Z', '2027-03-14'],
  ['daylight saving ends (the second 1:30 AM)', '2027-11-07T06:30:00Z', '2027-11-07'],
  ['a cycle of the 31st starts on 28 February', '2027-02-28T17:00:00Z', '2027-02-28', 'first', 31],
  ['a cycle of the 31st ends on 30 March', '2027-03-30T16:00:00Z', '2027-03-30', 'last', 31],
  ['a cycle of the 29th starts on 29 February of a leap year', '2028-02-29T17:00:00Z', '2028-02-29', 'first', 29],
];

const FEATURES = ['smart_flows', 'ai_copilot', 'ai_pilots'];
const WIDGETS = ['widget-balance', 'widget-used-summary', 'widget-usage-chart', 'widget-copilot-users', 'widget-flows', 'widget-flow-actions', 'widget-ai-pilots'];

// ---- A contract server for any day: every figure is a sum of daily cents, so they agree. ----

const dayMs = 86_400_000;
const parse = (d) => Date.parse(`${d}T00:00:00Z`);
const fmt = (ms) => new Date(ms).toISOString().slice(0, 10);
const addDays = (d, n) => fmt(parse(d) + n * dayMs);
function daysOf(from, to) {
  const out = [];
  for (let t = parse(from); t <= parse(to); t += dayMs) out.push(fmt(t));
  return out;
}
/** A day's credits of a feature in cents, none after today. */
function cents(day, feature, today) {
  if (day > today) return 0;
  const n = parse(day) / dayMs;
  return 1_000 + ((n * 7_919 + FEATURES.indexOf(feature) * 104_729) % 25_000);
}
const sumCents = (from, to, feature, today) => daysOf(from, to).reduce((s, d) => s + cents(d, feature, today), 0);
const credits = (c) => c / 100;
/** The day a cycle of billing day `anchor` starts in month `m` (0-based) of `y`: the last day of a shorter month. */
const cycleStart = (y, m, anchor) => Date.UTC(y, m, Math.min(anchor, new Date(Date.UTC(y, m + 1, 0)).getUTCDate()));
/** The bill cycle that holds `day`, starting on the `anchor`th of a month. */
function cycleOf(day, anchor = 15) {
  const [y, m, d] = day.split('-').map(Number);
  const here = cycleStart(y, m - 1, anchor);
  const start = parse(day) >= here ? here : cycleStart(y, m - 2, anchor);
  const s = new Date(start);
  const end = cycleStart(s.getUTCFullYear(), s.getUTCMonth() + 1, anchor) - dayMs;
  return { from: fmt(start), to: fmt(end) };
}
/** Buckets of `frequency` over [from, to], cut at its ends; the one holding today is partial. */
function buckets(from, to, frequency, today) {
  const out = [];
  let start = from;
  while (start <= to) {
    let end;
    if (frequency === 'day') end = start;
    else if (frequency === 'week') end = addDays(start, (7 - new Date(parse(start)).getUTCDay()) % 7);
    else {
      const s = new Date(parse(start));
      end = fmt(Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + 1, 0));
    }
    if (end > to) end = to;
    out.push({ start, end, partial: start <= today && today <= end });
    start = addDays(end, 1);
  }
  return out;
}
/** Splits `total` cents into parts of the given weights that add up to it exactly. */
function split(total, weights) {
  const all = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / all));
  parts[0] += total - parts.reduce((a, b) => a + b, 0);
  return parts.map(credits);
}

async function anyDayApi(page, today, anchor) {
  const range = (url) => [url.searchParams.get('from'), url.searchParams.get('to')];
  const feature = (url, f) => {
    const [from, to] = range(url);
    return sumCents(from, to, f, today);
  };
  const report = (url, rows) => ({ range: Object.fromEntries(['from', 'to'].map((k, i) => [k, range(url)[i]])), comparison_range: null, rows });
  const cycle = cycleOf(today, anchor);
  const used = FEATURES.reduce((s, f) => s + sumCents(cycle.from, cycle.to, f, today), 0);
  const included = 5_000_000;
  const json = (body) => (route) => route.fulfill({ json: body });
  return useContractApi(page, {
    '/account': json({ ...example('/account'), plan: { ...example('/account').plan, cycle_start: cycle.from, cycle_end: cycle.to, included_credits: included / 100 } }),
    '/credits/balance': json({
      cycle,
      free_credits: included / 100,
      purchased_credits: 0,
      total_credits: included / 100,
      used_credits: credits(used),
      remaining_credits: credits(included - used),
      as_of: new Date(Date.parse(`${today}T12:00:00Z`)).toISOString().replace('.000', ''),
    }),
    '/credits/usage/summary': (route, url) => {
      const by = Object.fromEntries(FEATURES.map((f) => [f, feature(url, f)]));
      const [from, to] = range(url);
      return route.fulfill({
        json: { range: { from, to }, total: credits(FEATURES.reduce((s, f) => s + by[f], 0)), by_feature: Object.fromEntries(FEATURES.map((f) => [f, credits(by[f])])), comparison: null },
      });
    },
    '/credits/usage/timeseries': (route, url) => {
      const [from, to] = range(url);
      const frequency = url.searchParams.get('frequency');
      const points = buckets(from, to, frequency, today).map((b) => ({ ...b, ...Object.fromEntries(FEATURES.map((f) => [f, credits(sumCents(b.start, b.end, f, today))])) }));
      return route.fulfill({ json: { range: { from, to }, frequency, points } });
    },
    '/credits/usage/copilot-users': (route, url) => {
      const [a, b] = split(feature(url, 'ai_copilot'), [3, 2]);
      return route.fulfill({
        json: report(url, [
          { user_id: 'u1', user_name: 'Zara García', team_id: 't1', team_name: 'Sales', credits: a, tokens: { input: 1200, output: 300 } },
          { user_id: 'u2', user_name: 'Kwame Mensah', team_id: 't2', team_name: 'Support', credits: b, tokens: { input: 800, output: 200 } },
        ]),
      });
    },
    '/credits/usage/flows': (route, url) => {
      const [a, b] = split(feature(url, 'smart_flows'), [5, 1]);
      return route.fulfill({
        json: report(url, [
          { flow_id: 'f7', name: 'Trial follow-up – EMEA', type: 'smart_flow', status: 'active', credits: a },
          { flow_id: 'f9', name: 'Invoice overdue', type: 'execution_flow', status: 'paused', credits: b },
        ]),
      });
    },
    '/credits/usage/flow-actions': (route, url) => {
      const [a, b] = split(feature(url, 'smart_flows'), [4, 1]);
      return route.fulfill({
        json: report(url, [
          { action: 'Send email', flow_type: 'smart_flow', executions: 40, credits: a },
          { action: 'Update record', flow_type: 'execution_flow', executions: 12, credits: b },
        ]),
      });
    },
    '/credits/usage/ai-pilots': (route, url) =>
      route.fulfill({ json: report(url, [{ pilot_id: 'p1', name: 'Inbound Qualifier', status: 'active', credits: credits(feature(url, 'ai_pilots')), tokens: { input: 5000, output: 2500 } }]) }),
    '/credits/events': (route, url) => {
      const [from, to] = range(url);
      const events = daysOf(from, to)
        .filter((d) => d === cycle.from)
        .map((d) => ({ id: `reset-${d}`, kind: 'cycle_reset', date: d, at: `${d}T05:00:00Z`, credits: included / 100 }));
      return route.fulfill({ json: { range: { from, to }, events } });
    },
  });
}

// ---- What every run checks ----

/** The dashboard: settled, today within its range, and the figures agree. */
async function checkDashboard(page, today, boundary) {
  for (const id of WIDGETS) await expect(page.getByTestId(id), id).toHaveAttribute('data-state', /^(ready|empty)$/);
  await expect(page.locator('[data-error-kind]')).toHaveCount(0);
  // The summary is the chart's total, and each feature is its reports' totals.
  const total = (id) =>
    page.getByTestId(id).getAttribute('data-state').then(async (s) => (s === 'empty' ? 0 : value(page.getByTestId(id).locator('[data-testid=totals] [data-col=credits] [data-value]'))));
  const used = {};
  for (const f of FEATURES) used[f] = await value(page.getByTestId(`used-${f}`));
  const sum = await value(page.getByTestId('used-total'));
  expect(sum).toBeCloseTo(used.smart_flows + used.ai_copilot + used.ai_pilots, 2);
  const chart = (await page.getByTestId('widget-usage-chart').getAttribute('data-state')) === 'empty' ? 0 : await value(page.getByTestId('chart-total'));
  expect(chart, 'chart = summary').toBeCloseTo(sum, 2);
  expect(await total('widget-flows'), 'flows = Smart Flows').toBeCloseTo(used.smart_flows, 2);
  expect(await total('widget-flow-actions'), 'actions = Smart Flows').toBeCloseTo(used.smart_flows, 2);
  expect(await total('widget-copilot-users'), 'Copilot users = AI Copilot').toBeCloseTo(used.ai_copilot, 2);
  expect(await total('widget-ai-pilots'), 'pilots = AI Pilots').toBeCloseTo(used.ai_pilots, 2);
  // Neither the chart nor the table holds a day after today or outside the range.
  await expect(page.getByTestId('chart-outside')).toHaveCount(0);
  // The default range is the bill cycle that holds the account's today ("Custom" shows its dates).
  const { from, to } = await shownRange(page);
  expect(from <= today && today <= to, `${from}..${to} holds ${today}`).toBe(true);
  if (boundary === 'first') expect(from).toBe(today);
  if (boundary === 'last') expect(to).toBe(today);
}

/** The dashboard's range, as the date fields of "Custom" show it. */
async function shownRange(page) {
  await page.getByTestId('filter-date-preset').selectOption('custom');
  return { from: await page.getByTestId('filter-date-from').inputValue(), to: await page.getByTestId('filter-date-to').inputValue() };
}

/** The ledger: rows or its empty line, never an error or an endless load. */
async function checkHistory(page) {
  await expect(page.getByTestId('history-row').first().or(page.getByTestId('history-empty'))).toBeVisible();
  await expect(page.getByTestId('history-loading')).toHaveCount(0);
  await expect(page.locator('[data-error-kind]')).toHaveCount(0);
}


/** The demo's bill cycle boundaries: its first day is read off the dashboard, as an admin would. */
async function demoCycle(browser, baseURL) {
  const context = await pinClock(await browser.newContext({ baseURL }));
  const page = await context.newPage();
  await page.goto(`${DASHBOARD}?mock=default&latency=0`);
  await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
  const { to } = await shownRange(page);
  await context.close();
  return { first: addDays(to, 1), last: to };
}

for (const mode of ['http', 'demo']) {
  test.describe(`${mode}: every page on every hard day`, () => {
    test.describe.configure({ mode: 'parallel' });
    for (const [name, at, localDay, cycleEnd, anchor = 15] of MOMENTS) {
      // A billing day of the HTTP account's own is a plain day to the demo.
      const boundary = mode === 'demo' && anchor !== 15 ? undefined : cycleEnd;
      test(`${name} (${at})`, async ({ browser }, info) => {
        test.setTimeout(150_000);
        let now = at;
        let today = localDay;
        // The demo's cycle is its own: its boundaries are found first, and checked at noon.
        if (mode === 'demo' && boundary) {
          const cycle = await demoCycle(browser, info.project.use.baseURL);
          today = boundary === 'first' ? cycle.first : cycle.last;
          now = `${today}T17:00:00Z`;
        }
        expect(pinnedDay(ZONE, 0, now), 'the moment is the day named').toBe(today);
        const context = await pinClock(await browser.newContext({ baseURL: info.project.use.baseURL }), now);
        const page = await context.newPage();
        const errors = watchErrors(page);
        const demo = mode === 'demo' ? '?mock=default&latency=0' : '';
        if (mode === 'http') await anyDayApi(page, today, anchor);

        await page.goto(`${DASHBOARD}${demo}`);
        await checkDashboard(page, today, boundary);
        await page.goto(`/billing/history${demo}`);
        await checkHistory(page);
        await page.goto(`/gallery${demo}`);
        await gallerySettled(page);
        errors.expectNone();
        await context.close();
      });
    }
  });
}

test('the server above is a fair one: figures agree with each other on a day of its own', () => {
  // The sweep's own arithmetic, checked once so a broken helper cannot hide a broken app.
  expect(cycleOf('2027-06-15')).toEqual({ from: '2027-06-15', to: '2027-07-14' });
  expect(cycleOf('2027-06-14')).toEqual({ from: '2027-05-15', to: '2027-06-14' });
  expect(cycleOf('2027-01-01')).toEqual({ from: '2026-12-15', to: '2027-01-14' });
  // The 31st in short months: the cycle starts on their last day.
  expect(cycleOf('2027-02-28', 31)).toEqual({ from: '2027-02-28', to: '2027-03-30' });
  expect(cycleOf('2027-02-27', 31)).toEqual({ from: '2027-01-31', to: '2027-02-27' });
  expect(cycleOf('2027-03-30', 31)).toEqual({ from: '2027-02-28', to: '2027-03-30' });
  expect(cycleOf('2028-02-29', 29)).toEqual({ from: '2028-02-29', to: '2028-03-28' });
  expect(cycleOf('2027-02-28', 29)).toEqual({ from: '2027-02-28', to: '2027-03-28' });
  expect(buckets('2028-02-01', '2028-03-01', 'month', '2028-02-29')).toEqual([
    { start: '2028-02-01', end: '2028-02-29', partial: true },
    { start: '2028-03-01', end: '2028-03-01', partial: false },
  ]);
  const weeks = buckets('2027-03-10', '2027-03-24', 'week', '2027-03-14');
  expect(weeks.map((w) => [w.start, w.end])).toEqual([['2027-03-10', '2027-03-14'], ['2027-03-15', '2027-03-21'], ['2027-03-22', '2027-03-24']]);
  expect(split(1001, [3, 2]).reduce((a, b) => a + b, 0)).toBeCloseTo(10.01, 10);
  expect(pinnedDay(ZONE, 0, '2027-11-07T06:30:00Z')).toBe('2027-11-07');
});
