// Issue 13 item 8 (second half): a flow's row opens its actions. Clicking a flow's name in the
// Smart Flow report narrows the actions report to that flow (a removable chip), whose total is
// then the flow's credits; removing the chip shows every flow's actions again. Mock and HTTP.
import { test, expect } from './fixtures.mjs';
import { DASHBOARD, MOCK, SIZES, shot, value, watchErrors } from './helpers.mjs';
import { useContractApi, example } from './contract-api.mjs';

const total = (w) => value(w.locator('[data-testid=totals] [data-col=credits] [data-value]'));

test('a flow\'s name shows its actions: the chip names it, the total is the flow\'s credits', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${DASHBOARD}?${MOCK}`);
  const flows = page.getByTestId('widget-flows');
  const actions = page.getByTestId('widget-flow-actions');
  await expect(flows).toHaveAttribute('data-state', 'ready');
  await expect(actions).toHaveAttribute('data-state', 'ready');
  const all = await total(actions);
  await expect(actions.getByTestId('actions-flow-chip')).toHaveCount(0);

  for (const n of [0, 3]) {
    const row = flows.getByTestId('row').nth(n);
    const name = (await row.locator('[data-col=name]').innerText()).trim();
    const credits = await value(row.locator('[data-col=credits] [data-value]'));
    await row.getByRole('button', { name }).click();
    await expect(actions.getByTestId('actions-flow-chip')).toContainText(`Flow: ${name}`);
    await expect(actions).toHaveAttribute('data-state', 'ready');
    await expect.poll(() => total(actions)).toBeCloseTo(credits, 1);
    await expect(actions).toBeInViewport();
  }
  // The other reports are untouched; removing the chip shows every flow's actions.
  await actions.getByTestId('actions-flow-clear').click();
  await expect(actions.getByTestId('actions-flow-chip')).toHaveCount(0);
  await expect.poll(() => total(actions)).toBe(all);
  errors.expectNone();
});

test('the chosen flow is in the URL: a pasted link opens its actions, Back undoes it', async ({ page, context }) => {
  await page.goto(`${DASHBOARD}?${MOCK}`);
  const flows = page.getByTestId('widget-flows');
  const actions = page.getByTestId('widget-flow-actions');
  await expect(flows).toHaveAttribute('data-state', 'ready');
  const row = flows.getByTestId('row').nth(2);
  const name = (await row.locator('[data-col=name]').innerText()).trim();
  await row.getByRole('button', { name }).click();
  await expect(actions.getByTestId('actions-flow-chip')).toContainText(`Flow: ${name}`);
  await expect(page).toHaveURL(/w\.actions=flow%3A/);
  await expect(actions).toHaveAttribute('data-state', 'ready');
  const narrowed = await total(actions);
  // A new page from the link: the same flow, the same figures.
  const other = await context.newPage();
  await other.goto(page.url());
  const again = other.getByTestId('widget-flow-actions');
  await expect(again.getByTestId('actions-flow-chip')).toContainText(`Flow: ${name}`);
  await expect(again).toHaveAttribute('data-state', 'ready');
  await expect.poll(() => total(again)).toBe(narrowed);
  await other.close();
  // Back: every flow's actions again, and the URL without the flow.
  await page.goBack();
  await expect(actions.getByTestId('actions-flow-chip')).toHaveCount(0);
  await expect(page).not.toHaveURL(/flow%3A/);
  await page.goForward();
  await expect(actions.getByTestId('actions-flow-chip')).toContainText(`Flow: ${name}`);
  // Removing the chip is a step of its own too: Back brings the flow back.
  await actions.getByTestId('actions-flow-clear').click();
  await expect(page).not.toHaveURL(/flow%3A/);
  await page.goBack();
  await expect(actions.getByTestId('actions-flow-chip')).toContainText(`Flow: ${name}`);
});

test('keyboard: a flow\'s name is a button reached with Tab and opened with Enter', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}`);
  const flows = page.getByTestId('widget-flows');
  await expect(flows).toHaveAttribute('data-state', 'ready');
  const button = flows.getByTestId('row').first().locator('[data-col=name] button');
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('widget-flow-actions').getByTestId('actions-flow-chip')).toBeVisible();
  await page.getByTestId('actions-flow-clear').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('actions-flow-chip')).toHaveCount(0);
});

test('HTTP mode: the actions report asks for the flow by its id', async ({ page }) => {
  const seen = await useContractApi(page);
  await page.goto(DASHBOARD);
  const flows = page.getByTestId('widget-flows');
  await expect(flows).toHaveAttribute('data-state', 'ready');
  const flow = example('/credits/usage/flows').rows[0];
  await flows.getByRole('button', { name: flow.name }).click();
  await expect(page.getByTestId('actions-flow-chip')).toContainText(flow.name);
  const asked = () => seen.filter((r) => r.path === '/credits/usage/flow-actions').map((r) => r.query.get('flow_id'));
  await expect.poll(asked).toContain(flow.flow_id);
  // Only the actions report asked with it.
  expect(seen.filter((r) => r.path !== '/credits/usage/flow-actions' && r.query.get('flow_id'))).toEqual([]);
  await expect(page.getByTestId('widget-flow-actions')).toHaveAttribute('data-state', 'ready');
});

for (const size of SIZES) {
  test(`screenshot of a flow's actions at ${size.name}`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto(`${DASHBOARD}?${MOCK}`);
    const flows = page.getByTestId('widget-flows');
    await expect(flows).toHaveAttribute('data-state', 'ready');
    await flows.getByTestId('row').first().locator('[data-col=name] button').click();
    await expect(page.getByTestId('actions-flow-chip')).toBeVisible();
    await shot(page, `flow-actions-${size.name}`);
  });
}
