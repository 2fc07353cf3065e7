// Two pages over one build (scripts/build-release.sh, issue 12): the product's page,
// dist/index.html, is the app without the gallery, so a visitor of the dashboard loads no
// gallery code, stylesheet or axe-core; dist/gallery.html is the app with the gallery, served
// for /gallery and every path below it. A host that answers /gallery with the product's page
// gets a page that says so, not a blank one.
import { test, expect } from './fixtures.mjs';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { DASHBOARD, MOCK, watchErrors } from './helpers.mjs';

/** The wasm a built page loads, by name, and its bytes. */
function wasmOf(file) {
  const html = readFileSync(file, 'utf8');
  const name = /href="\/(credit-dash-[0-9a-f]{8,16}_bg\.wasm)"/.exec(html)[1];
  return { html, name, bytes: readFileSync(`dist/${name}`) };
}

const product = () => wasmOf('dist/index.html');
const gallery = () => wasmOf('dist/gallery.html');
// A string only the gallery's code holds (the catalogue's test hook).
const GALLERY_ONLY = Buffer.from('gallery-nav-card');

test('the product and the gallery are two wasm files; only the gallery has the gallery in it', () => {
  const p = product();
  const g = gallery();
  expect(p.name).not.toBe(g.name);
  expect(p.bytes.includes(GALLERY_ONLY), "the product's wasm holds no gallery code").toBe(false);
  expect(g.bytes.includes(GALLERY_ONLY), "the gallery's wasm holds the gallery").toBe(true);
  expect(p.bytes.length).toBeLessThan(g.bytes.length);
  // The gallery's stylesheet and its accessibility checks are named by its page alone.
  expect(p.html).not.toMatch(/\/gallery-[0-9a-f]{8,16}\.css/);
  expect(p.html).not.toContain('gallery-axe');
  expect(g.html).toMatch(/\/gallery-[0-9a-f]{8,16}\.css/);
  expect(g.html).toMatch(/<meta name="gallery-axe" content="\/axe-[0-9a-f]{16}\.js" \/>/);
});

test('/gallery and every path below it get the gallery\'s page; every other path the product\'s', async ({ request }) => {
  const p = product().name;
  const g = gallery().name;
  for (const path of ['/gallery', '/gallery/', '/gallery/balance', '/gallery/balance/typical', '/gallery/dialogs/purchase-priced', `/gallery?${MOCK}`]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()['cache-control'], path).toBe('no-cache');
    expect(await res.text(), path).toContain(g);
  }
  for (const path of ['/', DASHBOARD, '/billing', '/galleryx', '/billing/gallery', '/nowhere']) {
    const res = await request.get(path);
    expect(await res.text(), path).toContain(p);
  }
});

test('a dashboard visit asks for nothing of the gallery', async ({ page }) => {
  const watch = watchErrors(page);
  const asked = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await page.goto(`${DASHBOARD}?${MOCK}`);
  await expect(page.getByTestId('widget-usage-chart')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  // A dialog too: none of them is the gallery's.
  await page.getByTestId('action-purchase').click();
  await expect(page.getByTestId('dialog-purchase')).toBeVisible();
  const own = product().name;
  expect(asked).toContain(`/${own}`);
  // Its own wasm and glue (credit-dash-<hash>), nothing else of ours named gallery or axe.
  const stem = own.replace('_bg.wasm', '');
  expect(asked.filter((u) => /gallery|axe-|\/credit-dash-/.test(u) && !u.includes(stem))).toEqual([]);
  watch.expectNone();
});

test('the demo switcher\'s gallery link leaves the product\'s page for the gallery\'s', async ({ page }) => {
  const watch = watchErrors(page);
  await page.goto(`${DASHBOARD}?${MOCK}`);
  await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  const loaded = page.waitForRequest((r) => r.url().endsWith(`/${gallery().name}`));
  await page.getByTestId('demo-badge').click();
  await expect(page.getByTestId('demo-panel')).toBeVisible();
  await page.locator('a.demo-gallery').click();
  await loaded;
  await expect(page).toHaveURL(/\/gallery(\?|$)/);
  await expect(page.getByTestId('gallery-balance-typical').getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  watch.expectNone();
});

test('a host that answers /gallery with the product\'s page shows why, and the way back', async ({ page }) => {
  const watch = watchErrors(page);
  const productPage = readFileSync('dist/index.html', 'utf8');
  await page.route(/\/gallery(\?.*)?$/, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: productPage }));
  await page.goto(`/gallery?${MOCK}`);
  const notice = page.getByTestId('gallery-elsewhere');
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice.locator('h1')).toHaveText('The widget gallery is not served here');
  await expect(notice).toContainText('gallery.html');
  expect(await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze().then((r) => r.violations.map((v) => v.id))).toEqual([]);
  await notice.getByRole('link', { name: 'Go to Credit Utilization' }).click();
  await expect(page).toHaveURL(/\/billing\/credit-utilization\?.*mock=default/);
  await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
  watch.expectNone();
});
