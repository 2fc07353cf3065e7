// Issue 13 item 4: usage alerts. The Alerts dialog saves shares of the cycle's credits, a
// balance threshold and recipients (admins' emails, validated), survives a reload, refuses bad
// input with a message and keeps it on a failed save; the dashboard says which alerts fired this
// cycle. Mock mode and HTTP mode (the contract's example, a 422, an HTML error page).
import { test, expect } from './fixtures.mjs';
import { DASHBOARD, MOCK, SIZES, shot, watchErrors } from './helpers.mjs';
import { useContractApi, example } from './contract-api.mjs';

const LOW = 'mock=low-balance&today=2026-11-27&latency=0';

async function open(page) {
  await page.getByTestId('action-alerts').click();
  const d = page.getByTestId('dialog-alerts');
  await expect(d.getByTestId('alerts-save')).toBeVisible();
  return d;
}

/** The admins the dialog's hint names. */
async function admins(d) {
  const hint = await d.getByTestId('alert-recipients-hint').innerText();
  return [...hint.matchAll(/[\w.+-]+@[\w.-]+\.\w+/g)].map((m) => m[0]);
}

test('alerts save, survive a reload, and what fired this cycle is said on the dashboard', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${DASHBOARD}?${LOW}`);
  // About 96% of this cycle's credits are used: the default 75% and 90% alerts fired.
  const fired = page.getByTestId('alerts-fired');
  await expect(fired).toHaveAttribute('data-count', '2');
  await expect(fired).toContainText('75% used (Nov ');
  await expect(fired).toContainText('90% used (Nov ');
  let d = await open(page);
  await expect(d.getByTestId('alert-pct-75')).toBeChecked();
  await expect(d.getByTestId('alert-pct-90')).toBeChecked();
  await expect(d.getByTestId('alert-pct-100')).not.toBeChecked();
  const [first, second] = await admins(d);
  await expect(d.getByTestId('alert-recipients')).toHaveValue(first);
  await d.getByTestId('alert-pct-50').check();
  await d.getByTestId('alert-pct-100').check();
  // Above the remaining credits, so it has fired too.
  await d.getByTestId('alert-balance-below').fill('1,000,000');
  await d.getByTestId('alert-recipients').fill(`${first}, ${second}`);
  await d.getByTestId('alerts-save').click();
  await expect(d).toBeHidden();
  await expect(page.getByTestId('alerts-saved')).toBeVisible();
  await expect(fired).toHaveAttribute('data-count', '4');
  await expect(fired).toContainText('balance under 1,000,000');
  await expect(fired).not.toContainText('100%');
  await page.reload();
  await expect(fired).toHaveAttribute('data-count', '4');
  d = await open(page);
  for (const p of [50, 75, 90, 100]) await expect(d.getByTestId(`alert-pct-${p}`)).toBeChecked();
  await expect(d.getByTestId('alert-balance-below')).toHaveValue('1000000');
  await expect(d.getByTestId('alert-recipients')).toHaveValue(`${first}, ${second}`);
  await expect(d.getByTestId('alerts-fired-list').locator('li')).toHaveCount(4);
  // The line's own button opens the dialog too.
  await page.keyboard.press('Escape');
  await fired.getByRole('button', { name: 'Alert settings' }).click();
  await expect(page.getByTestId('dialog-alerts')).toBeVisible();
  errors.expectNone();
});

test('bad emails and thresholds are refused with a message, and the input is kept', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}`);
  const d = await open(page);
  const [admin] = await admins(d);
  const cases = [
    ['alert-recipients', 'someone@', /not an email address/],
    ['alert-recipients', 'kim example.com', /not an email address/],
    ['alert-recipients', 'nobody@elsewhere.com', /not an admin of this account/],
    ['alert-recipients', '', /at least one recipient/],
  ];
  for (const [field, input, message] of cases) {
    await d.getByTestId(field).fill(input);
    await d.getByTestId('alerts-save').click();
    await expect(d.getByTestId('alerts-error')).toContainText(message);
    await expect(d.getByTestId(field)).toHaveValue(input);
    await expect(d.getByTestId('alert-recipients')).toHaveAttribute('aria-invalid', 'true');
    await expect(d).toBeVisible();
  }
  await d.getByTestId('alert-recipients').fill(admin);
  for (const [input, message] of [['-5', /negative/], ['0', /more than zero/], ['12.5', /whole number/], ['1,5', /whole number/], ['lots', /whole number/]]) {
    await d.getByTestId('alert-balance-below').fill(input);
    await d.getByTestId('alerts-save').click();
    await expect(d.getByTestId('alerts-error')).toContainText(message);
    await expect(d.getByTestId('alert-balance-below')).toHaveValue(input);
    // The message is tied to the field it is about.
    await expect(d.getByTestId('alert-balance-below')).toHaveAttribute('aria-invalid', 'true');
    await expect(d.getByTestId('alert-recipients')).toHaveAttribute('aria-invalid', 'false');
  }
  await d.getByTestId('alert-balance-below').fill('');
  await expect(d.getByTestId('alerts-error')).toHaveCount(0);
  await expect(page.getByTestId('alerts-saved')).toHaveCount(0);
});

