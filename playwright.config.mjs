// End-to-end tests against the release build in dist/, served on 127.0.0.1 by a tiny static
// server with the SPA fallback a production host has, and by the reference usage API.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);
const apiPort = Number(process.env.E2E_API_PORT ?? 4180);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'tests/e2e/results',
  // Visual baselines live in git, one file per name (CI runs on this same kind of machine).
  // Update them on purpose with `npm run test:update-baselines`.
  snapshotPathTemplate: 'tests/e2e/baselines/{arg}{ext}',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // The list for the terminal; the HTML report (tests/e2e/report, `npx playwright show-report
  // tests/e2e/report`) shows a failed visual test's expected, actual and diff side by side.
  reporter: [['list'], ['html', { outputFolder: 'tests/e2e/report', open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: `node scripts/serve-dist.mjs dist ${port}`,
      url: `http://127.0.0.1:${port}/config.json`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    // The reference usage API over the same build (tests/e2e/reference-api.spec.mjs): the demo
    // account of seed 42 on the day the tests pin, its clock started at their pinned moment.
    // scripts/test.sh builds it first; run alone, cargo builds it here (a few minutes, once).
    {
      command: `cargo run --locked --quiet -p api-server -- --dist dist --port ${apiPort} --seed 42 --today 2026-11-27 --now 2026-11-27T14:05:00Z`,
      url: `http://127.0.0.1:${apiPort}/config.json`,
      reuseExistingServer: !process.env.CI,
      timeout: 600_000,
    },
  ],
});
