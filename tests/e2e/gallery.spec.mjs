// The widget gallery: every widget in every state, every dialog in its states, no console
// errors; and its look, compared with stored baselines (see README: updating the baselines).
import { test, expect } from './fixtures.mjs';
import { watchErrors, shot } from './helpers.mjs';
import { WIDGET_CARDS, OTHER_CARDS, otherCardAddress, gallerySettled as settled } from './gallery-cards.mjs';

const GALLERY = '/gallery?today=2026-11-27&seed=42';

test('the gallery shows every widget in every state, and every dialog state, without errors', async ({ page }) => {
  const watch = watchErrors(page);
  await page.goto(GALLERY);
  await settled(page);
  expect(Object.keys(OTHER_CARDS).length).toBe(22);

  // The states are what they say.
  const expectStates = {
    loading: 'loading', error: 'error', 'zero-comparison': 'ready', 'negative-change': 'ready',
  };
  for (const [state, dataState] of Object.entries(expectStates)) {
    await expect(page.getByTestId(`gallery-flows-${state}`).getByTestId('widget-flows')).toHaveAttribute('data-state', dataState);
  }
  const huge = Number(await page.getByTestId('gallery-used-summary-huge').getByTestId('used-total').getAttribute('data-value'));
  expect(huge).toBeGreaterThan(1e9);
  const names = await page.getByTestId('gallery-flows-long-names').locator('[data-testid=row] .cell-text').allTextContents();
  expect(names.some((n) => [...n].length === 80)).toBe(true);
  expect(names.some((n) => /[\u0590-\u06FF]/u.test(n))).toBe(true);
  const users = await page.getByTestId('gallery-copilot-users-long-names').locator('[data-testid=row] .cell-text').allTextContents();
  expect(users.some((n) => /\p{Extended_Pictographic}/u.test(n))).toBe(true);
  const zero = page.getByTestId('gallery-used-summary-zero-comparison');
  await expect(zero.locator('[data-change]').first()).toHaveAttribute('data-change', 'new');
  const fall = page.getByTestId('gallery-flows-negative-change').getByTestId('totals').locator('[data-col=change] [data-change]');
  expect(Number(await fall.getAttribute('data-change'))).toBeLessThan(0);
  // The gallery never touches the demo session's account.
  const stored = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('credit-dash:mock')));
  expect(stored).toEqual([]);
  watch.expectNone();
});