test('a failed save keeps everything typed and says why', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}&fail=alerts-save`);
  const d = await open(page);
  const [admin] = await admins(d);
  await d.getByTestId('alert-pct-50').check();
  await d.getByTestId('alert-balance-below').fill('2500');
  await d.getByTestId('alert-recipients').fill(admin);
  await d.getByTestId('alerts-save').click();
  await expect(d.getByTestId('alerts-failure')).toContainText('The alerts were not saved');
  await expect(d).toBeVisible();
  await expect(d.getByTestId('alert-pct-50')).toBeChecked();
  await expect(d.getByTestId('alert-balance-below')).toHaveValue('2500');
  // Closed and opened again, the typed rule is still there to retry.
  await page.keyboard.press('Escape');
  await page.getByTestId('action-alerts').click();
  await expect(d.getByTestId('alert-balance-below')).toHaveValue('2500');
  await expect(page.getByTestId('alerts-saved')).toHaveCount(0);
});

test.describe('HTTP mode', () => {
  test("the contract's example: what fired, the saved rule, and the PUT's body", async ({ page }) => {
    const errors = watchErrors(page);
    const puts = [];
    await useContractApi(page, {
      '/credits/alerts': async (route) => {
        if (route.request().method() === 'PUT') {
          const body = route.request().postDataJSON();
          puts.push({ body, headers: route.request().headers() });
          return route.fulfill({ json: { ...body, fired: example('/credits/alerts').fired } });
        }
        return route.fulfill({ json: example('/credits/alerts') });
      },
    });
    await page.goto(`${DASHBOARD}`);
    const fired = page.getByTestId('alerts-fired');
    await expect(fired).toHaveAttribute('data-count', '1');
    await expect(fired).toContainText('75% used (Nov 24)');
    const d = await open(page);
    // 16:20 UTC in the account's America/New_York.
    await expect(d.getByTestId('alerts-fired-list')).toContainText("75% of the cycle's credits used — Nov 24, 2026, 11:20");
    await expect(d.getByTestId('alert-balance-below')).toHaveValue('5000');
    await expect(d.getByTestId('alert-recipients')).toHaveValue('zara.garcia@example.com');
    // The directory says Kwame is a member: alerts go to admins only.
    await d.getByTestId('alert-recipients').fill('zara.garcia@example.com, kwame.mensah@example.com');
    await d.getByTestId('alerts-save').click();
    await expect(d.getByTestId('alerts-error')).toContainText('kwame.mensah@example.com is not an admin');
    expect(puts).toEqual([]);
    await d.getByTestId('alert-recipients').fill('zara.garcia@example.com');
    await d.getByTestId('alert-pct-100').check();
    await d.getByTestId('alert-balance-below').fill('');
    await d.getByTestId('alerts-save').click();
    await expect(d).toBeHidden();
    expect(puts.length).toBe(1);
    expect(puts[0].body).toEqual({ used_pct: [75, 90, 100], balance_below: null, recipients: ['zara.garcia@example.com'] });
    expect(puts[0].headers['x-requested-with']).toBe('credit-dash');
    errors.expectNone();
  });

  test("the server's refusal and an HTML error page keep the input; unknown fired kinds show as sent", async ({ page }) => {
    let answer = 'refuse';
    await useContractApi(page, {
      '/credits/alerts': async (route) => {
        if (route.request().method() === 'GET') {
          const body = example('/credits/alerts');
          body.fired.push({ kind: 'forecast_runout', value: 3, at: '2026-11-25T12:00:00Z' });
          return route.fulfill({ json: body });
        }
        if (answer === 'refuse') {
          return route.fulfill({ status: 422, json: { error: { code: 'invalid_alerts', message: 'Recipients must have verified emails.' } } });
        }
        return route.fulfill({ status: 500, contentType: 'text/html', body: '<html><body>Internal Server Error</body></html>' });
      },
    });
    await page.goto(`${DASHBOARD}`);
    await expect(page.getByTestId('alerts-fired')).toContainText('forecast_runout (3)');
    const d = await open(page);
    await d.getByTestId('alert-pct-50').check();
    await d.getByTestId('alert-balance-below').fill('777');
    await d.getByTestId('alerts-save').click();
    await expect(d.getByTestId('alerts-failure')).toContainText('Recipients must have verified emails.');
    await expect(d.getByTestId('alert-balance-below')).toHaveValue('777');
    answer = 'crash';
    await d.getByTestId('alerts-save').click();
    await expect(d.getByTestId('alerts-failure')).toHaveAttribute('data-error-kind', /server|malformed/);
    await expect(d.getByTestId('alert-pct-50')).toBeChecked();
    await expect(d.getByTestId('alert-balance-below')).toHaveValue('777');
  });
});

for (const size of SIZES) {
  for (const scheme of ['light', 'dark']) {
    test(`alerts screenshot ${size.name} ${scheme}`, async ({ page }) => {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${DASHBOARD}?${LOW}`);
      await expect(page.getByTestId('alerts-fired')).toBeVisible();
      await shot(page, `alerts-fired-${size.name}-${scheme}`);
      await open(page);
      await page.getByTestId('dialog-alerts').screenshot({ path: `screenshots/alerts-dialog-${size.name}-${scheme}.png` });
    });
  }
}
