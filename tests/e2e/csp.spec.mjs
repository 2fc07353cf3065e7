// The Content-Security-Policy (DESIGN): dist/index.html carries a strict policy in a <meta>
// (scripts/csp.mjs writes it after each build), and the app runs under it without a single
// violation: the dashboard, billing, the gallery, and the crash overlay with its Reload button.
import { test, expect } from './fixtures.mjs';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DASHBOARD, MOCK } from './helpers.mjs';

/** The policy in a built page as { directive: [sources] }, and the page's text. */
function builtPolicy(file) {
  const html = readFileSync(file, 'utf8');
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  expect(meta, `${file} has a CSP <meta>`).not.toBeNull();
  const policy = Object.fromEntries(
    meta[1]
      .replaceAll('&quot;', '"')
      .replaceAll('&amp;', '&')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name.toLowerCase(), sources]),
  );
  return { html, policy, metaAt: meta.index };
}

// The product's page and the gallery's (scripts/build-release.sh): each has its own wasm loader,
// so each its own hashes.
for (const file of ['dist/index.html', 'dist/gallery.html']) {
test(`${file} carries a strict Content-Security-Policy`, () => {
  const { html, policy, metaAt } = builtPolicy(file);
  expect(policy['default-src']).toEqual(["'self'"]);

  const script = policy['script-src'];
  expect(script).toContain("'self'");
  expect(script).toContain("'wasm-unsafe-eval'");
  expect(script).not.toContain("'unsafe-inline'");
  expect(script).not.toContain("'unsafe-eval'");
  expect(script).not.toContain("'strict-dynamic'");
  expect(script.filter((s) => !/^'(self|wasm-unsafe-eval|sha256-[A-Za-z0-9+/]+=*)'$/.test(s)), 'only self, wasm and hashes').toEqual([]);
  expect(policy['object-src']).toEqual(["'none'"]);
  expect(policy['base-uri']).toEqual(["'none'"]);
  expect(policy['connect-src']).toContain("'self'");
  // A release build has no live-reload websocket.
  expect(policy['connect-src']).not.toContain('ws:');
  expect(policy['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
  expect(policy['img-src']).toEqual(["'self'", 'data:', 'blob:']);
  expect(policy['frame-ancestors'], 'ignored in a <meta>: the host sends it as a header').toBeUndefined();

  // Before every script, and each inline script (the theme, Trunk's wasm loader) hashed exactly.
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)];
  expect(scripts.length).toBeGreaterThan(0);
  expect(metaAt).toBeLessThan(scripts[0].index);
  const inline = scripts.filter((m) => !/(?:^|\s)src\s*=/i.test(m[1]));
  expect(inline.length).toBeGreaterThanOrEqual(2);
  for (const [, , text] of inline) {
    const hash = `'sha256-${createHash('sha256').update(text.replace(/\r\n?/g, '\n')).digest('base64')}'`;
    expect(script, text.trim().slice(0, 60)).toContain(hash);
  }
  expect(inline.some(([, , text]) => text.includes('credit-dash:theme')), 'the theme script').toBe(true);
  expect(inline.some(([, attrs, text]) => /type="module"/.test(attrs) && /\binit\b/.test(text)), "Trunk's loader").toBe(true);
  // Nothing that would need 'unsafe-inline' for scripts.
  expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/javascript:/i);
});
}

/** Collects every CSP violation the page reports, as events and as console messages. */
async function watchCsp(page) {
  const logged = [];
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) logged.push(`${m.type()}: ${m.text()}`);
  });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile ?? ''}:${e.lineNumber ?? ''}`),
    );
  });
  const events = [];
  return {
    /** Reads the current document's violations (each document starts a new list). */
    collect: async () => events.push(...(await page.evaluate(() => window.__csp))),
    expectNone: async () => {
      events.push(...(await page.evaluate(() => window.__csp)));
      const all = [...events, ...logged];
      expect(all, all.join('\n')).toEqual([]);
    },
  };
}

const WIDGETS = ['widget-balance', 'widget-used-summary', 'widget-usage-chart', 'widget-copilot-users', 'widget-flows', 'widget-flow-actions', 'widget-ai-pilots'];

test('the dashboard runs under the policy: theme script, wasm, chart, CSV download', async ({ page }) => {
  const csp = await watchCsp(page);
  // The hashed inline theme script must run: it applies the remembered theme before first paint.
  await page.addInitScript(() => localStorage.setItem('credit-dash:theme', 'dark'));
  await page.goto(`${DASHBOARD}?${MOCK}`);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('[data-testid=widget-balance][data-state=ready]')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-testid=widget-usage-chart][data-state=ready]')).toBeVisible();
  for (const id of WIDGETS) {
    await expect(page.getByTestId(id)).toHaveAttribute('data-state', /^(ready|empty)$/, { timeout: 30_000 });
  }
  await expect(page.getByTestId('widget-usage-chart').locator('canvas').first()).toBeVisible();
  // A Blob download (CSV).
  const flows = page.getByTestId('widget-flows');
  await expect(flows).toHaveAttribute('data-state', 'ready');
  const [download] = await Promise.all([page.waitForEvent('download'), flows.getByTestId('export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  await csp.expectNone();
});

test('billing runs under the policy', async ({ page }) => {
  const csp = await watchCsp(page);
  await page.goto(`/billing?${MOCK}`);
  await expect(page.getByTestId('plan-name')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('billing-balance')).toBeVisible();
  await csp.expectNone();
});

test('the gallery runs under the policy', async ({ page }) => {
  const csp = await watchCsp(page);
  await page.goto(`/gallery?${MOCK}`);
  await expect(page.getByTestId('gallery-balance-typical').getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(page.getByTestId('gallery-usage-chart-typical').getByTestId('widget-usage-chart')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('gallery-flows-typical').getByTestId('widget-flows')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('[data-testid^=gallery-usage-chart-] canvas')).toHaveCount(3);
  await csp.expectNone();
});

// A reload is a new document with a new time origin, which the pinned clock would replace:
// this test keeps the browser's own clock (its day is pinned through MOCK's today=).
test.describe('on the browser\'s own clock', () => {
  test.use({ now: null });
  test("the crash overlay's Reload button works under the policy (no inline handler)", async ({ page }) => {
    const csp = await watchCsp(page);
    await page.goto(`${DASHBOARD}?${MOCK}&panic=1`);
    const crash = page.getByTestId('crash');
    await expect(crash).toBeVisible({ timeout: 30_000 });
    await expect(crash).toHaveAttribute('role', 'alertdialog');
    await expect(crash).toHaveAttribute('aria-labelledby', 'crash-title');
    await expect(crash.locator('#crash-title')).toHaveText('Something went wrong');
    await expect(crash.locator('details pre')).toContainText('crash requested with ?panic=1');
    const reload = crash.getByRole('button', { name: 'Reload the page' });
    expect(await reload.getAttribute('onclick')).toBeNull();

    await csp.collect();
    const before = await page.evaluate(() => performance.timeOrigin);
    await Promise.all([page.waitForEvent('load'), reload.click()]);
    // A new document: a new time origin, and (the URL still says panic=1) the overlay again.
    expect(await page.evaluate(() => performance.timeOrigin)).not.toBe(before);
    await expect(page.getByTestId('crash')).toBeVisible({ timeout: 30_000 });
    await csp.expectNone();
  });
});
