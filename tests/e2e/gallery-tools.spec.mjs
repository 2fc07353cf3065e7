// The gallery's tools for designers (issue 14 items 1, 2, 3, 5 and 7): the catalogue and its
// search, the toolbar (theme, card width, density) kept in the URL, a card's "Copy link", and
// widgets that lay out for their card's width rather than the window's.
import { test, expect } from './fixtures.mjs';
import AxeBuilder from '@axe-core/playwright';
import { watchErrors, shot } from './helpers.mjs';

const PIN = 'today=2026-11-27&seed=42';

// Independent tests: spread over both workers (the two every-card checks take about 1.5 min each).
test.describe.configure({ mode: 'parallel' });
// Every widget's states, as the catalogue lists them (gallery.spec.mjs checks each card).
const STATES = 6 + 7 + 6 + 8 + 8 + 7 + 8;

/** The header texts of a widget's table that are shown (secondary columns step aside). */
const shownColumns = (widget) =>
  widget.locator('table thead th').evaluateAll((ths) =>
    ths.filter((th) => getComputedStyle(th).display !== 'none').map((th) => th.textContent.trim()),
  );

/** A widget's surface colour, as the sum of its red, green and blue. */
const surface = (el) =>
  el.evaluate((e) => getComputedStyle(e).backgroundColor.match(/\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b));

test('search narrows the catalogue, and a result opens its state', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/gallery?${PIN}`);
  const nav = page.getByTestId('gallery-nav');
  await expect(nav.getByTestId('gallery-nav-state')).toHaveCount(STATES);
  // Section names are the widgets' own titles.
  await expect(nav.getByTestId('gallery-nav-widget').first()).toHaveText('Credit balance');

  const search = page.getByTestId('gallery-search');
  await search.fill('pilot huge');
  await expect(nav.getByTestId('gallery-nav-widget')).toHaveText(['AI Pilot usage']);
  await expect(nav.getByTestId('gallery-nav-state')).toHaveText(['Huge figures']);
  await expect(page.getByTestId('gallery-search-count')).toHaveText('1 state in 1 section');

  // A state's name across widgets: only the widgets that have it.
  await search.fill('long names');
  await expect(nav.getByTestId('gallery-nav-widget')).toHaveText(['Copilot credit usage by user', 'Smart Flow credit usage', 'AI Pilot usage']);
  await expect(nav.getByTestId('gallery-nav-state')).toHaveCount(3);

  // A widget's title keeps all its states.
  await search.fill('Credit BALANCE');
  await expect(nav.getByTestId('gallery-nav-state')).toHaveCount(6);

  await search.fill('zebra');
  await expect(nav.getByTestId('gallery-nav-state')).toHaveCount(0);
  await expect(page.getByTestId('gallery-search-count')).toHaveText('Nothing matches “zebra”');

  await search.fill('pilot huge');
  await nav.getByTestId('gallery-nav-state').click();
  await expect(page).toHaveURL(`/gallery/ai-pilots/huge?${PIN}`);
  await expect(page.locator('.gallery-card')).toHaveCount(1);
  await expect(page.getByTestId('gallery-ai-pilots-huge').getByTestId('widget-ai-pilots')).toHaveAttribute('data-state', 'ready');
  // The search is kept while a result is open, and the result is marked as the page shown.
  await expect(search).toHaveValue('pilot huge');
  await expect(nav.getByTestId('gallery-nav-state')).toHaveAttribute('aria-current', 'page');
  await search.fill('');
  await expect(nav.getByTestId('gallery-nav-state')).toHaveCount(STATES);
  errors.expectNone();
});

test("the catalogue lists the dialogs' and the header's cards, each opening alone", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/gallery?${PIN}`);
  const nav = page.getByTestId('gallery-nav');
  // 18 dialog cards and 4 header cards, under their sections' own titles.
  await expect(nav.getByTestId('gallery-nav-card')).toHaveCount(22);
  await expect(nav.getByTestId('gallery-nav-widget').filter({ hasText: /^Dialogs$/ })).toHaveCount(1);
  await expect(nav.getByTestId('gallery-nav-widget').filter({ hasText: /^Header actions and banner$/ })).toHaveCount(1);
  const search = page.getByTestId('gallery-search');
  // A label two dialogs share is told apart by its dialog.
  await search.fill('invalid amount');
  await expect(nav.getByTestId('gallery-nav-card')).toHaveText(['Purchase credits: Invalid amount', 'Auto-recharge: Invalid amount']);
  await expect(nav.getByTestId('gallery-nav-state')).toHaveCount(0);
  await expect(page.getByTestId('gallery-search-count')).toHaveText('2 cards in 1 section');
  await search.fill('header loading');
  await expect(page.getByTestId('gallery-search-count')).toHaveText('1 card in 1 section');
  await search.fill('loading');
  await expect(page.getByTestId('gallery-search-count')).toHaveText('7 states and 3 cards in 9 sections');
  await search.fill('card declined');
  await nav.getByTestId('gallery-nav-card').click();
  await expect(page).toHaveURL(`/gallery/dialogs/purchase-declined?${PIN}`);
  await expect(page.locator('.gallery-card')).toHaveCount(1);
  const card = page.getByTestId('gallery-purchase-declined');
  await expect(card.getByTestId('purchase-failure')).toHaveAttribute('data-error-kind', 'rejected');
  await expect(nav.getByTestId('gallery-nav-card')).toHaveAttribute('aria-current', 'page');
  // Alone, it checks itself once drawn.
  await expect(card.getByTestId('a11y-badge')).toHaveAttribute('data-violations', '0');
  await search.fill('header on');
  await expect(nav.getByTestId('gallery-nav-card')).toHaveText(['Auto-recharge on']);
  await nav.getByTestId('gallery-nav-card').click();
  await expect(page).toHaveURL(`/gallery/actions/on?${PIN}`);
  await expect(page.getByTestId('gallery-actions-on').getByTestId('auto-recharge-state')).toHaveText('On');
  await search.fill('');
  errors.expectNone();
});

