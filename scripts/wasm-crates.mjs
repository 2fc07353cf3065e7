#!/usr/bin/env node
// Where the wasm's code goes, by crate: runs `twiggy top` over every item of the unoptimised
// module that cargo writes (names intact) and adds the sizes up by the first crate an item's
// name mentions (`<charming::Chart as serde_core::ser::Serialize>::serialize` counts for
// charming). Sections without code (names, wasm-bindgen's description, data) are listed apart.
//
//   node scripts/wasm-crates.mjs [module.wasm] [rows]
//     (default: target/wasm32-unknown-unknown/release/credit-dash.wasm, 25 rows)
//
// Needs twiggy (`cargo install twiggy --version 0.8.0 --locked`); the release build must have
// run (`trunk build --release`).
import { execFileSync } from 'node:child_process';

const file = process.argv[2] ?? 'target/wasm32-unknown-unknown/release/credit-dash.wasm';
const rows = Number(process.argv[3] ?? 25);
const csv = execFileSync('twiggy', ['top', '--format', 'csv', file], { maxBuffer: 1 << 30 }).toString();

const lines = csv.trim().split('\n').slice(1);
const byCrate = new Map();
const sections = [];
let code = 0;
for (const line of lines) {
  // Name,ShallowSize,ShallowSizePercent (names may hold commas, inside quotes)
  const m = /^("(?:[^"]|"")*"|[^,]*),(\d+),/.exec(line);
  if (!m) continue;
  const name = m[1].replace(/^"|"$/g, '').replaceAll('""', '"');
  const size = Number(m[2]);
  if (/subsection|custom section|data segment|^table\[|^memory\[|^type\[|^elem\[|^global\[|^import |^export |^code\[|^wasm magic/.test(name)) {
    sections.push([name, size]);
    continue;
  }
  code += size;
  const crate = /([A-Za-z_][A-Za-z0-9_]*)::/.exec(name)?.[1] ?? '(unnamed)';
  byCrate.set(crate, (byCrate.get(crate) ?? 0) + size);
}
const kb = (n) => (n / 1024).toFixed(1).padStart(8);
console.log(`${file}: ${kb(code)} KB of functions, by crate`);
console.log(`${'crate'.padEnd(28)} ${'KB'.padStart(8)} ${'share'.padStart(6)}`);
for (const [crate, size] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
  console.log(`${crate.padEnd(28)} ${kb(size)} ${((100 * size) / code).toFixed(1).padStart(5)}%`);
}
console.log('\nnot code:');
for (const [name, size] of sections.sort((a, b) => b[1] - a[1]).slice(0, 6)) {
  console.log(`${name.slice(0, 40).padEnd(40)} ${kb(size)} KB`);
}
