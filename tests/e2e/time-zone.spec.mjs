// Issue 13 item 10: the time zone is said once, in the dashboard's header, and every time a
// user reads is in it (the account's): the figures' as-of time and the auto-recharge's last
// failure. A zone the browser does not know is said, and times fall back to UTC.
import { test, expect } from './fixtures.mjs';
import { useContractApi, example } from './contract-api.mjs';
import { DASHBOARD, MOCK } from './helpers.mjs';

/** The contract's API with the account in `zone` and the last recharge failure at `at`. */
async function inZone(page, zone, at = '2026-11-20T03:30:00Z') {
  await useContractApi(page, {
    '/account': (route) => {
      const a = example('/account');
      a.account.time_zone = zone;
      return route.fulfill({ json: a });
    },
    '/credits/auto-recharge': (route) => {
      const r = example('/credits/auto-recharge');
      r.last_failure.at = at;
      return route.fulfill({ json: r });
    },
  });
}

async function lastFailure(page) {
  await page.getByTestId('action-auto-recharge').click();
  // Newer ICU writes a narrow no-break space before AM/PM: compare with plain spaces.
  const text = (await page.getByTestId('auto-recharge-last-failure').innerText()).replace(/\s+/g, ' ');
  await page.keyboard.press('Escape');
  return text;
}

for (const [zone, header, asOf, failure] of [
  // 03:30 UTC on the 20th is still the 19th in New York, and midday in Tokyo.
  ['America/New_York', 'Time zone: Eastern Time (America/New_York)', 'Nov 27, 2026, 9:05 AM', 'Nov 19, 2026, 10:30 PM'],
  ['Asia/Tokyo', 'Time zone: Japan Standard Time (Asia/Tokyo)', 'Nov 27, 2026, 11:05 PM', 'Nov 20, 2026, 12:30 PM'],
]) {
  test(`an account in ${zone}: the header names the zone and every time is in it`, async ({ page }) => {
    await inZone(page, zone);
    await page.goto(DASHBOARD);
    await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('time-zone')).toHaveText(header);
    await expect(page.getByTestId('as-of')).toHaveText(`Figures as of ${asOf}`);
    expect(await lastFailure(page)).toContain(`Last recharge failed on ${failure}:`);
  });
}

test('a zone the browser does not know is said, and times are in UTC', async ({ page }) => {
  await inZone(page, 'Mars/Olympus_Mons');
  await page.goto(DASHBOARD);
  await expect(page.getByTestId('widget-balance')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('time-zone')).toHaveText('Time zone: UTC (\u201cMars/Olympus_Mons\u201d is not a time zone this browser knows)');
  await expect(page.getByTestId('as-of')).toContainText('Nov 27, 2026, 2:05 PM UTC');
  expect(await lastFailure(page)).toContain('Nov 20, 2026, 3:30 AM UTC');
});

test('mock mode names the demo account\'s zone', async ({ page }) => {
  await page.goto(`${DASHBOARD}?${MOCK}`);
  await expect(page.getByTestId('time-zone')).toHaveText(/^Time zone: .+ \([A-Za-z_]+\/[A-Za-z_]+\)$/);
});
