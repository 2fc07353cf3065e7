// End-to-end tests against the release build in dist/, served on 127.0.0.1 by a tiny static
// server with the SPA fallback a production host has.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);

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
  webServer: {
    command: `node scripts/serve-dist.mjs dist ${port}`,
    url: `http://127.0.0.1:${port}/config.json`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
