// HTTP mode, a seeded random walk through the global filters: 100 changes made back to back
// while the server answers every usage request after a random delay, so answers for older
// queries arrive after newer ones are asked. At the end every widget must show the figures of
// the last query the page asked for: no late answer for an older query overwrote a newer one.
import { test, expect } from './fixtures.mjs';
import { useContractApi, example } from './contract-api.mjs';
import { DASHBOARD } from './helpers.mjs';

const SEED = 20261129;
const CHANGES = 100;
const MAX_DELAY_MS = 300;
const WIDGETS = ['widget-balance', 'widget-used-summary', 'widget-usage-chart', 'widget-copilot-users', 'widget-flows', 'widget-flow-actions', 'widget-ai-pilots'];
const REPORTS = {
  '/credits/usage/copilot-users': 'widget-copilot-users',
  '/credits/usage/flows': 'widget-flows',
  '/credits/usage/flow-actions': 'widget-flow-actions',
  '/credits/usage/ai-pilots': 'widget-ai-pilots',
};
const TEAMS = [
  { id: 't1', name: 'Sales EMEA' },
  { id: 't2', name: 'Support' },
];

/** A small seeded PRNG: numbers in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, 32 bits. */
function fnv(text) {
  let h = 0x811c9dc5;
  for (const c of text) {
    h ^= c.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The query a figure depends on: from, to, and the teams as a set. */
const queryKey = (from, to, teams) => `${from}|${to}|${(teams ?? '').split(',').filter(Boolean).sort().join(',')}`;

/** A figure in credits (two decimals, never 0) for a query; `salt` separates figures. */
const hundredths = (key, salt) => 100 + (fnv(`${salt}#${key}`) % 9_999_900);
const figure = (key, salt) => hundredths(key, salt) / 100;

/** What the server answers for a query, and what the widgets should then show. */
function summaryFor(key) {
  const total = hundredths(key, 'summary');
  const smart = Math.floor(total / 2);
  const copilot = Math.floor(total / 3);
  return { total: total / 100, by_feature: { smart_flows: smart / 100, ai_copilot: copilot / 100, ai_pilots: (total - smart - copilot) / 100 } };
}
const pointFor = (key) => ({ smart_flows: figure(key, 'ts-sf'), ai_copilot: figure(key, 'ts-ac'), ai_pilots: figure(key, 'ts-ap') });

test('100 random global filter changes with late answers: the widgets show the last query', async ({ page }) => {
  test.setTimeout(90_000);
  console.log(`sequence seed ${SEED}`);
  const choose = mulberry32(SEED);
  const delay = mulberry32(SEED ^ 0x5bd1e995);
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
  });

  const asked = [];
  const latest = {};
  let stale = 0;
  const late = (path, build) => async (route, url) => {
    const q = url.searchParams;
    const key = queryKey(q.get('from'), q.get('to'), q.get('teams'));
    asked.push({ path, key, users: q.get('users'), compare: q.get('compare') });
    const n = (latest[path] = (latest[path] ?? 0) + 1);
    const body = build(example(path), key, q);
    body.range = { from: q.get('from'), to: q.get('to') };
    await new Promise((ok) => setTimeout(ok, Math.floor(delay() * (MAX_DELAY_MS + 1))));
    // The app aborts requests it no longer waits for; answering those fails, harmlessly.
    // An answer for an older query sent after a newer one was asked: the case under test.
    if (latest[path] > n) stale += 1;
    await route.fulfill({ json: body }).catch(() => {});
  };
  const overrides = {
    '/credits/usage/summary': late('/credits/usage/summary', (b, key) => ({ ...b, ...summaryFor(key), comparison: null })),
    '/credits/usage/timeseries': late('/credits/usage/timeseries', (b, key, q) => ({
      ...b,
      frequency: q.get('frequency') ?? 'day',
      points: [{ start: q.get('from'), end: q.get('to'), partial: false, ...pointFor(key) }],
    })),
  };
  for (const [path, widget] of Object.entries(REPORTS)) {
    overrides[path] = late(path, (b, key) => ({ ...b, comparison_range: null, rows: [{ ...b.rows[0], credits: figure(key, widget), previous_credits: undefined }] }));
  }
  await useContractApi(page, overrides);
  await page.goto(DASHBOARD);
  for (const id of WIDGETS) await expect(page.getByTestId(id)).toHaveAttribute('data-state', 'ready');

  const bar = page.getByTestId('filter-bar');
  const preset = page.getByTestId('filter-date-preset');
  const presets = (await preset.locator('option').evaluateAll((os) => os.map((o) => o.value))).filter((v) => v !== 'custom');
  const steps = [];
  const started = Date.now();
  for (let i = 0; i < CHANGES; i++) {
    if (choose() < 0.6) {
      const p = presets[Math.floor(choose() * presets.length)];
      steps.push(p);
      await preset.selectOption(p);
    } else {
      const team = TEAMS[Math.floor(choose() * TEAMS.length)];
      steps.push(`toggle ${team.id}`);
      await page.getByTestId('filter-teams').click();
      await bar.getByRole('checkbox', { name: team.name }).click();
      await bar.getByRole('button', { name: 'Done' }).click();
    }
  }
  console.log(`${CHANGES} changes in ${Date.now() - started} ms: ${steps.join(', ')}`);

  for (const id of WIDGETS) await expect(page.getByTestId(id)).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  const url = new URL(page.url());
  const key = queryKey(url.searchParams.get('from'), url.searchParams.get('to'), url.searchParams.get('teams'));
  // The last summary query the page asked for is the one in the URL.
  await expect.poll(() => asked.filter((a) => a.path === '/credits/usage/summary').at(-1).key).toBe(key);
  for (const id of WIDGETS) await expect(page.getByTestId(id)).toHaveAttribute('data-state', 'ready');
  console.log(`final URL ${url.pathname}${url.search} -> query ${key}; ${asked.length} usage requests, ${stale} answers sent after a newer query was asked`);
  expect(stale, 'answers that arrive late (else the test proves nothing)').toBeGreaterThan(0);

  const expected = summaryFor(key);
  await expect(page.getByTestId('used-total')).toHaveAttribute('data-value', String(expected.total));
  for (const [f, v] of Object.entries(expected.by_feature)) {
    await expect(page.getByTestId(`used-${f}`)).toHaveAttribute('data-value', String(v));
  }
  const p = pointFor(key);
  const num = (locator) => async () => Number(await locator.getAttribute('data-value'));
  await expect.poll(num(page.getByTestId('chart-total')), { message: 'chart total' }).toBeCloseTo(p.smart_flows + p.ai_copilot + p.ai_pilots, 2);
  for (const widget of Object.values(REPORTS)) {
    const total = page.getByTestId(widget).locator('[data-testid=totals] [data-col=credits] [data-value]');
    await expect.poll(num(total), { message: `${widget} total` }).toBeCloseTo(figure(key, widget), 2);
  }
  // Nothing changed while the checks ran: still the same query, every widget ready.
  expect(new URL(page.url()).search).toBe(url.search);
  for (const id of WIDGETS) await expect(page.getByTestId(id)).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('crash')).toHaveCount(0);
  expect(errors, errors.join('\n')).toEqual([]);
});
