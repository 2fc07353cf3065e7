// Issue 13 item 8 (first half): "Which team used the most Copilot credits?" in one click. The
// Copilot users report groups its rows by team, each team under a row with its subtotals, the
// team that used the most first; the choice is in the URL (a link and Back keep it).
import { test, expect } from './fixtures.mjs';
import { readFileSync } from 'node:fs';
import { DASHBOARD, MOCK, SIZES, shot, value, watchErrors } from './helpers.mjs';
import { useContractApi, example } from './contract-api.mjs';

const W = 'widget-copilot-users';

/** Every row of the report from its CSV: { team: credits summed }. */
async function teamSums(page) {
  const w = page.getByTestId(W);
  const [download] = await Promise.all([page.waitForEvent('download'), w.getByTestId('export-csv').click()]);
  const lines = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const split = (l) => [...l.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1].replace(/^"|"$/g, '')).slice(0, -1);
  const header = split(lines[0]);
  const [team, credits] = [header.indexOf('team'), header.indexOf('credits')];
  const sums = {};
  const order = [];
  for (const l of lines.slice(1)) {
    const f = split(l);
    if (order.at(-1) !== f[team]) order.push(f[team]);
    sums[f[team]] = (sums[f[team]] ?? 0) + Number(f[credits]);
  }
  return { sums, order, rows: lines.length - 1 };
}

test('grouped by team, the team that used the most comes first with its subtotal; the URL keeps it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${DASHBOARD}?${MOCK}`);
  const w = page.getByTestId(W);
  await expect(w).toHaveAttribute('data-state', 'ready');
  const { sums, rows } = await teamSums(page);
  const ranked = Object.entries(sums).sort((a, b) => b[1] - a[1]);
  expect(ranked.length).toBeGreaterThan(2);
  await expect(w.getByTestId('group-row')).toHaveCount(0);

  await w.getByTestId('group-by-team').check();
  await expect(page).toHaveURL(/[?&]w\.copilot=group(%3A|:)team/);
  const first = w.getByTestId('group-row').first();
  await expect(first).toHaveAttribute('data-group', ranked[0][0]);
  expect(await value(first.locator('[data-col=credits] [data-value]'))).toBeCloseTo(ranked[0][1], 2);
  await expect(first).toContainText(/· \d+ users?/);
  // Every group row's subtotal is its team's sum, in order, largest first.
  const shown = await w.getByTestId('group-row').evaluateAll((rs) => rs.map((r) => [r.dataset.group, Number(r.querySelector('[data-col=credits] [data-value]').dataset.value)]));
  shown.forEach(([team, sub], i) => {
    expect(sub, team).toBeCloseTo(sums[team], 2);
    if (i > 0 && !shown.slice(0, i).some(([t]) => t === team)) expect(sub).toBeLessThanOrEqual(shown[i - 1][1] + 0.001);
  });
  // The rows under a group are its team's.
  const teams = await w.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => (tr.dataset.testid === 'group-row' ? `#${tr.dataset.group}` : tr.querySelector('[data-col=team]').textContent.trim())));
  let current = null;
  for (const t of teams) {
    if (t.startsWith('#')) current = t.slice(1);
    else expect(t).toBe(current);
  }
  // The CSV keeps every row (no subtotal lines), team by team, every team once, largest first.
  const grouped = await teamSums(page);
  expect(grouped.rows).toBe(rows);
  expect(grouped.order).toEqual(ranked.map(([t]) => t));

  // Reload keeps it; Back undoes it.
  await page.reload();
  await expect(page.getByTestId(W).getByTestId('group-by-team')).toBeChecked();
  await expect(page.getByTestId(W).getByTestId('group-row').first()).toHaveAttribute('data-group', ranked[0][0]);
  await page.goBack();
  await expect(page.getByTestId(W).getByTestId('group-by-team')).not.toBeChecked();
  await expect(page.getByTestId(W).getByTestId('group-row')).toHaveCount(0);
  errors.expectNone();
});

test('sorting a grouped report orders the teams by the sorted column, and the users within them', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}&w.copilot=group:team`);
  const w = page.getByTestId(W);
  await expect(w).toHaveAttribute('data-state', 'ready');
  const sub = () => w.getByTestId('group-row').evaluateAll((rs) => rs.map((r) => Number(r.querySelector('[data-col=credits] [data-value]').dataset.value)));
  // Credits, smallest first: the table starts largest first and says so (issue 28 item 14), so
  // one header click reverses it.
  await expect(w.locator('thead th', { hasText: 'Credits' }).first()).toHaveAttribute('aria-sort', 'descending');
  await w.locator('thead').getByRole('button', { name: 'Credits', exact: true }).click();
  await expect(w.locator('thead th', { hasText: 'Credits' }).first()).toHaveAttribute('aria-sort', 'ascending');
  const asc = await sub();
  expect(asc).toEqual([...asc].sort((a, b) => a - b));
  // By team name.
  await w.locator('thead').getByRole('button', { name: 'Team', exact: true }).click();
  const names = await w.getByTestId('group-row').evaluateAll((rs) => rs.map((r) => r.dataset.group));
  // A to Z, as the table compares names (lowercased).
  const lower = names.map((n) => n.toLowerCase());
  expect(lower).toEqual([...lower].sort());
});

test('HTTP mode: groups the contract\'s rows', async ({ page }) => {
  await useContractApi(page);
  await page.goto(`${DASHBOARD}?w.copilot=group:team`);
  const w = page.getByTestId(W);
  await expect(w).toHaveAttribute('data-state', 'ready');
  const rows = example('/credits/usage/copilot-users').rows;
  const sums = {};
  for (const r of rows) sums[r.team_name] = (sums[r.team_name] ?? 0) + r.credits;
  await expect(w.getByTestId('group-row')).toHaveCount(Object.keys(sums).length);
  for (const [team, sum] of Object.entries(sums)) {
    expect(await value(w.locator(`[data-testid=group-row][data-group="${team}"] [data-col=credits] [data-value]`))).toBeCloseTo(sum, 2);
  }
});

test('in the gallery, a card groups on its own and leaves the address alone', async ({ page }) => {
  await page.goto('/gallery');
  const card = page.getByTestId('gallery-copilot-users-typical');
  await expect(card.getByTestId(W)).toHaveAttribute('data-state', 'ready');
  const url = page.url();
  await card.getByTestId('group-by-team').check();
  await expect(card.getByTestId('group-row').first()).toBeVisible();
  expect(page.url()).toBe(url);
  // The other cards of the section are not grouped.
  await expect(page.getByTestId('gallery-copilot-users-huge').getByTestId('group-row')).toHaveCount(0);
});

for (const size of SIZES) {
  for (const scheme of ['light', 'dark']) {
    test(`screenshot of the report grouped by team at ${size.name}, ${scheme}`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${DASHBOARD}?${MOCK}&w.copilot=group:team`);
      await expect(page.getByTestId(W).getByTestId('group-row').first()).toBeVisible();
      await page.getByTestId(W).scrollIntoViewIfNeeded();
      await shot(page, `group-by-team-${size.name}-${scheme}`);
    });
  }
}
