#!/usr/bin/env node
// The shape of the Rust code: which module uses which (by layer and by file), the largest
// strongly connected group of files (a circle of imports), the largest files and functions, the
// functions over 120 lines and the files over 450 lines of code (issue 30's limits), and each
// context with the files that read it.
//
//   node scripts/code-shape.mjs            # summary
//   node scripts/code-shape.mjs --edges    # every file-to-file import as well
//
// It reads `src/**/*.rs` the way tests/layers.rs does: every `crate::…` and `super::…` path
// (in `use` items and inline), resolved to the file that defines the module.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, dirname, basename } from 'node:path';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const src = join(root, 'src');

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.rs') ? [p] : [];
  });
}

/** Module path of a file: src/api/mock/mod.rs -> ['api', 'mock']. */
function modulePath(file) {
  const rel = relative(src, file).replace(/\.rs$/, '').split('/');
  if (['mod', 'lib', 'main'].includes(rel[rel.length - 1])) rel.pop();
  return rel;
}

/** The file defining the longest prefix of `segments` that is a module. */
function resolve(segments) {
  for (let n = segments.length; n > 0; n--) {
    const base = join(src, ...segments.slice(0, n));
    for (const candidate of [`${base}.rs`, join(base, 'mod.rs')]) {
      if (existsSync(candidate)) return candidate;
    }
  }
  return join(src, 'lib.rs');
}

function stripComments(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((line) => {
      // Drop `//` comments that are not inside a string (good enough for this code base).
      let inString = false;
      for (let i = 0; i < line.length - 1; i++) {
        if (line[i] === '"' && line[i - 1] !== '\\') inString = !inString;
        if (!inString && line[i] === '/' && line[i + 1] === '/') return line.slice(0, i);
      }
      return line;
    })
    .join('\n');
}

/** Expands `a::{b, c::{d, e}}` into ['a::b', 'a::c::d', 'a::c::e']. */
function expandUse(tree) {
  tree = tree.replace(/\s+/g, '');
  const open = tree.indexOf('{');
  if (open < 0) return [tree.replace(/::self$/, '').replace(/\bas\w+$/, '')];
  const prefix = tree.slice(0, open);
  const inner = tree.slice(open + 1, tree.lastIndexOf('}'));
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '{') depth++;
    if (inner[i] === '}') depth--;
    if (inner[i] === ',' && depth === 0) {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(inner.slice(start));
  return parts.filter(Boolean).flatMap((p) => expandUse(prefix + p));
}

/** Absolute module segments of every path a file names. */
export function importsOf(file) {
  const text = stripComments(readFileSync(file, 'utf8'));
  const here = modulePath(file);
  // A file's `super` is its parent module; mod.rs and lib.rs are their own module.
  const parent = here.slice(0, -1);
  const isModRoot = ['mod.rs', 'lib.rs', 'main.rs'].includes(basename(file));
  const selfModule = isModRoot ? here : here;
  const superModule = isModRoot ? here.slice(0, -1) : parent;
  const paths = [];
  for (const m of text.matchAll(/\buse\s+((?:crate|super|self)::[^;]+);/g)) {
    paths.push(...expandUse(m[1]));
  }
  const noUse = text.replace(/\buse\s+[^;]+;/g, '');
  for (const m of noUse.matchAll(/\b((?:crate|super)(?:::[A-Za-z_][A-Za-z0-9_]*)+)/g)) {
    paths.push(m[1]);
  }
  return paths.map((p) => {
    const segs = p.split('::');
    let base;
    if (segs[0] === 'crate') base = [];
    else if (segs[0] === 'self') base = selfModule;
    else base = superModule;
    let rest = segs.slice(1);
    while (rest[0] === 'super') {
      base = base.slice(0, -1);
      rest = rest.slice(1);
    }
    return [...base, ...rest];
  });
}

export function graph() {
  const all = files(src);
  const edges = new Map();
  for (const f of all) {
    const to = new Set();
    for (const segs of importsOf(f)) {
      const target = resolve(segs);
      if (target !== f) to.add(target);
    }
    edges.set(f, to);
  }
  return { all, edges };
}

