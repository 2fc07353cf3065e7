#!/usr/bin/env node
// What a first visit to the dashboard transfers: every file dist/index.html names (the wasm,
// its JS glue, the CSS, the icon, the preloaded ECharts bundle) plus the page itself and
// config.json (the product's visit, with an API configured); then what the demo adds (its
// worker's loader, glue and wasm), each raw, gzip -9 and brotli (the .br/.gz copies scripts/compress.mjs wrote, or
// made here when a build has none). Then the budgets of perf-budget.json: exit 1 when one is
// over. A size is deterministic, unlike a timing, so this is a test (scripts/test.sh runs it).
//
//   node scripts/sizes.mjs [dist]      (scripts/sizes.sh is the same)
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = resolve(process.argv[2] ?? 'dist');
const budget = JSON.parse(readFileSync(resolve(dist, '..', 'perf-budget.json'), 'utf8'));
const html = readFileSync(join(dist, 'index.html'), 'utf8');

const names = new Set(['index.html', 'config.json']);
for (const m of html.matchAll(/\b(?:href|src)\s*=\s*"\/([^"?#]+)"/g)) names.add(m[1]);

function sized(name) {
  const path = join(dist, name);
  const raw = readFileSync(path);
  const copy = (ext, make) => (existsSync(path + ext) ? readFileSync(path + ext).length : make().length);
  return {
    name,
    raw: raw.length,
    gzip: copy('.gz', () => gzipSync(raw, { level: 9 })),
    brotli: copy('.br', () => brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })),
  };
}

const rows = [...names].filter((n) => existsSync(join(dist, n))).map(sized).sort((a, b) => b.brotli - a.brotli);
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const kb = (n) => (n / 1024).toFixed(1).padStart(9);
console.log(`${'first visit: file'.padEnd(46)} ${'raw KB'.padStart(9)} ${'gzip KB'.padStart(9)} ${'brotli KB'.padStart(9)}`);
for (const r of rows) console.log(`${r.name.padEnd(46)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
console.log(`${`total (${rows.length} files)`.padEnd(46)} ${kb(total.raw)} ${kb(total.gzip)} ${kb(total.brotli)}`);

// The demo's first visit: the same page, plus the demo's worker, which the page's boot script
// starts only in demo mode (index.html: its loader's name is in the script, not in an href).
const boot = html.match(/"\/(demo-worker-boot-[0-9a-f]+\.js)"/)?.[1];
if (!boot) {
  console.error("sizes.mjs: index.html names no demo worker (the boot script's __DEMO_WORKER__ not filled in?)");
  process.exit(1);
}
const workerNames = [boot, ...readFileSync(join(dist, boot), 'utf8').matchAll(/"\.\/([^"]+)"/g)].map((m) => (typeof m === 'string' ? m : m[1]));
const workerRows = workerNames.map(sized).sort((a, b) => b.brotli - a.brotli);
const demo = workerRows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), total);
console.log(`\n${"demo mode adds: the demo's worker".padEnd(46)} ${'raw KB'.padStart(9)} ${'gzip KB'.padStart(9)} ${'brotli KB'.padStart(9)}`);
for (const r of workerRows) console.log(`${r.name.padEnd(46)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
console.log(`${`demo first visit (${rows.length + workerRows.length} files)`.padEnd(46)} ${kb(demo.raw)} ${kb(demo.gzip)} ${kb(demo.brotli)}`);

const find = (re) => rows.find((r) => re.test(r.name));
const checks = [
  ['first visit, brotli', total.brotli, budget.first_visit_brotli_bytes],
  ['ECharts bundle, gzip', find(/^echarts-[0-9a-f]+\.js$/)?.gzip ?? Infinity, budget.echarts_gzip_bytes],
  ['app wasm, gzip', find(/\.wasm$/)?.gzip ?? Infinity, budget.wasm_gzip_bytes],
  ['demo first visit, br', demo.brotli, budget.demo_first_visit_brotli_bytes],
  ['worker wasm, gzip', workerRows.find((r) => /\.wasm$/.test(r.name))?.gzip ?? Infinity, budget.worker_wasm_gzip_bytes],
];
let over = 0;
console.log('\nbudgets (perf-budget.json):');
for (const [what, size, limit] of checks) {
  const ok = size <= limit;
  if (!ok) over += 1;
  console.log(`  ${ok ? 'ok  ' : 'OVER'} ${what.padEnd(22)} ${kb(size)} KB of ${kb(limit).trim()} KB`);
}
if (over) {
  console.error(`sizes.mjs: ${over} budget(s) over: shrink what grew, or raise perf-budget.json on purpose`);
  process.exit(1);
}
