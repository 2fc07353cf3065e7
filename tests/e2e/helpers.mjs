import { expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'narrow', width: 390, height: 844 },
];

/** Saves a screenshot under screenshots/ for people to look at. */
export async function shot(page, name) {
  mkdirSync('screenshots', { recursive: true });
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}

/**
 * Fails the test on any uncaught page error or console error, but for console errors matching
 * one of `allow` (the browser's own line for an answer a test asks for, such as a 401).
 */
export function watchErrors(page, { allow = [] } = {}) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !allow.some((re) => re.test(m.text()))) errors.push(`console: ${m.text()}`);
  });
  return {
    errors,
    expectNone: () => expect(errors, errors.join('\n')).toEqual([]),
  };
}

/** A pinned, fast mock: the same data every run. */
export const MOCK = 'mock=default&today=2026-11-27&latency=0';

/** The dashboard's path. */
export const DASHBOARD = '/billing/credit-utilization';

/** The raw number a figure carries in `data-value`. */
export const value = async (locator) => Number(await locator.getAttribute('data-value'));

/** Chooses the ledger's kinds (the `history-kinds` multi-select) by label, then Done. */
export async function chooseKinds(page, labels) {
  await page.getByTestId('history-kinds').click();
  const menu = page.locator('.multi-menu');
  await menu.getByRole('button', { name: 'Clear' }).click();
  for (const label of labels) await menu.getByRole('checkbox', { name: label, exact: true }).check();
  await menu.getByRole('button', { name: 'Done' }).click();
}
