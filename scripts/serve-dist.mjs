// Serves a built dist/ on 127.0.0.1 like a production static host: files by path, a 404 for a
// missing file with an extension, gallery.html (the gallery's page, scripts/build-release.sh)
// for /gallery and every path below it, and index.html for every other path so that
// client-side routes load. A file's brotli or gzip copy
// (written by scripts/compress.mjs on release builds) is sent when the browser accepts it, with
// the original's Content-Type (wasm stays application/wasm, so it compiles while it streams).
// Names with a content hash (Trunk's and the ECharts bundle's) are cached for a year; the page
// and config.json are asked for again every time. Node's standard library only.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, normalize, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 8080);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
/**
 * A name Trunk or the ECharts build gave a content hash: `credit-dash-9ef710c850d40396_bg.wasm`,
 * `base-935fc3b64d983e8.css` (Trunk writes its 64-bit hash without leading zeros, so 15 digits
 * happen; 8 or more never come from a word).
 */
const HASHED = /-[0-9a-f]{8,16}(?:_bg)?\.[a-z0-9]+$/;

async function file(path) {
  try {
    const s = await stat(path);
    return s.isFile() ? path : null;
  } catch {
    return null;
  }
}

/** The encodings the request accepts (q=0 refuses one). */
function accepted(header = '') {
  const ok = new Set();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)).find(Boolean);
    if (name && !(q && Number(q[1]) === 0)) ok.add(name);
  }
  return ok;
}

/** The page a client-side route loads: the gallery's for /gallery and below, when built. */
async function page(pathname) {
  const gallery = /^\/gallery(?:\/|$)/.test(pathname) && (await file(join(root, 'gallery.html')));
  return gallery || join(root, 'index.html');
}

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  let pathname;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('bad path');
    return;
  }
  const wanted = normalize(join(root, pathname));
  const rel = relative(root, wanted);
  const inside = !rel.startsWith('..') && !isAbsolute(rel);
  const found = inside && (await file(wanted));
  // A missing file with an extension (a stale echarts-<hash>.js, a typo) is a 404, not the
  // page: a script that gets HTML fails in ways that are hard to tell apart.
  if (!found && extname(pathname)) {
    res.writeHead(404, { 'content-type': 'text/plain', 'cache-control': 'no-cache' }).end('not found');
    return;
  }
  const path = found || (await page(pathname));
  const headers = {
    'content-type': types[extname(path)] ?? 'application/octet-stream',
    'cache-control': HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'Accept-Encoding',
  };
  let body = null;
  const ok = accepted(req.headers['accept-encoding']);
  for (const [encoding, ext] of [['br', '.br'], ['gzip', '.gz']]) {
    if (ok.has(encoding) && (await file(path + ext))) {
      body = await readFile(path + ext);
      headers['content-encoding'] = encoding;
      break;
    }
  }
  body ??= await readFile(path);
  headers['content-length'] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}).listen(port, '127.0.0.1', () => {
  console.log(`serving ${root} on http://127.0.0.1:${port}`);
});
