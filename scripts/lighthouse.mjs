// Lighthouse 12.2.3 (from npm, run with npx; 13.x needs Node 22) on a served release build:
// the dashboard and the gallery with the desktop preset, the dashboard with the mobile one
// (slow 4G, 4x slower CPU). Prints the median run of three by performance score, with its
// accessibility score and the metrics behind it; the reports are kept in target/lighthouse/.
// Usage: node scripts/lighthouse.mjs [base-url]   (serve dist/ first: node scripts/serve-dist.mjs dist 4173)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:4173';
const RUNS = 3;
const out = 'target/lighthouse';
mkdirSync(out, { recursive: true });
const pages = [
  ['dashboard', 'desktop', '/billing/credit-utilization'],
  ['gallery', 'desktop', '/gallery'],
  ['dashboard', 'mobile', '/billing/credit-utilization'],
];
const ms = (a) => `${Math.round(a.numericValue)} ms`;
for (const [name, form, path] of pages) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const file = `${out}/${name}-${form}-${i}.json`;
    execFileSync('npx', [
      '--yes', 'lighthouse@12.2.3', `${base}${path}`,
      ...(form === 'desktop' ? ['--preset=desktop'] : []),
      '--only-categories=performance,accessibility',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
      '--output=json', `--output-path=${file}`, '--quiet',
    ], { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' }, stdio: 'inherit' });
    runs.push(JSON.parse(readFileSync(file, 'utf8')));
  }
  runs.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
  const r = runs[Math.floor(RUNS / 2)];
  const a = r.audits;
  const scores = runs.map((x) => Math.round(x.categories.performance.score * 100)).join('/');
  console.log(`${name} (${form}): performance ${Math.round(r.categories.performance.score * 100)} (runs ${scores}), accessibility ${Math.round(r.categories.accessibility.score * 100)}; ` +
    `FCP ${ms(a['first-contentful-paint'])}, LCP ${ms(a['largest-contentful-paint'])}, TBT ${ms(a['total-blocking-time'])}, ` +
    `CLS ${a['cumulative-layout-shift'].numericValue.toFixed(3)}, speed index ${ms(a['speed-index'])}`);
}