/** Tarjan's strongly connected components. */
function components(nodes, edges) {
  let index = 0;
  const stack = [];
  const meta = new Map();
  const out = [];
  function visit(v) {
    meta.set(v, { index, low: index, onStack: true });
    index++;
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      if (!meta.has(w)) {
        visit(w);
        meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).low);
      } else if (meta.get(w).onStack) {
        meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).index);
      }
    }
    if (meta.get(v).low === meta.get(v).index) {
      const group = [];
      let w;
      do {
        w = stack.pop();
        meta.get(w).onStack = false;
        group.push(w);
      } while (w !== v);
      out.push(group);
    }
  }
  for (const v of nodes) if (!meta.has(v)) visit(v);
  return out;
}

/**
 * The braces of `text`, and its semicolons outside parentheses and brackets (`[u8; 16]` ends
 * nothing), outside string, byte-string, raw-string and char literals and comments.
 */
function braces(text) {
  const out = [];
  let nesting = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
      continue;
    }
    const raw = /^b?r(#*)"/.exec(text.slice(i, i + 12));
    if (raw && !/[A-Za-z0-9_]/.test(text[i - 1] ?? '')) {
      const end = '"' + raw[1];
      const close = text.indexOf(end, i + raw[0].length);
      i = close < 0 ? text.length : close + end.length;
      continue;
    }
    if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (ch === "'" && /^'(\\.|[^\\'])'/.test(text.slice(i, i + 4))) {
      i += text[i + 1] === '\\' ? 4 : 3;
      continue;
    }
    if (ch === '(' || ch === '[') nesting++;
    if (ch === ')' || ch === ']') nesting = Math.max(0, nesting - 1);
    if (ch === '{' || ch === '}') out.push({ at: i, open: ch === '{', semi: false });
    if (ch === ';' && nesting === 0) out.push({ at: i, open: false, semi: true });
    i++;
  }
  return out;
}

function functionSizes(file) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const starts = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const lineOf = (at) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const all = braces(text);
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i].match(/^\s*(?:pub(?:\([^)]*\))?\s+)?(?:async\s+|const\s+)*fn\s+([A-Za-z0-9_]+)/);
    if (!m) continue;
    // The body opens at the first brace after the name, unless a `;` ends a declaration first.
    const from = starts[i] + m.index + m[0].length;
    const first = all.findIndex((b) => b.at >= from);
    if (first < 0 || all[first].semi) continue;
    let depth = 0;
    for (let k = first; k < all.length; k++) {
      if (all[k].semi) continue;
      depth += all[k].open ? 1 : -1;
      if (depth === 0) {
        out.push({ name: m[1], file: relative(root, file), lines: lineOf(all[k].at) - i + 1 });
        break;
      }
    }
  }
  return out;
}