for (const scheme of ['light', 'dark']) {
  for (const [name, width] of [['desktop', 1440], ['tablet', 834], ['narrow', 390]]) {
    test(`gallery screenshots, ${scheme}, ${name}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 900 });
      await page.goto(GALLERY);
      await settled(page);
      await shot(page, `gallery-${scheme}-${name}`);
    });
  }
}

// Visual baselines: one per section, light and dark, at desktop width. A change to a widget's
// look fails here until the baselines are updated on purpose (npm run test:update-baselines).
for (const scheme of ['light', 'dark']) {
  test(`the gallery looks as it did (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    // Taller than the tallest section: nothing scrolls, so every pixel of a section is painted
    // (a scrolled capture left the last 45 px of a section blank).
    await page.setViewportSize({ width: 1440, height: 4400 });
    await page.goto(GALLERY);
    await settled(page);
    for (const section of [...Object.keys(WIDGET_CARDS), 'actions', 'dialogs']) {
      const el = page.getByTestId(`gallery-${section}`);
      await expect(el).toHaveScreenshot(`${section}-${scheme}.png`, {
        animations: 'disabled',
        caret: 'hide',
        // Rendering here is pixel-identical run to run; the margin absorbs antialiasing noise
        // only (rewording a two-word hint in the balance changes 235).
        maxDiffPixels: 100,
      });
    }
  });
}

// Issue 14 item 1: a URL for every state. /gallery/{widget}/{state} shows that card alone,
// /gallery/{widget} its section, with ?theme= and ?width= in the query; each card links to its own.
test.describe('a URL per state', () => {
  test('a single state shows exactly that card, in the asked theme and width', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('/gallery/flows/long-names?today=2026-11-27&seed=42&theme=dark&width=390');
    const cards = page.locator('.gallery-card');
    await expect(cards).toHaveCount(1);
    const card = page.getByTestId('gallery-flows-long-names');
    await expect(card.getByTestId('widget-flows')).toHaveAttribute('data-state', 'ready');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const box = await card.boundingBox();
    expect(box.width).toBeLessThanOrEqual(390);
    expect(box.width).toBeGreaterThan(380);
    // Dark: the card's surface is dark whatever the browser's scheme.
    const bg = await card.getByTestId('widget-flows').evaluate((el) => getComputedStyle(el).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g).map(Number);
    expect(r + g + b).toBeLessThan(200);
    await shot(page, 'gallery-single-state-390-dark');
    errors.expectNone();
  });

  test('a widget shows its section; a card links to its own address; nonsense says so', async ({ page }) => {
    await page.goto('/gallery/balance?today=2026-11-27&seed=42');
    await expect(page.locator('.gallery-card')).toHaveCount(6);
    await expect(page.getByTestId('gallery-flows')).toHaveCount(0);
    const link = page.getByTestId('gallery-balance-low-balance').getByTestId('gallery-card-link');
    await expect(link).toHaveAttribute('href', '/gallery/balance/low-balance');
    await link.click();
    await expect(page).toHaveURL(/\/gallery\/balance\/low-balance$/);
    await expect(page.locator('.gallery-card')).toHaveCount(1);
    await expect(page.getByTestId('gallery-balance-low-balance').getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
    await page.goto('/gallery/balance/long-names');
    await expect(page.getByTestId('gallery-unknown')).toContainText('balance/long-names');
    await expect(page.locator('.gallery-card')).toHaveCount(0);
    // Leaving a themed page gives the chosen theme back.
    await page.goto('/gallery/balance/typical?theme=dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.getByRole('link', { name: 'Orbit CRM home' }).click();
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'dark');
  });

  test('every dialog and header card links to its own address', async ({ page }) => {
    await page.goto('/gallery/dialogs?today=2026-11-27&seed=42');
    for (const card of Object.keys(OTHER_CARDS).filter((c) => !c.startsWith('actions-'))) {
      await expect(page.getByTestId(`gallery-${card}`).getByTestId('gallery-card-link')).toHaveAttribute('href', otherCardAddress(card));
    }
    await page.goto('/gallery/actions?today=2026-11-27&seed=42');
    for (const card of Object.keys(OTHER_CARDS).filter((c) => c.startsWith('actions-'))) {
      await expect(page.getByTestId(`gallery-${card}`).getByTestId('gallery-card-link')).toHaveAttribute('href', otherCardAddress(card));
    }
    // A card the section does not have says so.
    await page.goto('/gallery/dialogs/zebra?today=2026-11-27&seed=42');
    await expect(page.getByTestId('gallery-unknown')).toContainText('dialogs/zebra');
    await expect(page.locator('.gallery-card')).toHaveCount(0);
  });

  // Each address shows exactly that card, in its state, and checks it once it shows it.
  for (const [card, check] of Object.entries(OTHER_CARDS)) {
    test(`${otherCardAddress(card)} shows that card alone and checks it`, async ({ page }) => {
      const errors = watchErrors(page);
      await page.goto(`${otherCardAddress(card)}?today=2026-11-27&seed=42`);
      await expect(page.locator('.gallery-card')).toHaveCount(1);
      const el = page.getByTestId(`gallery-${card}`);
      await check(el);
      await expect(el.getByTestId('a11y-badge')).toHaveAttribute('data-violations', '0');
      errors.expectNone();
    });
  }

  test('a dialog card alone, in the asked theme and width', async ({ page }) => {
    await page.goto('/gallery/dialogs/purchase-priced?today=2026-11-27&seed=42&theme=dark&width=390');
    const priced = page.getByTestId('gallery-purchase-priced');
    await OTHER_CARDS['purchase-priced'](priced);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect((await priced.boundingBox()).width).toBeCloseTo(390, 0);
    await expect(priced.getByTestId('a11y-badge')).toHaveAttribute('data-violations', '0');
    await shot(page, 'gallery-single-dialog-390-dark');
  });
});
