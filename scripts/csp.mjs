#!/usr/bin/env node
// Writes the Content-Security-Policy <meta> into a built index.html (DESIGN: a strict CSP).
//
//   node scripts/csp.mjs [path/to/index.html | dir]     (default: $TRUNK_STAGING_DIR/index.html)
//
// The Trunk post_build hook (scripts/post-build.mjs) runs it on the finished index.html in the
// staging directory, just before it moves to dist/; so `trunk build --release` and `trunk serve`
// both get it. Scripts are allowed from our origin and, inline, only by the sha256 of their exact text:
// Trunk's wasm loader is an inline module whose text changes every build, hence after the build.
// Running it again on its own output gives the same file (the old meta is replaced).
//
// connect-src is 'self', plus the origin of an absolute `api_base_url` in the config.json next
// to index.html, plus whatever CSP_CONNECT_SRC lists (space-separated sources, e.g.
// CSP_CONNECT_SRC="https://api.example.com"): a host whose API lives on another origin sets it at
// build time, or better sends the policy as a header (README: Content-Security-Policy).
// frame-ancestors cannot be set in a <meta>; the host sends it as a header (README).
// Under `trunk serve` the page also gets Trunk's live-reload script, whose per-request
// placeholders are filled in here (see resolveTrunkDevPlaceholders; with a [serve] ws_base set,
// pass it as CSP_TRUNK_WS_BASE), and ws:/wss: in connect-src for its socket.
//
// Node's standard library only. Exit 1 when index.html is missing or has no <head>.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Whole comments or script elements (raw text up to the first </script>), in document order. */
const TOKENS = /<!--[\s\S]*?-->|<script\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/script\s*>/gi;
const CSP_META = /\n?[ \t]*<meta\s(?:[^>"']|"[^"]*"|'[^']*')*http-equiv\s*=\s*["']?content-security-policy["']?(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const HEAD = /<head(?=[\s>/])(?:[^>"']|"[^"]*"|'[^']*')*>/i;
const CHARSET = /<meta\s(?:[^>"']|"[^"]*"|'[^']*')*\bcharset\s*=(?:[^>"']|"[^"]*"|'[^']*')*>/i;

/** sha256 of a script's text, the way the browser hashes it (the parser turns CRLF and CR into LF). */
export function scriptHash(text) {
  const normalized = text.replace(/\r\n?/g, '\n');
  return `sha256-${createHash('sha256').update(normalized, 'utf8').digest('base64')}`;
}

/** Every <script> outside comments: its attributes, its text, whether it is inline. */
export function scripts(html) {
  const found = [];
  for (const m of html.matchAll(TOKENS)) {
    if (m[0].startsWith('<!--')) continue;
    const attrs = m[1] ?? '';
    const inline = !/(?:^|\s)src(?:\s*=|\s|\/|$)/i.test(attrs);
    found.push({ index: m.index, attrs, text: m[2], inline });
  }
  return found;
}

/**
 * `trunk serve` injects a live-reload script whose placeholders its server fills in per request
 * (the Host header, the websocket base path), which would change the text after we hashed it.
 * Fill them in here the way Trunk does when it has no Host header (window.location.host), so the
 * served text is the hashed text. Release builds have no such script.
 */
export function resolveTrunkDevPlaceholders(html, wsBase) {
  const before = html;
  const after = html
    .replaceAll("'{{__TRUNK_ADDRESS__}}'", 'window.location.host')
    .replaceAll('`{{__TRUNK_ADDRESS__}}`', 'window.location.host')
    .replaceAll('{{__TRUNK_WS_BASE__}}', wsBase);
  return { html: after, devReload: after !== before };
}

/** The websocket base path `trunk serve` uses: [serve] ws_base, else the public URL's path. */
export function trunkWsBase(env = process.env) {
  let base = env.CSP_TRUNK_WS_BASE || env.TRUNK_PUBLIC_URL || '/';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(base)) base = new URL(base).pathname;
  else if (base.startsWith('./')) base = base.slice(1);
  else if (!base.startsWith('/')) base = `/${base}`;
  return base.endsWith('/') ? base : `${base}/`;
}

/** Extra connect-src sources: the API origin from config.json, then CSP_CONNECT_SRC. */
export function connectSources(configPath, extra = '') {
  const sources = [];
  if (configPath && existsSync(configPath)) {
    try {
      const api = JSON.parse(readFileSync(configPath, 'utf8')).api_base_url;
      if (typeof api === 'string' && /^https?:\/\//i.test(api)) sources.push(new URL(api).origin);
    } catch (e) {
      console.warn(`csp.mjs: warning: cannot read api_base_url from ${configPath}: ${e.message}`);
    }
  }
  for (const s of extra.split(/\s+/).filter(Boolean)) {
    if (/[;,"<>]/.test(s) || /^'unsafe-/i.test(s)) {
      throw new Error(`CSP_CONNECT_SRC: ${JSON.stringify(s)} is not a source (space-separated origins, like https://api.example.com)`);
    }
    sources.push(s);
  }
  return sources;
}

/** The policy, one directive after another. */
export function policy({ hashes, connect = [], devReload = false }) {
  const unique = (xs) => [...new Set(xs)];
  const directives = [
    ['default-src', ["'self'"]],
    // No 'unsafe-inline', no 'unsafe-eval': our origin, the wasm compile, the hashed inline scripts.
    ['script-src', unique(["'self'", "'wasm-unsafe-eval'", ...hashes.map((h) => `'${h}'`)])],
    // Leptos sets style attributes (progress bars, meters) and ECharts writes inline styles.
    ['style-src', ["'self'", "'unsafe-inline'"]],
    // ECharts images and Blob URLs (CSV downloads).
    ['img-src', ["'self'", 'data:', 'blob:']],
    // trunk serve's live reload talks over a websocket; only its (dev) page gets ws:/wss:.
    ['connect-src', unique(["'self'", ...connect, ...(devReload ? ['ws:', 'wss:'] : [])])],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'self'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

const escapeAttr = (s) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;');

/**
 * Puts the policy into `html`: drops any CSP meta it has, then inserts one right after
 * <meta charset> (or first in <head>), before every script. Returns the new text and what it did.
 */
export function applyCsp(html, { connect = [], wsBase = '/' } = {}) {
  const head = HEAD.exec(html);
  if (!head) throw new Error('index.html has no <head>');
  if (/<base(?=[\s>/])/i.test(html.replace(/<!--[\s\S]*?-->/g, ''))) {
    throw new Error("index.html has a <base> element, which base-uri 'none' would block");
  }

  const resolved = resolveTrunkDevPlaceholders(html, wsBase);
  let out = resolved.html.replace(CSP_META, '');

  const all = scripts(out);
  const inline = all.filter((s) => s.inline);
  const hashes = inline.map((s) => scriptHash(s.text));
  for (const s of all) {
    if (/(?:^|\s)nonce\s*=/i.test(s.attrs)) {
      console.warn('csp.mjs: warning: a <script> carries a nonce; a static page cannot use one and the policy ignores it (keep Trunk.toml [build] create_nonce off)');
    }
  }
  const text = policy({ hashes, connect, devReload: resolved.devReload });

  // Right after <meta charset> when it is in <head> and before any script; else first in <head>.
  const headStart = HEAD.exec(out);
  const headOpenEnd = headStart.index + headStart[0].length;
  const headClose = out.slice(headOpenEnd).search(/<\/head\s*>/i);
  const headEnd = headClose < 0 ? out.length : headOpenEnd + headClose;
  const firstScript = all.length ? all[0].index : Infinity;
  let at = headOpenEnd;
  const charset = CHARSET.exec(out.slice(headOpenEnd, headEnd));
  if (charset) {
    const end = headOpenEnd + charset.index + charset[0].length;
    if (end <= firstScript) at = end;
  }
  if (at > firstScript) throw new Error('a <script> comes before <head>');
  const lineStart = out.lastIndexOf('\n', at - 1) + 1;
  const indent = /^[ \t]*/.exec(out.slice(lineStart))[0];
  const sep = out[at] === '\n' || out[at] === '\r' ? `\n${at === headOpenEnd ? `${indent}  ` : indent}` : '';
  const meta = `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(text)}" />`;
  out = out.slice(0, at) + sep + meta + out.slice(at);

  return { html: out, policy: text, inline, hashes, devReload: resolved.devReload };
}

function target(arg) {
  if (arg) {
    const p = resolve(arg);
    return existsSync(p) && statSync(p).isDirectory() ? join(p, 'index.html') : p;
  }
  if (process.env.TRUNK_STAGING_DIR) return join(process.env.TRUNK_STAGING_DIR, 'index.html');
  throw new Error('usage: node scripts/csp.mjs [index.html] (or run as a Trunk hook, with TRUNK_STAGING_DIR set)');
}

/** Writes the policy into the index.html at `file` and says what it allowed. */
export function writeCsp(file) {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  const html = readFileSync(file, 'utf8');
  const connect = connectSources(join(dirname(file), 'config.json'), process.env.CSP_CONNECT_SRC ?? '');
  const result = applyCsp(html, { connect, wsBase: trunkWsBase() });
  writeFileSync(file, result.html);
  console.log(`csp.mjs: wrote the Content-Security-Policy meta into ${file}`);
  for (const [i, s] of result.inline.entries()) {
    const first = s.text.trim().split('\n')[0].slice(0, 60);
    console.log(`  inline script ${i + 1}: '${result.hashes[i]}'  ${first}`);
  }
  if (result.devReload) console.log("  trunk serve's live-reload script: placeholders filled in, connect-src gets ws: wss:");
  console.log(`  ${result.policy}`);
}

function main() {
  writeCsp(target(process.argv[2]));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main();
  } catch (e) {
    console.error(`csp.mjs: error: ${e.message}`);
    process.exit(1);
  }
}
