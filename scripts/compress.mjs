#!/usr/bin/env node
// Writes a brotli (.br) and a gzip (.gz) copy beside every text and wasm file of a built site,
// at the strongest settings (they are made once per release and served many times); the
// static server (scripts/serve-dist.mjs, or nginx/Caddy as the README shows) picks one by
// Accept-Encoding. A copy that would not be smaller is not written, and config.json gets none.
//
//   node scripts/compress.mjs [dir]     (default: dist)
//
// The post-build hook (scripts/post-build.mjs) runs it on release builds. Node's standard
// library only.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** What is worth compressing (images other than SVG already are). */
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt', '.map']);

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

/** Compresses every compressible file under `dir`; returns one row per file. */
export function compressDir(dir) {
  const rows = [];
  for (const path of files(dir)) {
    // config.json is the file a host swaps at deploy time (README: Runtime config); a copy made
    // at build time would be served in place of the swapped one.
    if (!COMPRESSIBLE.has(extname(path)) || basename(path) === 'config.json') continue;
    const raw = readFileSync(path);
    const br = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        [constants.BROTLI_PARAM_MODE]: extname(path) === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      },
    });
    const gz = gzipSync(raw, { level: 9 });
    for (const [ext, body] of [['.br', br], ['.gz', gz]]) {
      if (body.length < raw.length) writeFileSync(path + ext, body);
      else rmSync(path + ext, { force: true });
    }
    rows.push({ path, raw: raw.length, gzip: gz.length, brotli: br.length });
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = resolve(process.argv[2] ?? 'dist');
  const rows = compressDir(dir);
  console.log(`compress.mjs: wrote .br and .gz copies of ${rows.length} files in ${dir}`);
}
