#!/usr/bin/env node
// The one Trunk post_build hook (Trunk.toml): Trunk runs the hooks of a stage at the same time,
// and these steps must follow each other on the finished page in the staging directory:
//
// 1. The app's own ECharts (scripts/echarts/build.mjs) goes beside the app as
//    echarts-<content hash>.js, announced in <head> by a low-priority preload that the chart
//    widget's loader (src/components/chart/) finds by `data-echarts` and turns into a script
//    when a chart is first shown. Nothing waits for it.
//    axe-core (npm) goes beside it too, as axe-<content hash>.js, named by a
//    <meta name="gallery-axe"> that only the gallery reads: it loads the file when a card's
//    accessibility is checked. Nothing else fetches it.
//    The product's page (built without the `gallery` feature: scripts/build-release.sh sets
//    TRUNK_BUILD_NO_DEFAULT_FEATURES) has no gallery, so it gets neither axe nor the gallery's
//    stylesheet; the gallery's page (TRUNK_BUILD_HTML_OUTPUT=gallery.html) and `make serve` get both.
// 2. The demo's worker (crates/demo-worker, which Trunk writes as demo-worker.js,
//    demo-worker_bg.wasm and demo-worker_loader.js: a worker's names carry no hash) gets
//    content-hashed names like every other file, so a host may cache it for a year, and the
//    page's boot script (index.html) is told its loader's name.
// 3. The Content-Security-Policy meta (scripts/csp.mjs), over the final set of scripts.
// 4. Release builds only: brotli and gzip copies of every text and wasm file
//    (scripts/compress.mjs), which the static server picks by Accept-Encoding.
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { writeCsp } from './csp.mjs';
import { compressDir } from './compress.mjs';
import { echartsBundle } from './echarts/build.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('post-build.mjs: run by Trunk (TRUNK_STAGING_DIR is not set)');
  process.exit(1);
}
const publicUrl = (process.env.TRUNK_PUBLIC_URL || '/').replace(/\/?$/, '/');
// The page and the build are told by Trunk's own variables (TRUNK_BUILD_HTML_OUTPUT,
// TRUNK_BUILD_NO_DEFAULT_FEATURES), which a hook inherits from Trunk's environment; the same
// options given as flags (--html-output, --no-default-features) do not reach it. So build the
// release through scripts/build-release.sh, which sets them as variables.
const index = join(staging, process.env.TRUNK_BUILD_HTML_OUTPUT || 'index.html');
const withGallery = !/^(1|true|yes|on)$/i.test(process.env.TRUNK_BUILD_NO_DEFAULT_FEATURES ?? '');

try {
  const { code, name } = await echartsBundle();
  writeFileSync(join(staging, name), code);
  const link = `<link rel="preload" href="${publicUrl}${name}" as="script" fetchpriority="low" data-echarts />`;
  const html = readFileSync(index, 'utf8').replace(/\n?[ \t]*<link[^>]*\bdata-echarts\b[^>]*>/g, '');
  const at = html.search(/<\/head\s*>/i);
  if (at < 0) throw new Error('index.html has no </head>');
  writeFileSync(index, `${html.slice(0, at)}  ${link}\n  ${html.slice(at)}`);
  console.log(`post-build.mjs: ${name} (${code.length} bytes), preloaded at low priority`);

  if (withGallery) {
    const axe = readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));
    const axeName = `axe-${createHash('sha256').update(axe).digest('hex').slice(0, 16)}.js`;
    writeFileSync(join(staging, axeName), axe);
    const meta = `<meta name="gallery-axe" content="${publicUrl}${axeName}" />`;
    const page = readFileSync(index, 'utf8').replace(/\n?[ \t]*<meta[^>]*name="gallery-axe"[^>]*>/g, '');
    const end = page.search(/<\/head\s*>/i);
    writeFileSync(index, `${page.slice(0, end)}  ${meta}\n  ${page.slice(end)}`);
    console.log(`post-build.mjs: ${axeName} (${axe.length} bytes), for the gallery's checks`);
  } else {
    // Trunk links every stylesheet of index.html; the gallery's is for the gallery's page only.
    const page = readFileSync(index, 'utf8');
    const gallery = /\n?[ \t]*<link[^>]*\bhref="[^"]*\/gallery-[0-9a-f]{8,16}\.css"[^>]*>/;
    if (!gallery.test(page)) throw new Error("the product's page has no gallery stylesheet to leave out (style/gallery.css renamed?)");
    writeFileSync(index, page.replace(gallery, ''));
    console.log("post-build.mjs: the product's page, without the gallery's checks and stylesheet");
  }

  demoWorker(staging, index, publicUrl);

  writeCsp(index);

  if (process.env.TRUNK_PROFILE === 'release') {
    const rows = compressDir(staging);
    console.log(`post-build.mjs: brotli and gzip copies of ${rows.length} files`);
  }
} catch (e) {
  console.error(`post-build.mjs: error: ${e.message}`);
  process.exit(1);
}

/**
 * Renames the worker's three files to content-hashed names and writes the loader's name into
 * the boot script of `index` (its `__DEMO_WORKER__`). Run again on its own output (Trunk's
 * staging directory is fresh each build), it finds Trunk's names or fails loudly.
 */
function demoWorker(dir, page, publicUrl) {
  const glue = join(dir, 'demo-worker.js');
  const wasm = join(dir, 'demo-worker_bg.wasm');
  const loader = join(dir, 'demo-worker_loader.js');
  for (const f of [glue, wasm, loader]) {
    if (!existsSync(f)) throw new Error(`the demo's worker was not built (${f} is missing; index.html's demo-worker link?)`);
  }
  const hash = createHash('sha256').update(readFileSync(glue)).update(readFileSync(wasm)).digest('hex').slice(0, 16);
  const names = { glue: `demo-worker-${hash}.js`, wasm: `demo-worker-${hash}_bg.wasm`, boot: `demo-worker-boot-${hash}.js` };
  renameSync(glue, join(dir, names.glue));
  renameSync(wasm, join(dir, names.wasm));
  unlinkSync(loader);
  // A wasm that cannot be fetched or compiled is thrown in the worker's scope, which the page
  // sees as the Worker's `error` event (src/api/worker.rs then fails the calls with Retry).
  writeFileSync(
    join(dir, names.boot),
    `importScripts("./${names.glue}");wasm_bindgen("./${names.wasm}").catch(function(e){setTimeout(function(){throw e;});});\n`,
  );
  const html = readFileSync(page, 'utf8');
  if (!html.includes('__DEMO_WORKER__')) throw new Error("index.html's boot script has no __DEMO_WORKER__ to fill in");
  writeFileSync(page, html.replaceAll('__DEMO_WORKER__', `${publicUrl}${names.boot}`));
  console.log(`post-build.mjs: the demo's worker as ${names.boot} (${readFileSync(join(dir, names.wasm)).length} bytes of wasm)`);
}
