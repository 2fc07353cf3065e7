// The shell: the access path by clicks, every route, Back/Forward, not-found, the demo badge,
// and a panic that leaves a message instead of a dead page.
import { test, expect } from './fixtures.mjs';
import { SIZES, shot, watchErrors, MOCK } from './helpers.mjs';

test('the access path by clicks: profile → plan → Billing → Credit Utilization', async ({ page }) => {
  const watch = watchErrors(page);
  await page.goto('/');
  await expect(page).toHaveURL(/\/billing\/credit-utilization$/);
  await expect(page.getByRole('heading', { name: 'Credit Utilization', level: 1 })).toBeVisible();
  await expect(page.getByTestId('demo-badge')).toContainText('Demo data');

  await page.getByRole('button', { name: 'Profile' }).click();
  const menu = page.getByTestId('profile-menu');
  await expect(menu).toContainText('Current subscription');
  await expect(menu.getByTestId('plan-link')).toContainText('Growth plan');
  await menu.getByTestId('plan-link').click();

  await expect(page).toHaveURL(/\/billing$/);
  await expect(menu).toBeHidden();
  await expect(page.getByTestId('plan-name')).toHaveText('Growth');
  await expect(page.getByTestId('bill-cycle')).not.toBeEmpty();

  await page.getByRole('link', { name: 'Credit Utilization', exact: true }).click();
  await expect(page).toHaveURL(/\/billing\/credit-utilization$/);
  await expect(page.getByRole('heading', { name: 'Credit Utilization', level: 1 })).toBeVisible();
  watch.expectNone();
});

test('Back and Forward walk the pages', async ({ page }) => {
  await page.goto('/billing');
  await expect(page.getByTestId('plan-name')).toBeVisible();
  await page.getByTestId('credit-utilization-link').click();
  await expect(page).toHaveURL(/credit-utilization$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/billing$/);
  await expect(page.getByTestId('plan-name')).toBeVisible();
  await page.goForward();
  await expect(page).toHaveURL(/credit-utilization$/);
  await expect(page.getByRole('heading', { name: 'Credit Utilization', level: 1 })).toBeVisible();
});

test('an unknown path gets a not-found page with a way back', async ({ page }) => {
  await page.goto('/billing/nope/deeper');
  await expect(page.getByTestId('not-found')).toContainText('/billing/nope/deeper');
  await page.getByRole('link', { name: 'Go to Credit Utilization' }).click();
  await expect(page).toHaveURL(/credit-utilization$/);
});

test('Escape and a click outside close the profile menu', async ({ page }) => {
  await page.goto('/billing');
  await page.getByRole('button', { name: 'Profile' }).click();
  await expect(page.getByTestId('profile-menu')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('profile-menu')).toBeHidden();
  await page.getByRole('button', { name: 'Profile' }).click();
  await page.mouse.click(200, 600);
  await expect(page.getByTestId('profile-menu')).toBeHidden();
});

test('a panic shows a message and a reload button, not a dead page', async ({ page }) => {
  await page.goto(`/billing?${MOCK}&panic=1`);
  const crash = page.getByTestId('crash');
  await expect(crash).toContainText('Something went wrong');
  await expect(crash.getByRole('button', { name: 'Reload the page' })).toBeVisible();
});

for (const size of SIZES) {
  test(`screenshots of each page at ${size.name}`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const [name, path] of [
      ['billing', '/billing'],
      ['not-found', '/no-such-page'],
      ['gallery', '/gallery'],
    ]) {
      await page.goto(`${path}?${MOCK}`);
      await page.waitForLoadState('networkidle');
      await shot(page, `shell-${name}-${size.name}`);
    }
    await page.goto(`/billing?${MOCK}`);
    await page.getByRole('button', { name: 'Profile' }).click();
    await expect(page.getByTestId('profile-menu')).toBeVisible();
    await shot(page, `shell-profile-menu-${size.name}`);
  });
}
