// Visual tests per state (issue 14 item 8): every gallery card, light and dark, framed at 390 and
// at 1440 px, each compared with its own baseline, cropped to the card
// (tests/e2e/baselines/cards/{card}-{theme}-{width}.png). A change to one state's look fails
// that state's image only. Update on purpose with `npm run test:update-baselines`, look at the
// changed images, and see a failure's expected, actual and diff side by side in the HTML report
// (`npx playwright show-report tests/e2e/report`).
import { test, expect } from './fixtures.mjs';
import { WIDGET_CARDS, OTHER_CARDS, expectedState } from './gallery-cards.mjs';

const PIN = 'today=2026-11-27&seed=42';

const SECTIONS = [
  ...Object.entries(WIDGET_CARDS).map(([widget, states]) => ({ section: widget, cards: states.map((s) => `${widget}-${s}`) })),
  { section: 'actions', cards: Object.keys(OTHER_CARDS).filter((c) => c.startsWith('actions-')) },
  { section: 'dialogs', cards: Object.keys(OTHER_CARDS).filter((c) => !c.startsWith('actions-')) },
];

/** Waits until each card of the section shows its state, charts drawn and fonts loaded. */
async function settled(page, section, cards) {
  await expect(page.locator('figure.gallery-card')).toHaveCount(cards.length);
  for (const card of cards) {
    const el = page.getByTestId(`gallery-${card}`);
    if (WIDGET_CARDS[section]) {
      const state = card.slice(section.length + 1);
      await expect(el.getByTestId(`widget-${section}`), card).toHaveAttribute('data-state', expectedState(section, state));
    } else {
      await OTHER_CARDS[card](el);
    }
  }
  if (section === 'usage-chart') await expect(page.locator('.gallery-card canvas')).toHaveCount(3);
  await page.evaluate(() => document.fonts.ready);
}

test.describe.configure({ mode: 'parallel' });

for (const { section, cards } of SECTIONS) {
  for (const theme of ['light', 'dark']) {
    for (const width of [390, 1440]) {
      test(`${section} looks as it did, card by card (${theme}, ${width} px)`, async ({ page }) => {
        await page.emulateMedia({ reducedMotion: 'reduce' });
        // Wide enough for the catalogue beside a card framed at 1440 px, and tall enough that a
        // card is painted whole.
        await page.setViewportSize({ width: width + 480, height: 2600 });
        await page.goto(`/gallery/${section}?${PIN}&theme=${theme}&width=${width}`);
        await settled(page, section, cards);
        for (const card of cards) {
          const el = page.getByTestId(`gallery-${card}`);
          expect(Math.round((await el.boundingBox()).width), card).toBe(width);
          await expect(el, card).toHaveScreenshot(['cards', `${card}-${theme}-${width}.png`], {
            animations: 'disabled',
            caret: 'hide',
            maxDiffPixels: 100,
          });
        }
      });
    }
  }
}
