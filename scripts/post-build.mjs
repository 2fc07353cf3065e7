#!/usr/bin/env node
// The one Trunk post_build hook (Trunk.toml): Trunk runs the hooks of a stage at the same time,
// and these steps must follow each other on the finished page in the staging directory:
//
// 1. The app's own ECharts (scripts/echarts/build.mjs) goes beside the app as
//    echarts-<content hash>.js, announced in <head> by a low-priority preload that the chart
//    widget's loader (src/components/chart.rs) finds by `data-echarts` and turns into a script
//    when a chart is first shown. Nothing waits for it.
// 2. The Content-Security-Policy meta (scripts/csp.mjs), over the final set of scripts.
// 3. Release builds only: brotli and gzip copies of every text and wasm file
//    (scripts/compress.mjs), which the static server picks by Accept-Encoding.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeCsp } from './csp.mjs';
import { compressDir } from './compress.mjs';
import { echartsBundle } from './echarts/build.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('post-build.mjs: run by Trunk (TRUNK_STAGING_DIR is not set)');
  process.exit(1);
}
const publicUrl = (process.env.TRUNK_PUBLIC_URL || '/').replace(/\/?$/, '/');
const index = join(staging, 'index.html');

try {
  const { code, name } = await echartsBundle();
  writeFileSync(join(staging, name), code);
  const link = `<link rel="preload" href="${publicUrl}${name}" as="script" fetchpriority="low" data-echarts />`;
  const html = readFileSync(index, 'utf8').replace(/\n?[ \t]*<link[^>]*\bdata-echarts\b[^>]*>/g, '');
  const at = html.search(/<\/head\s*>/i);
  if (at < 0) throw new Error('index.html has no </head>');
  writeFileSync(index, `${html.slice(0, at)}  ${link}\n  ${html.slice(at)}`);
  console.log(`post-build.mjs: ${name} (${code.length} bytes), preloaded at low priority`);

  writeCsp(index);

  if (process.env.TRUNK_PROFILE === 'release') {
    const rows = compressDir(staging);
    console.log(`post-build.mjs: brotli and gzip copies of ${rows.length} files`);
  }
} catch (e) {
  console.error(`post-build.mjs: error: ${e.message}`);
  process.exit(1);
}
