// HTTP mode: Playwright answers the usage API with the contract's own examples
// (docs/openapi.json), and with each kind of failure.
import { test, expect } from './fixtures.mjs';
import { useContractApi, example } from './contract-api.mjs';

test('the app shows what the API answers, with no demo badge', async ({ page }) => {
  const seen = await useContractApi(page);
  await page.goto('/billing');
  await expect(page.getByTestId('plan-name')).toHaveText('Growth');
  await expect(page.getByTestId('included-credits')).toHaveAttribute('data-value', '50000');
  await expect(page.getByTestId('billing-balance')).toContainText('41,234.56');
  await expect(page.getByTestId('billing-balance')).toContainText('13,765.44');
  await expect(page.getByTestId('demo-badge')).toHaveCount(0);
  await page.getByRole('button', { name: 'Profile' }).click();
  await expect(page.getByTestId('profile-menu')).toContainText('Zara García');
  expect(seen.map((s) => s.path)).toEqual(expect.arrayContaining(['/account', '/credits/balance']));
});

const failures = [
  ['unauthorized', (r) => r.fulfill({ status: 401, json: { error: { code: 'unauthorized', message: 'x' } } }), /session has ended/],
  ['forbidden', (r) => r.fulfill({ status: 403, json: { error: { code: 'forbidden', message: 'x' } } }), /don't have permission/],
  ['not_found', (r) => r.fulfill({ status: 404, body: 'nope' }), /does not know \/account/],
  ['rate_limited', (r) => r.fulfill({ status: 429, headers: { 'Retry-After': '30' }, json: { error: { code: 'rate_limited', message: 'x' } } }), /Try again in 30 s/],
  ['server', (r) => r.fulfill({ status: 500, json: { error: { code: 'internal', message: 'database unavailable' } } }), /failed \(500\): database unavailable/],
  ['rejected', (r) => r.fulfill({ status: 422, json: { error: { code: 'invalid_parameter', message: 'The account is closed.' } } }), /The account is closed\./],
  ['network', (r) => r.abort('connectionrefused'), /Could not reach the usage service/],
  ['timeout', async (r) => { await new Promise((ok) => setTimeout(ok, 2500)); await r.fulfill({ json: example('/account') }).catch(() => {}); }, /did not answer within 1 s/],
  ['malformed', (r) => { const a = example('/account'); a.plan.included_credits = 'lots'; return r.fulfill({ json: a }); }, /\/account.*plan\.included_credits/],
];

for (const [kind, answer, message] of failures) {
  test(`a ${kind} failure shows its typed message and Retry works`, async ({ page }) => {
    let calls = 0;
    await useContractApi(
      page,
      {
        '/account': (route) => {
          calls += 1;
          return calls === 1 ? answer(route) : route.fulfill({ json: example('/account') });
        },
      },
      kind === 'timeout' ? { request_timeout_ms: 1000 } : {},
    );
    await page.goto('/billing');
    const card = page.getByTestId('plan-card');
    const error = card.getByTestId('error');
    await expect(error).toHaveAttribute('data-error-kind', kind);
    await expect(error).toContainText(message);
    // The rest of the page still works.
    await expect(page.getByTestId('billing-balance')).toContainText('41,234.56');
    if (kind === 'unauthorized' || kind === 'forbidden') {
      // Retrying cannot help (DESIGN.md section 7): signing in again, or an admin, can.
      await expect(error.getByRole('button', { name: 'Retry' })).toHaveCount(0);
      if (kind === 'forbidden') return;
      await expect(page.getByTestId('session-ended')).toBeVisible();
      await page.getByTestId('session-ended').getByRole('button', { name: 'Reload' }).click();
    } else {
      await error.getByRole('button', { name: 'Retry' }).click();
    }
    await expect(page.getByTestId('plan-name')).toHaveText('Growth');
  });
}

test('a stop day from the API shows beside its status; null or absent shows none; a bad one is a typed error', async ({ page }) => {
  const pilots = (mutate) => (route) => { const a = example('/credits/usage/ai-pilots'); mutate(a); return route.fulfill({ json: a }); };
  await useContractApi(page);
  await page.goto('/billing/credit-utilization');
  const widget = page.getByTestId('widget-ai-pilots');
  await expect(widget).toHaveAttribute('data-state', 'ready');
  const since = widget.locator('[data-since]');
  await expect(since).toHaveCount(1);
  await expect(since).toHaveAttribute('data-since', '2026-11-09');
  await expect(since).toHaveText(/^since /);

  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await useContractApi(page, { '/credits/usage/ai-pilots': pilots((a) => { a.rows[1].stopped_on = null; }) });
  await page.reload();
  await expect(widget).toHaveAttribute('data-state', 'ready');
  await expect(widget.locator('[data-since]')).toHaveCount(0);

  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await useContractApi(page, { '/credits/usage/ai-pilots': pilots((a) => { a.rows[1].stopped_on = 'last Tuesday'; }) });
  await page.reload();
  await expect(widget).toHaveAttribute('data-state', 'error');
  await expect(widget.getByTestId('error')).toHaveAttribute('data-error-kind', 'malformed');
  await expect(widget.getByTestId('error')).toContainText('stopped_on');
  // The other widgets are not blanked by one bad field.
  await expect(page.getByTestId('widget-flows')).toHaveAttribute('data-state', 'ready');
});