/** Lines of code of a file: not blank, not only a comment, and not in its `#[cfg(test)]` module. */
function linesOfCode(file) {
  const text = readFileSync(file, 'utf8');
  const test = text.search(/^#\[cfg\(test\)\]\s*\n\s*mod\s/m);
  const body = test < 0 ? text : text.slice(0, test);
  return stripComments(body)
    .split('\n')
    .filter((line) => line.trim() !== '').length;
}

/**
 * The contexts the app provides (a type given to `provide_context` or read with
 * `expect_context::<T>` / `use_context::<T>`), each with the files that read it: by those calls,
 * or by an accessor, a function whose body makes one (`Dash::expect()`, `use_theme()`).
 */
function contexts(all) {
  const texts = new Map(all.map((f) => [f, stripComments(readFileSync(f, 'utf8'))]));
  const names = new Set();
  for (const text of texts.values()) {
    for (const m of text.matchAll(/\b(?:expect|use)_context::<([A-Z][A-Za-z0-9_]*)/g)) names.add(m[1]);
    for (const m of text.matchAll(/\bprovide_context\(\s*([A-Z][A-Za-z0-9_]*)\s*[({]/g)) names.add(m[1]);
  }
  return [...names].sort().map((name) => {
    const direct = `(?:expect|use)_context::<${name}\\b`;
    const accessors = new Set();
    for (const text of texts.values()) {
      const re = new RegExp(`fn\\s+([a-z_][a-z0-9_]*)[^{;]*\\{[^{}]*?${direct}`, 'g');
      for (const m of text.matchAll(re)) accessors.add(m[1]);
    }
    // A free hook (`use_theme()`) is called by its name; an associated one by its type's.
    const calls = [...accessors].map((a) =>
      a.startsWith('use_') ? `${a}\\s*\\(` : `${name}::${a}\\s*\\(`,
    );
    const read = new RegExp(`\\b(?:${[direct, ...calls].join('|')})`);
    const readers = [...texts]
      .filter(([, text]) => read.test(text.replace(/\bfn\s+[a-z_][a-z0-9_]*\s*\(/g, '')))
      .map(([f]) => relative(src, f))
      .sort();
    return { name, readers };
  });
}

const { all, edges } = graph();
const layerOf = (f) => modulePath(f)[0] ?? '(root)';
const layerEdges = new Map();
for (const [f, to] of edges) {
  for (const t of to) {
    const a = layerOf(f);
    const b = layerOf(t);
    if (a === b) continue;
    const key = `${a} -> ${b}`;
    layerEdges.set(key, (layerEdges.get(key) ?? 0) + 1);
  }
}
console.log('Module graph by top-level module (file imports):');
for (const [k, n] of [...layerEdges].sort()) console.log(`  ${k}  (${n})`);
const sccs = components(all, edges).filter((g) => g.length > 1).sort((a, b) => b.length - a.length);
console.log(`\nCircles of imports (strongly connected groups of files): ${sccs.length}`);
for (const g of sccs) {
  console.log(`  ${g.length} files: ${g.map((f) => relative(src, f)).sort().join(', ')}`);
}
if (process.argv.includes('--edges')) {
  console.log('\nFile imports:');
  for (const [f, to] of [...edges].sort()) {
    for (const t of [...to].sort()) console.log(`  ${relative(src, f)} -> ${relative(src, t)}`);
  }
}
const sizes = all.map((f) => ({ f: relative(root, f), n: readFileSync(f, 'utf8').split('\n').length }));
sizes.sort((a, b) => b.n - a.n);
console.log(`\nLargest files (lines; ${all.length} files, ${sizes.reduce((s, x) => s + x.n, 0)} lines):`);
for (const s of sizes.slice(0, 8)) console.log(`  ${String(s.n).padStart(5)}  ${s.f}`);
const fns = all.flatMap(functionSizes).sort((a, b) => b.lines - a.lines);
console.log('\nLargest functions (lines):');
for (const f of fns.slice(0, 10)) console.log(`  ${String(f.lines).padStart(5)}  ${f.name}  (${f.file})`);

const FN_LIMIT = 120;
const long = fns.filter((f) => f.lines > FN_LIMIT);
console.log(`\nFunctions over ${FN_LIMIT} lines: ${long.length}`);
for (const f of long) console.log(`  ${String(f.lines).padStart(5)}  ${f.name}  (${f.file})`);

const FILE_LIMIT = 450;
const code = all
  .map((f) => ({ f: relative(root, f), n: linesOfCode(f) }))
  .filter((x) => x.n > FILE_LIMIT)
  .sort((a, b) => b.n - a.n);
console.log(`\nFiles over ${FILE_LIMIT} lines of code (no blank or comment lines, no test module): ${code.length}`);
for (const s of code) console.log(`  ${String(s.n).padStart(5)}  ${s.f}`);

const ctx = contexts(all);
console.log(`\nContexts (type: files that read it): ${ctx.length}`);
for (const c of ctx) {
  console.log(`  ${c.name}: ${c.readers.length} files${c.readers.length ? `: ${c.readers.join(', ')}` : ''}`);
}
