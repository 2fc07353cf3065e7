// The gallery's cards and how each shows it has settled in its state, shared by the gallery's
// specs (gallery.spec.mjs checks them, gallery-visual.spec.mjs photographs them).
import { expect } from '@playwright/test';

export const WIDGET_CARDS = {
  balance: ['loading', 'error', 'empty', 'typical', 'huge', 'low-balance'],
  'used-summary': ['loading', 'error', 'empty', 'typical', 'huge', 'zero-comparison', 'negative-change'],
  'usage-chart': ['loading', 'error', 'empty', 'typical', 'huge', 'negative-change'],
  'copilot-users': ['loading', 'error', 'empty', 'typical', 'huge', 'long-names', 'zero-comparison', 'negative-change'],
  flows: ['loading', 'error', 'empty', 'typical', 'huge', 'long-names', 'zero-comparison', 'negative-change'],
  'flow-actions': ['loading', 'error', 'empty', 'typical', 'huge', 'zero-comparison', 'negative-change'],
  'ai-pilots': ['loading', 'error', 'empty', 'typical', 'huge', 'long-names', 'zero-comparison', 'negative-change'],
};

// Each dialog card and header-actions card, and what shows it is in its state.
export const OTHER_CARDS = {
  'purchase-loading': (c) => expect(c.getByText('Loading prices…')).toBeVisible(),
  'purchase-error': (c) => expect(c.getByTestId('error')).toHaveAttribute('data-error-kind', 'server'),
  'purchase-empty': (c) => expect(c.getByText('Choose a pack or type an amount.')).toBeVisible(),
  'purchase-priced': (c) => expect(c.getByTestId('purchase-price')).toContainText('25,000 credits for'),
  'purchase-invalid': (c) => expect(c.getByTestId('purchase-error')).toBeVisible(),
  'purchase-pending': (c) => expect(c.getByTestId('purchase-confirm')).toHaveText('Purchasing…'),
  'purchase-declined': (c) => expect(c.getByTestId('purchase-failure')).toHaveAttribute('data-error-kind', 'rejected'),
  'purchase-success': (c) => expect(c.getByTestId('purchase-success')).toContainText('Purchased 5,000 credits'),
  'auto-recharge-loading': (c) => expect(c.getByText('Loading settings…')).toBeVisible(),
  'auto-recharge-form': (c) => expect(c.getByTestId('auto-recharge-amount')).not.toHaveValue(''),
  'auto-recharge-invalid': (c) => expect(c.getByTestId('auto-recharge-error')).toBeVisible(),
  'auto-recharge-pending': (c) => expect(c.getByTestId('auto-recharge-save')).toHaveText('Saving…'),
  'auto-recharge-failure': (c) => expect(c.getByTestId('auto-recharge-failure')).toBeVisible(),
  'auto-recharge-last-failure': (c) => expect(c.getByTestId('auto-recharge-last-failure')).toBeVisible(),
  'recalculate-idle': (c) => expect(c.getByTestId('recalculate-start')).toHaveText('Start recalculation'),
  'recalculate-running': (c) => expect(c.getByTestId('recalculate-progress')).toHaveAttribute('aria-valuenow', '50'),
  'recalculate-failure': (c) => expect(c.getByTestId('recalculate-failure')).toBeVisible(),
  'recalculate-done': (c) => expect(c.getByTestId('recalculate-done')).toBeVisible(),
  'actions-loading': (c) => expect(c.getByTestId('auto-recharge-state')).toHaveText('…'),
  'actions-error': (c) => expect(c.getByTestId('auto-recharge-unavailable')).toBeVisible(),
  'actions-off': async (c) => {
    await expect(c.getByTestId('auto-recharge-state')).toHaveText('Off');
    await expect(c.getByTestId('auto-recharge-banner')).toBeVisible();
  },
  'actions-on': async (c) => {
    await expect(c.getByTestId('auto-recharge-state')).toHaveText('On');
    await expect(c.getByTestId('auto-recharge-banner')).toHaveCount(0);
  },
};

/**
 * A dialog's or the header's card's own address: `actions-on` is /gallery/actions/on, a
 * dialog's card (`purchase-priced`) /gallery/dialogs/purchase-priced.
 */
export function otherCardAddress(card) {
  return card.startsWith('actions-') ? `/gallery/actions/${card.slice('actions-'.length)}` : `/gallery/dialogs/${card}`;
}

/**
 * The `data-state` a widget card settles in, written here rather than read from the page, so a
 * card that settles wrongly fails: loading and error as named; an empty account's widgets show
 * "empty", except the balance, which is a balance (nothing used yet); every other state is data.
 */
export function expectedState(widget, state) {
  if (state === 'loading' || state === 'error') return state;
  if (state === 'empty') return widget === 'balance' ? 'ready' : 'empty';
  return 'ready';
}

/** Waits until every card of the whole gallery has settled in the state it shows. */
export async function gallerySettled(page) {
  for (const [widget, states] of Object.entries(WIDGET_CARDS)) {
    const section = page.getByTestId(`gallery-${widget}`);
    await expect(section.locator('figure.gallery-card')).toHaveCount(states.length);
    for (const state of states) {
      const card = page.getByTestId(`gallery-${widget}-${state}`);
      await expect(card.getByTestId(`widget-${widget}`), `${widget} ${state}`).toHaveAttribute('data-state', expectedState(widget, state));
    }
  }
  for (const [card, check] of Object.entries(OTHER_CARDS)) {
    await check(page.getByTestId(`gallery-${card}`));
  }
  // Charts drawn, fonts loaded: nothing left to move.
  await expect(page.locator('[data-testid^=gallery-usage-chart-] canvas')).toHaveCount(3);
  await page.evaluate(() => document.fonts.ready);
}