test('light and dark side by side: no id twice, and each section its own name', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/gallery?${PIN}&theme=both&width=390`);
  await expect(page.getByTestId('gallery-stage')).toHaveCount(2);
  await expect(page.getByTestId('gallery-flows-typical').nth(1).getByTestId('widget-flows')).toHaveAttribute('data-state', 'ready');
  // Every card drawn (past its account's loading), so every id a card writes is counted.
  await expect(page.locator('.gallery-card')).toHaveCount(2 * 72);
  await expect(page.locator('.gallery-card-body > [data-testid=loading]')).toHaveCount(0);
  const twice = await page.evaluate(() => {
    const seen = new Map();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
  expect(twice).toEqual([]);
  const names = await page.locator('section.gallery-piece').evaluateAll((els) =>
    els.map((s) => document.getElementById(s.getAttribute('aria-labelledby')).textContent),
  );
  expect(names).toHaveLength(2 * 9);
  expect(new Set(names).size).toBe(names.length);
  expect(names).toContain('Smart Flow credit usage (dark)');
  errors.expectNone();
});

test('theme, width and density are set from the toolbar, kept in the URL, and survive a reload', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/gallery/flows/typical?${PIN}`);
  const card = page.getByTestId('gallery-flows-typical');
  await expect(card.getByTestId('widget-flows')).toHaveAttribute('data-state', 'ready');

  await page.getByTestId('gallery-width').selectOption('390');
  await expect(page).toHaveURL(/width=390/);
  expect((await card.boundingBox()).width).toBeCloseTo(390, 0);

  // A width of one's own: refused outside 240-2560, with a message, and the URL keeps the last.
  await page.getByTestId('gallery-width').selectOption('custom');
  const custom = page.getByTestId('gallery-width-custom');
  await custom.fill('100');
  await custom.press('Enter');
  await expect(page.getByTestId('gallery-width-error')).toContainText('from 240 to 2560');
  await expect(custom).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/width=390/);
  await custom.fill('512');
  await custom.press('Enter');
  await expect(page).toHaveURL(/width=512/);
  await expect(page.getByTestId('gallery-width-error')).toHaveCount(0);
  expect((await card.boundingBox()).width).toBeCloseTo(512, 0);

  // Light and dark side by side, whatever the page's theme.
  await page.getByTestId('gallery-theme').selectOption('both');
  await expect(page).toHaveURL(/theme=both/);
  const stages = page.getByTestId('gallery-stage');
  await expect(stages).toHaveCount(2);
  const light = stages.and(page.locator('[data-theme-shown="light"]')).getByTestId('widget-flows');
  const dark = stages.and(page.locator('[data-theme-shown="dark"]')).getByTestId('widget-flows');
  await expect(light).toHaveAttribute('data-state', 'ready');
  await expect(dark).toHaveAttribute('data-state', 'ready');
  expect(await surface(light)).toBeGreaterThan(600);
  expect(await surface(dark)).toBeLessThan(200);
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'dark');

  // Density: compact rows are shorter than comfortable ones.
  const rowHeight = () => light.locator('tbody tr').first().evaluate((r) => r.getBoundingClientRect().height);
  const comfortable = await rowHeight();
  await page.getByTestId('density-toggle').click();
  await expect(page).toHaveURL(/density=compact/);
  await expect(page.getByTestId('density-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(rowHeight).toBeLessThan(comfortable - 4);

  await page.reload();
  await expect(page.getByTestId('gallery-stage')).toHaveCount(2);
  await expect(page.getByTestId('gallery-theme')).toHaveValue('both');
  await expect(page.getByTestId('gallery-width')).toHaveValue('custom');
  await expect(page.getByTestId('gallery-width-custom')).toHaveValue('512');
  await expect(page.getByTestId('density-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('gallery-view')).toHaveAttribute('data-density', 'compact');
  await expect(light).toHaveAttribute('data-state', 'ready');
  expect((await light.boundingBox()).width).toBeCloseTo(512, 0);
  expect(await rowHeight()).toBeLessThan(comfortable - 4);

  // Back undoes the last choice.
  await page.goBack();
  await expect(page.getByTestId('density-toggle')).toHaveAttribute('aria-pressed', 'false');
  errors.expectNone();
});

test('a card lays out for its own width: a 390 px card shows what a 390 px phone shows', async ({ page }) => {
  const errors = watchErrors(page);
  for (const widget of ['copilot-users', 'flows']) {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/billing/credit-utilization?mock=default&${PIN}&latency=0`);
    const onPhone = page.getByTestId(`widget-${widget}`);
    await expect(onPhone).toHaveAttribute('data-state', 'ready');
    const phone = await shownColumns(onPhone);

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`/gallery/${widget}/typical?${PIN}&width=390`);
    const inCard = page.getByTestId(`gallery-${widget}-typical`).getByTestId(`widget-${widget}`);
    await expect(inCard).toHaveAttribute('data-state', 'ready');
    expect(await shownColumns(inCard)).toEqual(phone);

    // The same window, a desktop-wide card: the columns a desktop shows, more than a phone's.
    await page.goto(`/gallery/${widget}/typical?${PIN}&width=1440`);
    const wide = page.getByTestId(`gallery-${widget}-typical`).getByTestId(`widget-${widget}`);
    await expect(wide).toHaveAttribute('data-state', 'ready');
    expect((await shownColumns(wide)).length).toBeGreaterThan(phone.length);
  }
  errors.expectNone();
});

test('moving between gallery addresses keeps the asked theme, and leaving gives the chosen one back', async ({ page }) => {
  await page.goto(`/gallery/balance?${PIN}&theme=dark`);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // Another gallery route (a new page): still dark.
  await page.getByTestId('gallery-nav').getByRole('link', { name: 'Low balance' }).first().click();
  await expect(page).toHaveURL(/\/gallery\/balance\/low-balance\?.*theme=dark/);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('gallery-nav').getByRole('link', { name: 'Everything' }).click();
  await expect(page).toHaveURL(/\/gallery\?.*theme=dark/);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // Light from the toolbar, then the page's own again: the visitor's theme (the system's) returns.
  await page.getByTestId('gallery-theme').selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByTestId('gallery-theme').selectOption('');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.+/);
  // Back to a dark address, then out of the gallery.
  await page.goBack();
  await page.goBack();
  await expect(page.getByTestId('gallery-theme')).toHaveValue('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('link', { name: 'Orbit CRM home' }).click();
  await expect(page.getByTestId('widget-balance')).toBeVisible();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.+/);
});

test("a card's Copy link puts its own address on the clipboard, with the page's look", async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/gallery/balance?${PIN}&theme=dark&width=390`);
  const card = page.getByTestId('gallery-balance-low-balance');
  await expect(card.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
  await card.getByTestId('gallery-card-copy').click();
  await expect(card.getByTestId('gallery-card-copy-status')).toHaveText('Link copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const origin = new URL(page.url()).origin;
  expect(copied).toBe(`${origin}/gallery/balance/low-balance?${PIN}&theme=dark&width=390`);
  // Opened, it shows that card alone, as it was seen.
  await page.goto(copied);
  await expect(page.locator('.gallery-card')).toHaveCount(1);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect((await page.getByTestId('gallery-balance-low-balance').boundingBox()).width).toBeCloseTo(390, 0);
});

test("the catalogue's links are targets at least 24 px tall, on desktop and in the phone drawer", async ({ page }) => {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/gallery?${PIN}`);
    if (width < 1000) await page.getByTestId('gallery-catalogue-toggle').click();
    await expect(page.getByTestId('gallery-nav')).toBeVisible();
    const heights = await page.locator('#gallery-nav a').evaluateAll((all) => all.map((a) => a.getBoundingClientRect().height));
    expect(heights.length, `${width}: links`).toBeGreaterThan(70);
    expect(heights.filter((h) => h < 24), `${width}: links under 24 px`).toEqual([]);
  }
});

test('on a phone the catalogue is a drawer', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/gallery/balance?${PIN}`);
  const toggle = page.getByTestId('gallery-catalogue-toggle');
  await expect(page.getByTestId('gallery-nav')).toBeHidden();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(page.getByTestId('gallery-nav')).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await page.getByTestId('gallery-search').fill('low');
  await expect(page.getByTestId('gallery-nav-state')).toHaveText(['Low balance']);
  await shot(page, 'gallery-catalogue-390');
  await page.getByTestId('gallery-nav-state').click();
  await expect(page).toHaveURL(`/gallery/balance/low-balance?${PIN}`);
  await expect(page.locator('.gallery-card')).toHaveCount(1);
  errors.expectNone();
});

test('screenshots: the catalogue, both themes, the width frames and compact density', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/gallery?${PIN}`);
  await expect(page.getByTestId('gallery-balance-typical').getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
  await page.screenshot({ path: 'screenshots/gallery-catalogue-1440.png' });
  await page.goto(`/gallery/usage-chart/typical?${PIN}&theme=both&width=390`);
  await expect(page.getByTestId('widget-usage-chart').nth(1)).toHaveAttribute('data-state', 'ready');
  await shot(page, 'gallery-both-390-1440');
  await page.goto(`/gallery/flows/huge?${PIN}&width=834&density=compact`);
  await expect(page.getByTestId('widget-flows')).toHaveAttribute('data-state', 'ready');
  await shot(page, 'gallery-834-compact-1440');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/gallery/copilot-users/long-names?${PIN}&theme=dark&width=360`);
  await expect(page.getByTestId('widget-copilot-users')).toHaveAttribute('data-state', 'ready');
  await shot(page, 'gallery-360-dark-390');
});

for (const scheme of ['light', 'dark']) {
  test(`the catalogue and toolbar have no accessibility violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.goto(`/gallery/balance/typical?${PIN}&width=custom`);
    // The card alone checks itself with the page's own axe-core: let that run finish first, as
    // axe runs one check at a time in a page.
    await expect(page.getByTestId('a11y-badge')).toHaveAttribute('data-violations', '0');
    await page.getByTestId('gallery-search').fill('huge');
    await page.getByTestId('gallery-width').selectOption('custom');
    await page.getByTestId('gallery-width-custom').fill('9');
    await page.getByTestId('gallery-width-custom').press('Enter');
    await expect(page.getByTestId('gallery-width-error')).toBeVisible();
    for (const part of ['.gallery-side', '.gallery-toolbar', '.gallery-label']) {
      const { violations } = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .include(part)
        .analyze();
      expect(violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))).toEqual([]);
    }
  });
}

// Issue 12: the whole gallery is drawn a section per task, the first with the page, so that no
// single task holds the page for every card (measured by scripts/measure-first-visit.mjs, the
// gallery's total blocking time). "Check every card" waits until every section is drawn: a card
// drawn after the request would not check itself.
test('the gallery draws its sections one after another, and checks every card only once all are drawn', async ({ page }) => {
  const errors = watchErrors(page);
  // Each section's arrival, with the delivery of the observer it came in (a task's changes are
  // delivered together after it, so sections drawn in one task would share a delivery), and the
  // cards on the page each time "Check every card" is enabled.
  await page.addInitScript(() => {
    window.__sections = [];
    window.__enabledWith = [];
    let delivery = 0;
    // A section arrives inside its page as well as alone: each is counted once.
    const seen = new WeakSet();
    new MutationObserver((records) => {
      delivery += 1;
      for (const r of records) {
        if (r.type === 'attributes') {
          if (r.target.dataset.testid === 'a11y-check-all' && !r.target.disabled) {
            window.__enabledWith.push(document.querySelectorAll('.gallery-card').length);
          }
          continue;
        }
        for (const n of r.addedNodes) {
          if (n.nodeType !== 1) continue;
          const found = n.matches('section.gallery-piece') ? [n] : [...n.querySelectorAll('section.gallery-piece')];
          for (const s of found.filter((s) => !seen.has(s))) {
            seen.add(s);
            window.__sections.push([s.dataset.testid, s.closest('[data-theme-shown]')?.dataset.themeShown ?? 'page', delivery]);
          }
          const button = n.matches('[data-testid=a11y-check-all]') ? n : n.querySelector('[data-testid=a11y-check-all]');
          if (button && !button.disabled) window.__enabledWith.push(document.querySelectorAll('.gallery-card').length);
        }
      }
    }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
  });
  const cards = STATES + 4 + 18;
  const button = page.getByTestId('a11y-check-all');
  /** Sections arrived since the last look: in page order, each in a delivery of its own. */
  const drawnOneByOne = async (stages) => {
    await expect(button).toBeEnabled();
    const arrived = await page.evaluate(() => window.__sections.splice(0));
    const onPage = await page.locator('section.gallery-piece').evaluateAll((all) =>
      all.map((s) => [s.dataset.testid, s.closest('[data-theme-shown]')?.dataset.themeShown ?? 'page']));
    expect(onPage.length).toBe(9 * stages);
    expect(arrived.map(([id, stage]) => [id, stage])).toEqual(onPage);
    expect(new Set(arrived.map(([, , delivery]) => delivery)).size).toBe(onPage.length);
    // The button came on once, with every card there.
    expect(await page.evaluate(() => window.__enabledWith.splice(0))).toEqual([cards * stages]);
  };
  await page.goto(`/gallery?${PIN}`);
  await drawnOneByOne(1);
  // Another theme draws the stage again, a section at a time again.
  await page.getByTestId('gallery-theme').selectOption('dark');
  await drawnOneByOne(1);
  // Both themes: the light stage's sections, then the dark one's.
  await page.getByTestId('gallery-theme').selectOption('both');
  await drawnOneByOne(2);
  // A section's own page is drawn whole at once, and its button is there for it.
  await page.goto(`/gallery/flows?${PIN}`);
  await expect(page.locator('.gallery-card')).toHaveCount(8);
  await expect(button).toBeEnabled();
  errors.expectNone();
});

// Issue 14 item 4: axe-core, served from our origin and loaded only by the gallery, checks each
// card: on demand, every card at once, and by itself on a card's own page.
for (const scheme of ['light', 'dark']) {
  test(`every card has no accessibility issues (${scheme})`, async ({ page }) => {
    test.setTimeout(300_000);
    const errors = watchErrors(page);
    const asked = [];
    page.on('request', (r) => asked.push(new URL(r.url())));
    await page.goto(`/gallery?${PIN}&theme=${scheme}`);
    // Every widget state, the four header cards and the eighteen dialog cards.
    const cards = STATES + 4 + 18;
    await expect(page.locator('.gallery-card')).toHaveCount(cards);
    // Nothing fetches axe-core until a check runs.
    expect(asked.filter((u) => u.pathname.startsWith('/axe-'))).toEqual([]);
    await page.getByTestId('a11y-check-all').click();
    const done = page.locator('[data-testid="a11y-badge"][data-violations]');
    await expect(done).toHaveCount(cards, { timeout: 240_000 });
    const found = await page.locator('.gallery-card').evaluateAll((all) =>
      all
        .filter((c) => c.querySelector('[data-testid="a11y-badge"]').dataset.violations !== '0')
        .map((c) => `${c.dataset.testid}: ${c.querySelector('[data-testid="a11y-list"]')?.textContent}`),
    );
    expect(found).toEqual([]);
    // Each checked what it shows: none ran out of time waiting for its state.
    await expect(page.locator('[data-testid="a11y-badge"][data-early]')).toHaveCount(0);
    await expect(page.getByTestId('a11y-summary')).toHaveText(`${cards} cards checked: no accessibility issues`);
    // From our own origin, once.
    const axe = asked.filter((u) => u.pathname.startsWith('/axe-'));
    expect(axe.length).toBe(1);
    expect(axe[0].origin).toBe(new URL(page.url()).origin);
    errors.expectNone();
  });
}

test('a card given a contrast failure on purpose reports it; a card alone checks itself', async ({ page }) => {
  await page.goto(`/gallery/balance/typical?${PIN}`);
  const card = page.getByTestId('gallery-balance-typical');
  // Alone on its page, the card checks itself once its widget has settled.
  await expect(card.getByTestId('a11y-badge')).toHaveAttribute('data-violations', '0');
  await expect(card.getByTestId('a11y-badge')).toHaveText('No accessibility issues');
  await page.addStyleTag({ content: '[data-testid="gallery-balance-typical"] .figure-label { color: #dddddd !important; }' });
  await card.getByTestId('a11y-check').click();
  await expect(card.getByTestId('a11y-badge')).toHaveAttribute('data-violations', /^[1-9]\d*$/);
  const n = Number(await card.getByTestId('a11y-badge').getAttribute('data-violations'));
  expect(n).toBeGreaterThanOrEqual(1);
  await expect(card.getByTestId('a11y-badge')).toHaveText(`${n} accessibility ${n === 1 ? 'issue' : 'issues'}`);
  await expect(card.getByTestId('a11y-list')).toContainText('color-contrast');
  await expect(card.getByTestId('a11y-list')).toContainText('.figure-label');
  await expect(page.getByTestId('a11y-summary')).toContainText('1 card checked:');
  await shot(page, 'gallery-a11y-failure-1440');
});

test('axe-core failing to load says so on the card, and the card still works', async ({ page }) => {
  await page.route('**/axe-*.js', (route) => route.fulfill({ status: 404, contentType: 'text/html', body: '<h1>Not found</h1>' }));
  await page.goto(`/gallery/flows/typical?${PIN}`);
  const card = page.getByTestId('gallery-flows-typical');
  await expect(card.getByTestId('a11y-badge')).toHaveText('Not checked: failed');
  await expect(card.getByTestId('a11y-badge')).not.toHaveAttribute('data-violations', /.*/);
  await expect(card.getByTestId('a11y-list')).toContainText('axe-core did not load');
  await expect(card.getByTestId('widget-flows')).toHaveAttribute('data-state', 'ready');
  // Served again, Check tries anew.
  await page.unroute('**/axe-*.js');
  await card.getByTestId('a11y-check').click();
  await expect(card.getByTestId('a11y-badge')).toHaveAttribute('data-violations', '0');
});

// Issue 14 item 6: each widget section's controls reshape its cards' mock data, in the URL.
test("a section's controls reshape its cards' data, stay in the URL and survive a reload", async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto(`/gallery/flows?${PIN}`);
  const typical = page.getByTestId('gallery-flows-typical');
  const widget = typical.getByTestId('widget-flows');
  await expect(widget).toHaveAttribute('data-state', 'ready');
  const total = () => widget.getByTestId('totals').locator('[data-col=credits] [data-value]').first().getAttribute('data-value').then(Number);
  const rows = () => widget.locator('.table-count').textContent().then((t) => Number(t.replace(/\D/g, '')));
  const plain = await total();
  expect(await rows()).toBeLessThan(60);

  await page.getByTestId('control-rows').selectOption('400');
  await expect(page).toHaveURL(/flows\.rows=400/);
  await expect.poll(rows).toBeGreaterThan(300);
  await page.getByTestId('control-name-length').selectOption('80');
  await expect(page).toHaveURL(/flows\.names=80/);
  await expect(widget).toHaveAttribute('data-state', 'ready');
  const names = await widget.locator('[data-testid=row] .cell-link').allTextContents();
  expect(names.length).toBeGreaterThan(0);
  for (const n of names) expect([...n].length, n).toBeGreaterThanOrEqual(80);
  await page.getByTestId('control-scale').selectOption('1000000000');
  await expect.poll(total).toBeGreaterThan(1e12);
  await page.getByTestId('control-compare').selectOption('on');
  await expect(widget.locator('thead th', { hasText: 'Change' })).toHaveCount(1);

  // One link reproduces it: reload keeps every control and the data it made.
  await page.reload();
  await expect(page.getByTestId('control-rows')).toHaveValue('400');
  await expect(page.getByTestId('control-name-length')).toHaveValue('80');
  await expect(page.getByTestId('control-scale')).toHaveValue('1000000000');
  await expect(page.getByTestId('control-compare')).toHaveValue('on');
  await expect(widget).toHaveAttribute('data-state', 'ready');
  await expect.poll(rows).toBeGreaterThan(300);
  expect(await total()).toBeGreaterThan(1e12);
  expect(await total()).not.toBe(plain);
  await expect(widget.locator('thead th', { hasText: 'Change' })).toHaveCount(1);
  // Another section keeps its own data.
  await page.goto(`/gallery?${PIN}&flows.rows=400`);
  await expect(page.getByTestId('gallery-ai-pilots-typical').getByTestId('widget-ai-pilots').locator('.table-count')).not.toContainText('400');

  // Reshaped, still accessible: the comparison's totals on their tinted row included.
  await page.goto(`/gallery/flows?${PIN}&flows.compare=on&flows.scale=1000000000`);
  await page.getByTestId('a11y-check-all').click();
  await expect(page.locator('[data-testid="a11y-badge"][data-violations]')).toHaveCount(8, { timeout: 60_000 });
  await expect(page.getByTestId('a11y-summary')).toHaveText('8 cards checked: no accessibility issues');

  // Failing and slow, from the controls.
  await page.getByTestId('control-fail').check();
  await expect(page).toHaveURL(/flows\.fail=on/);
  for (const state of ['typical', 'huge', 'empty']) {
    await expect(page.getByTestId(`gallery-flows-${state}`).getByTestId('widget-flows')).toHaveAttribute('data-state', 'error');
  }
  await page.getByTestId('control-fail').uncheck();
  await expect(page).not.toHaveURL(/flows\.fail/);
  await page.getByTestId('control-latency').selectOption('2000');
  await expect(widget).toHaveAttribute('data-state', 'loading');
  await expect(widget).toHaveAttribute('data-state', 'ready', { timeout: 10_000 });
  await shot(page, 'gallery-controls-1440');
  errors.expectNone();
});
