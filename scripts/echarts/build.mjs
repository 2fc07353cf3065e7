#!/usr/bin/env node
// Builds the app's own ECharts from the `echarts` npm package: scripts/echarts/entry.mjs names
// the parts the usage chart draws with, esbuild bundles and minifies them into one classic
// script that defines `globalThis.echarts`. The result is cached in target/echarts/ under a key
// made of everything that can change it (the entry, this file, the echarts, zrender and esbuild
// versions), so a second build reuses it in milliseconds.
//
//   node scripts/echarts/build.mjs [out.js]     (prints the file and its sizes)
//
// scripts/post-build.mjs (the Trunk post_build hook) calls `echartsBundle()` and puts the file
// beside the app under a name with its content hash, so a new bundle is never served from a
// stale cache.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const entry = join(here, 'entry.mjs');

const OPTIONS = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  legalComments: 'none',
  // ECharts keeps its development warnings behind these; the app ships without them.
  define: { 'process.env.NODE_ENV': '"production"', __DEV__: 'false' },
  logLevel: 'warning',
};

const version = (pkg) => JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;

/** The bundle's text and its content-hashed file name (`echarts-<16 hex>.js`). */
export async function echartsBundle() {
  const key = createHash('sha256')
    .update(readFileSync(entry))
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .update(`echarts ${version('echarts')} zrender ${version('zrender')} esbuild ${version('esbuild')}`)
    .digest('hex')
    .slice(0, 16);
  const cached = join(root, 'target', 'echarts', `${key}.js`);
  let code;
  if (existsSync(cached)) {
    code = readFileSync(cached);
  } else {
    const { build } = await import('esbuild');
    const out = await build({ ...OPTIONS, entryPoints: [entry], write: false, outfile: 'echarts.js' });
    code = Buffer.from(out.outputFiles[0].contents);
    mkdirSync(dirname(cached), { recursive: true });
    // Written beside and renamed: an interrupted build never leaves half a bundle in the cache.
    writeFileSync(`${cached}.${process.pid}.tmp`, code);
    renameSync(`${cached}.${process.pid}.tmp`, cached);
  }
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  return { code, name: `echarts-${hash}.js` };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { code, name } = await echartsBundle();
  const out = resolve(process.argv[2] ?? join(root, 'target', 'echarts', name));
  writeFileSync(out, code);
  console.log(`${out}: ${code.length} bytes, ${gzipSync(code, { level: 9 }).length} gzipped`);
}
