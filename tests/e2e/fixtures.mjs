// Every e2e test runs with the browser's clock pinned, so no test depends on the day it runs.
//
// In HTTP mode the app's "today" is the browser's clock in the account's zone, and in demo mode
// without `today=` the account is generated up to that day: a test that let the real clock in
// would pass in one month and fail in the next. Every spec takes `test` from here, not from
// '@playwright/test' (tests/e2e/pinned-time.spec.mjs checks that), and every context starts at
// `PINNED_NOW` unless a test names its own moment with `test.use({ now: ... })`. Time then runs
// on from there at its real pace (timers, latency and countdowns behave as they would).
import { test as base, expect } from '@playwright/test';

/**
 * The moment tests run at: the contract examples' `as_of` (docs/openapi.json), 9:05 AM on
 * Nov 27, 2026 in the examples' account zone (America/New_York), the same day as the demo's
 * `today=2026-11-27` of `MOCK`.
 */
export const PINNED_NOW = '2026-11-27T14:05:00Z';

/** Starts `context`'s clock at `now` (for contexts a test makes itself with `browser.newContext`). */
export async function pinClock(context, now = PINNED_NOW) {
  await context.clock.install({ time: now });
  return context;
}

/**
 * The calendar date `offsetDays` after the pinned moment in `timeZone`, as `YYYY-MM-DD`: the
 * app's "today" over HTTP, computed without reading this machine's clock.
 */
export function pinnedDay(timeZone = 'America/New_York', offsetDays = 0, now = PINNED_NOW) {
  const at = new Date(Date.parse(now) + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export const test = base.extend({
  /**
   * The moment the browser's clock starts at. `null` leaves the browser its own clock: only for
   * a test that pins its day through the demo's `today=` and reads the browser's own
   * `performance` timeline (resource timings, a new document's time origin), which the pinned
   * clock replaces. pinned-time.spec.mjs checks that such a file pins `today=`.
   */
  now: [PINNED_NOW, { option: true }],
  context: async ({ context, now }, use) => {
    if (now !== null) await pinClock(context, now);
    await use(context);
  },
});

export { expect };
