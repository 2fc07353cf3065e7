// Accessibility audits with axe-core (WCAG 2.1 A and AA rules) on every product route, light and
// dark, with each dialog open and the demo switcher open: zero violations. The gallery's cards
// are audited one by one by the gallery's own checks (issue 14).
import { test, expect } from './fixtures.mjs';
import AxeBuilder from '@axe-core/playwright';
import { DASHBOARD, MOCK } from './helpers.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const WIDGETS = ['widget-balance', 'widget-used-summary', 'widget-usage-chart', 'widget-copilot-users', 'widget-flows', 'widget-flow-actions', 'widget-ai-pilots'];

/** Violations as "rule: target (why)", one line each, so a failure names what to fix. */
async function violations(page, include) {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (include) builder = builder.include(include);
  const { violations: found } = await builder.analyze();
  return found.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${n.failureSummary.split('\n')[1]?.trim() ?? v.help})`));
}

async function dashboardReady(page) {
  for (const id of WIDGETS) await expect(page.getByTestId(id)).toHaveAttribute('data-state', /ready|empty/);
}

for (const scheme of ['light', 'dark']) {
  test.describe(`${scheme}`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    });

    test(`the dashboard has no violations (${scheme})`, async ({ page }) => {
      await page.goto(`${DASHBOARD}?${MOCK}`);
      await dashboardReady(page);
      expect(await violations(page)).toEqual([]);
    });

    test(`a drill-down's chip and marked chart have no violations (${scheme})`, async ({ page }) => {
      await page.goto(`${DASHBOARD}?${MOCK}&from=2026-11-01&to=2026-11-27&drill=2026-11-24..2026-11-24`);
      await dashboardReady(page);
      await expect(page.getByTestId('drill-chip')).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    test(`values shown, a report grouped, a flow's actions and a widget's filters open have no violations (${scheme})`, async ({ page }) => {
      await page.addInitScript(() => localStorage.setItem('credit-dash:show-money', '1'));
      await page.goto(`${DASHBOARD}?${MOCK}&w.copilot=group:team`);
      await dashboardReady(page);
      await expect(page.getByTestId('used-total')).toHaveAttribute('data-money', /\d/);
      await expect(page.getByTestId('group-row').first()).toBeVisible();
      await page.getByTestId('widget-flows').getByTestId('row').first().locator('[data-col=name] button').click();
      await expect(page.getByTestId('actions-flow-chip')).toBeVisible();
      const w = page.getByTestId('widget-ai-pilots');
      await w.getByTestId('widget-filters-toggle').click();
      await w.getByTestId('widget-date-preset').selectOption('last_7_days');
      await expect(w.getByTestId('widget-filters-chip')).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    test(`the team and user pickers have no violations when open (${scheme})`, async ({ page }) => {
      await page.goto(`${DASHBOARD}?${MOCK}`);
      await dashboardReady(page);
      for (const picker of ['filter-teams', 'filter-users']) {
        await page.getByTestId(picker).click();
        await expect(page.locator('.multi-list').first()).toBeVisible();
        expect(await violations(page, '.filter-bar')).toEqual([]);
        await page.keyboard.press('Escape');
      }
    });

    test(`the chart as a table and under the keyboard has no violations (${scheme})`, async ({ page }) => {
      await page.goto(`${DASHBOARD}?${MOCK}`);
      await dashboardReady(page);
      const w = page.getByTestId('widget-usage-chart');
      await w.getByTestId('chart').focus();
      await page.keyboard.press('End');
      await expect(w.getByTestId('chart-focus')).not.toBeEmpty();
      expect(await violations(page, '[data-testid=widget-usage-chart]')).toEqual([]);
      await w.getByTestId('chart-as-table').click();
      await expect(w.getByTestId('chart-table')).toBeVisible();
      expect(await violations(page, '[data-testid=widget-usage-chart]')).toEqual([]);
    });

    for (const dialog of ['purchase', 'auto-recharge', 'recalculate', 'alerts']) {
      test(`the ${dialog} dialog has no violations (${scheme})`, async ({ page }) => {
        await page.goto(`${DASHBOARD}?${MOCK}`);
        await dashboardReady(page);
        await page.getByTestId(`action-${dialog}`).click();
        const d = page.getByTestId(`dialog-${dialog}`);
        await expect(d).toBeVisible();
        expect(await violations(page, `[data-testid=dialog-${dialog}]`)).toEqual([]);
      });
    }

    test(`billing, the profile menu and the demo switcher have no violations (${scheme})`, async ({ page }) => {
      await page.goto(`/billing?${MOCK}`);
      await expect(page.getByTestId('plan-name')).toBeVisible();
      expect(await violations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Profile' }).click();
      await expect(page.getByTestId('profile-menu')).toBeVisible();
      expect(await violations(page, '[data-testid=profile-menu]')).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByTestId('demo-badge').click();
      await expect(page.getByTestId('demo-panel')).toBeVisible();
      expect(await violations(page, '[data-testid=demo-panel]')).toEqual([]);
    });

    test(`the history, with a failed recharge and fired alerts, has no violations (${scheme})`, async ({ page }) => {
      await page.goto(`/billing/history?mock=low-balance&today=2026-11-27&latency=0`);
      await expect(page.getByTestId('history-row').first()).toBeVisible();
      await expect(page.locator('[data-testid=history-row][data-status=failed]')).toHaveCount(1);
      expect(await violations(page)).toEqual([]);
      await page.goto(`${DASHBOARD}?mock=low-balance&today=2026-11-27&latency=0`);
      await dashboardReady(page);
      await expect(page.getByTestId('alerts-fired')).toBeVisible();
      await page.getByTestId('action-alerts').click();
      await page.getByTestId('alert-recipients').fill('not-an-email');
      await page.getByTestId('alerts-save').click();
      await expect(page.getByTestId('alerts-error')).toBeVisible();
      expect(await violations(page, '[data-testid=dialog-alerts]')).toEqual([]);
    });

    test(`the not-found page has no violations (${scheme})`, async ({ page }) => {
      await page.goto(`/no-such-page?${MOCK}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });
  });
}
