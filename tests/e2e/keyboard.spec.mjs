// Issue 13 item 9 (keyboard): a skip link past the top bar, and the Team and User pickers worked
// with the arrow keys, giving focus back to their button on Escape and Done.
import { test, expect } from './fixtures.mjs';
import { DASHBOARD, MOCK, shot } from './helpers.mjs';

const focusedTestId = (page) => page.evaluate(() => document.activeElement?.dataset?.testid ?? null);
const focused = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return { tag: a?.tagName, type: a?.getAttribute('type'), label: a?.closest('label')?.textContent?.trim() ?? null, inMenu: !!a?.closest('.multi-menu'), inMain: !!a?.closest('main'), id: a?.id };
});

test('the first Tab reaches a skip link that takes focus past the top bar', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}`);
  await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
  const link = page.getByTestId('skip-link');
  // Out of sight until it has focus.
  expect((await link.boundingBox()).y + (await link.boundingBox()).height).toBeLessThanOrEqual(0);
  await page.keyboard.press('Tab');
  expect(await focusedTestId(page)).toBe('skip-link');
  await expect(link).toBeInViewport();
  await expect(link).toHaveText('Skip to main content');
  await shot(page, 'skip-link');
  const url = page.url();
  await page.keyboard.press('Enter');
  expect((await focused(page)).id).toBe('main');
  expect(page.url(), 'no navigation').toBe(url);
  // The next Tab is inside the page, not in the top bar.
  await page.keyboard.press('Tab');
  expect((await focused(page)).inMain).toBe(true);
});

for (const picker of ['filter-teams', 'filter-users']) {
  test(`the ${picker} picker works with the arrow keys and gives focus back on Escape and Done`, async ({ page }) => {
    await page.goto(`${DASHBOARD}?${MOCK}`);
    await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
    const button = page.getByTestId(picker);
    await button.focus();
    // ArrowDown on the button opens the list and moves into it.
    await page.keyboard.press('ArrowDown');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect.poll(async () => (await focused(page)).inMenu).toBe(true);
    // To the first choice (past the search box where there is one), then the next.
    let f = await focused(page);
    if (f.type === 'search') {
      await page.keyboard.press('ArrowDown');
      f = await focused(page);
    }
    expect(f.type).toBe('checkbox');
    const first = f.label;
    await page.keyboard.press('ArrowDown');
    const second = (await focused(page)).label;
    expect(second).not.toBe(first);
    await page.keyboard.press('ArrowUp');
    expect((await focused(page)).label).toBe(first);
    // End and Home reach the last and the first choice.
    await page.keyboard.press('End');
    const last = (await focused(page)).label;
    expect(last).not.toBe(first);
    await page.keyboard.press('Home');
    expect((await focused(page)).label).toBe(first);
    // Space chooses; Escape closes, discards the choice (issue 28 item 14: Escape kept it beside
    // Done) and gives focus back to the button.
    const before = await button.getAttribute('aria-label');
    await page.keyboard.press('Space');
    await page.keyboard.press('Escape');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(button).toBeFocused();
    await expect(button).toHaveAttribute('aria-label', before);
    // Enter opens it again; Space chooses, Done applies, closes and gives focus back too: the
    // button names the choice.
    await page.keyboard.press('Enter');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect.poll(async () => (await focused(page)).inMenu).toBe(true);
    if ((await focused(page)).type === 'search') await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page.locator('.multi-menu').getByRole('button', { name: 'Done' }).click();
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(button).toBeFocused();
    await expect(button).toContainText(first.split('\n')[0].trim().slice(0, 6));
  });
}

test('a pointer opens a picker without moving focus, and a click outside closes it with focus back', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}`);
  await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
  const button = page.getByTestId('filter-users');
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  // No on-screen keyboard pops up over the list on a phone: focus stays on the button.
  await expect(button).toBeFocused();
  // The arrow keys still reach the list from there.
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await focused(page)).inMenu).toBe(true);
  await page.mouse.click(5, 400);
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(button).toBeFocused();
});
