// Issue 27: no test reads this machine's date. Every spec takes its `test` from fixtures.mjs,
// which starts each browser's clock at a pinned moment; a context a test makes itself is pinned
// with `pinClock`; and no test computes a date from Node's own clock.
import { test, expect, PINNED_NOW, pinnedDay } from './fixtures.mjs';
import { readdirSync, readFileSync } from 'node:fs';
import { DASHBOARD } from './helpers.mjs';
import { useContractApi } from './contract-api.mjs';

const DIR = 'tests/e2e';
const sources = readdirSync(DIR)
  // This file and the fixtures name what they look for.
  .filter((f) => f.endsWith('.mjs') && !['fixtures.mjs', 'pinned-time.spec.mjs'].includes(f))
  .map((f) => [f, readFileSync(`${DIR}/${f}`, 'utf8')]);

test('every spec pins the browser clock and no test reads the real date', () => {
  const found = [];
  for (const [file, text] of sources) {
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      const at = `${file}:${i + 1}: ${line.trim()}`;
      // `test` from Playwright itself would start the browser on today's date.
      if (/import\s*{[^}]*\btest\b[^}]*}\s*from\s*'@playwright\/test'/.test(line)) found.push(`unpinned test: ${at}`);
      if (/browser\.newContext\(/.test(line) && !/pinClock\(\s*await browser\.newContext\(/.test(line)) found.push(`unpinned context: ${at}`);
      // Node's date: `new Date()` and dates from `Date.now()` (timing with Date.now() is fine).
      if (/new Date\(\s*\)|new Date\(\s*Date\.now\(\)/.test(line)) found.push(`real date: ${at}`);
      if (/page\.clock\.(setSystemTime|setFixedTime|install)\(\s*\)/.test(line)) found.push(`clock without a time: ${at}`);
    });
    // The real clock only where the demo's today is pinned: every page such a block opens
    // names today= (MOCK carries it).
    for (const m of text.matchAll(/test\.use\(\{ now: null \}\)/g)) {
      const block = text.slice(m.index, text.indexOf('\n});', m.index));
      const opened = block.split('\n').filter((l) => /\.goto\(/.test(l));
      if (opened.length === 0) found.push(`${file}: a block on the real clock opens no page it names`);
      for (const l of opened) if (!/today=|\$\{MOCK\}/.test(l)) found.push(`${file}: on the real clock without today=: ${l.trim()}`);
    }
    if (file.endsWith('.spec.mjs') && !/import \{[^}]*\btest\b[^}]*\} from '\.\/fixtures\.mjs'/.test(text)) found.push(`${file} does not take test from fixtures.mjs`);
  }
  expect(found, found.join('\n')).toEqual([]);
  expect(sources.filter(([f]) => f.endsWith('.spec.mjs')).length).toBeGreaterThan(30);
});

test('the browser starts at the pinned moment and runs on; HTTP mode takes its today from it', async ({ page }) => {
  await useContractApi(page);
  await page.goto(DASHBOARD);
  const [first, second] = await page.evaluate(async () => {
    const a = Date.now();
    await new Promise((ok) => setTimeout(ok, 50));
    return [a, Date.now()];
  });
  const pinned = Date.parse(PINNED_NOW);
  expect(first).toBeGreaterThanOrEqual(pinned);
  expect(first).toBeLessThan(pinned + 10 * 60_000);
  expect(second).toBeGreaterThan(first);
  // The account's today is the pinned day, so the default range is its bill cycle.
  expect(pinnedDay()).toBe('2026-11-27');
  await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('filter-date-preset').selectOption('custom');
  await expect(page.getByTestId('filter-date-from')).toHaveValue('2026-11-01');
  await expect(page.getByTestId('filter-date-to')).toHaveValue('2026-11-30');
});

test.describe('a test that names its own moment', () => {
  test.use({ now: '2028-02-29T17:00:00Z' });
  test('gets it', async ({ page }) => {
    await page.goto('about:blank');
    expect(await page.evaluate(() => new Date().toISOString().slice(0, 10))).toBe('2028-02-29');
  });
});
