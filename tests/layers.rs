//! The modules are layers and each uses only the layers below it:
//!
//! ```text
//! app (lib.rs, main.rs, app.rs, crash.rs)
//!  -> pages -> widgets, dialogs -> components -> state -> api -> platform -> domain
//! ```
//!
//! This test reads every file under `src/` and fails on a path (`crate::…` or a `super::…`
//! that leaves the file's own top-level module) into the same layer's sibling or a layer above,
//! so the circle of imports this code once had cannot come back.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Layers from the top; modules on one line are peers and may not use each other.
const LAYERS: &[&[&str]] = &[
    &["app", "crash", "lib", "main"],
    &["pages"],
    &["widgets", "dialogs"],
    &["components"],
    &["state"],
    &["api"],
    &["platform"],
    &["domain"],
];

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The top-level module a file belongs to: `src/widgets/report.rs` -> `widgets`,
/// `src/app.rs` -> `app`.
fn module_of(rel: &Path) -> String {
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    first.trim_end_matches(".rs").to_string()
}

/// The code without comments (doc comments name paths that are not imports) and strings.
fn code_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    let mut block = 0usize;
    while i < b.len() {
        if block > 0 {
            if b[i..].starts_with(b"*/") {
                block -= 1;
                i += 2;
            } else if b[i..].starts_with(b"/*") {
                block += 1;
                i += 2;
            } else {
                i += 1;
            }
            continue;
        }
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if b[i..].starts_with(b"/*") {
            block += 1;
            i += 2;
            continue;
        }
        if b[i] == b'"' {
            // Skip a string literal (escapes included); raw strings here hold no `"#` inside.
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
            continue;
        }
        out.push(b[i] as char);
        i += 1;
    }
    out
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The first identifiers inside a `{ … }` group that starts `s` (`{a::b, c}` -> a, c).
fn group_heads(s: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut expect_head = true;
    for (i, c) in s.char_indices() {
        match c {
            '{' => {
                depth += 1;
                expect_head = depth == 1;
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => expect_head = true,
            c if expect_head && depth == 1 && (c.is_ascii_alphabetic() || c == '_') => {
                heads.push(ident_at(&s[i..]).to_string());
                expect_head = false;
            }
            _ => {}
        }
    }
    heads
}

/// The top-level modules that the file at `rel` (relative to `src/`) names in `text`.
fn uses_of(rel: &Path, text: &str) -> BTreeSet<String> {
    let code = code_of(text);
    let mut out = BTreeSet::new();
    let after = |rest: &str, out: &mut BTreeSet<String>| {
        if rest.starts_with('{') {
            out.extend(group_heads(rest));
        } else {
            let id = ident_at(rest);
            if !id.is_empty() {
                out.insert(id.to_string());
            }
        }
    };
    for (i, _) in code.match_indices("crate::") {
        if i > 0 && code.as_bytes()[i - 1] == b'$' {
            continue;
        }
        after(&code[i + "crate::".len()..], &mut out);
    }
    // `super::` leaves the top-level module only from a folder's mod.rs, or when it climbs
    // out of it.
    let depth = rel.components().count() - 1;
    let is_mod = rel.file_name().is_some_and(|n| n == "mod.rs");
    let own_depth = if is_mod { depth } else { depth + 1 };
    for (i, _) in code.match_indices("super::") {
        if i > 0 && code[..i].ends_with("super::") {
            continue;
        }
        let mut rest = &code[i..];
        let mut ups = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            ups += 1;
            rest = r;
        }
        // The file's module path has `own_depth` segments; climbing all of them is the root.
        if ups >= own_depth {
            after(rest, &mut out);
        }
    }
    out
}

/// Each use of a layer above, or of a peer, as "file uses module".
fn violations(rel: &Path, text: &str) -> Vec<String> {
    let own = module_of(rel);
    let Some(own_rank) = rank(&own) else {
        return vec![format!(
            "{}: module `{own}` is in no layer (add it to LAYERS in tests/layers.rs)",
            rel.display()
        )];
    };
    uses_of(rel, text)
        .into_iter()
        .filter(|m| *m != own)
        .filter_map(|m| match rank(&m) {
            Some(r) if r > own_rank => None,
            // Names that are not modules of this crate (macros, `crate::` in a string) pass.
            None => None,
            Some(_) => Some(format!(
                "{}: `{own}` uses `{m}`, which is not below it",
                rel.display()
            )),
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 40, "found only {} files", files.len());
    let mut problems = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("a readable source file");
        let rel = f.strip_prefix(&src).expect("under src");
        problems.extend(violations(rel, &text));
    }
    assert!(
        problems.is_empty(),
        "imports against the layers (pages -> widgets, dialogs -> components -> state -> api -> platform -> domain):\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_check_sees_every_way_of_naming_a_module() {
    let domain = Path::new("domain/pricing.rs");
    let v = |rel: &Path, text: &str| violations(rel, text);
    assert_eq!(v(domain, "use crate::api::types::Pricing;").len(), 1);
    assert_eq!(
        v(domain, "use crate::{api::types::Pricing, state::Dash};").len(),
        2
    );
    assert_eq!(
        v(
            domain,
            "fn f() { let _ = crate::platform::format::count(1.0); }"
        )
        .len(),
        1
    );
    assert!(v(domain, "use super::credits::Credits;").is_empty());
    assert!(v(
        domain,
        "// crate::api in a comment\nlet s = \"crate::api\";"
    )
    .is_empty());
    // A folder's mod.rs reaches the crate root with `super::`.
    assert_eq!(
        v(Path::new("state/mod.rs"), "use super::pages::x;").len(),
        1
    );
    assert_eq!(
        v(
            Path::new("api/demo/engine.rs"),
            "use super::super::super::state::Dash;"
        )
        .len(),
        1
    );
    assert!(v(
        Path::new("api/demo/engine.rs"),
        "use super::super::types::Balance;"
    )
    .is_empty());
    // Peers may not use each other; the layers below are free to use.
    assert_eq!(
        v(
            Path::new("widgets/balance.rs"),
            "use crate::dialogs::Modal;"
        )
        .len(),
        1
    );
    assert!(v(
        Path::new("widgets/balance.rs"),
        "use crate::components::x; use crate::domain::y; use crate::platform::z;"
    )
    .is_empty());
    assert_eq!(v(Path::new("newlayer/x.rs"), "").len(), 1);
}

/// The dependency names of a manifest's `[dependencies]` table (the crates here write one
/// dependency a line).
fn dependencies_of(manifest: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(manifest).expect("a readable manifest");
    let mut deps = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            inside = line == "[dependencies]";
            continue;
        }
        if inside && !line.is_empty() && !line.starts_with('#') {
            if let Some((name, _)) = line.split_once('=') {
                deps.push(name.trim().to_string());
            }
        }
    }
    deps
}

/// DESIGN section 10: the contract and the engine are crates of their own, with no Leptos and
/// no browser in them; the contract depends on no crate of ours, the engine on the contract
/// alone, and the app holds no engine code of its own.
#[test]
fn the_workspace_keeps_the_engine_and_the_contract_apart_from_the_browser() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let browser = [
        "leptos",
        "leptos_router",
        "web-sys",
        "js-sys",
        "wasm-bindgen",
        "wasm-bindgen-futures",
        "gloo-net",
        "gloo-timers",
        "charming",
    ];
    let ours = ["credit-dash", "credit-contract", "credit-engine"];
    for (krate, allowed_ours) in [("contract", &[][..]), ("engine", &["credit-contract"][..])] {
        let dir = root.join("crates").join(krate);
        let deps = dependencies_of(&dir.join("Cargo.toml"));
        for d in &deps {
            assert!(
                !browser.contains(&d.as_str()),
                "crates/{krate} depends on {d}"
            );
            if ours.contains(&d.as_str()) {
                assert!(
                    allowed_ours.contains(&d.as_str()),
                    "crates/{krate} depends on {d}"
                );
            }
        }
        let mut files = Vec::new();
        rust_files(&dir.join("src"), &mut files);
        assert!(!files.is_empty(), "crates/{krate} has no sources");
        for f in &files {
            let code = code_of(&std::fs::read_to_string(f).expect("a readable source file"));
            for name in ["leptos", "web_sys", "js_sys", "wasm_bindgen", "credit_dash"] {
                assert!(
                    !code.contains(&format!("{name}::")),
                    "{} names {name}",
                    f.display()
                );
            }
        }
    }
    // The contract's rules never reach up into its wire types.
    let mut domain = Vec::new();
    rust_files(&root.join("crates/contract/src/domain"), &mut domain);
    for f in &domain {
        let code = code_of(&std::fs::read_to_string(f).expect("a readable source file"));
        assert!(
            !code.contains("crate::types"),
            "{} uses the wire types",
            f.display()
        );
    }
    assert!(
        !root.join("src/api/mock").exists(),
        "the engine lives in crates/engine, not in the app"
    );
    // The product's page carries no engine: the app reaches it only through the demo's worker
    // (a wasm of its own), never as a dependency of its build; the worker hosts the engine and
    // nothing of the app.
    let app = dependencies_of(&root.join("Cargo.toml"));
    assert!(
        !app.iter().any(|d| d == "credit-engine"),
        "the app's build depends on the engine"
    );
    let mut app_files = Vec::new();
    rust_files(&root.join("src"), &mut app_files);
    for f in &app_files {
        let code = code_of(&std::fs::read_to_string(f).expect("a readable source file"));
        assert!(
            !code.contains("credit_engine::"),
            "{} names the engine",
            f.display()
        );
    }
    let worker = dependencies_of(&root.join("crates/demo-worker/Cargo.toml"));
    assert!(worker.iter().any(|d| d == "credit-engine"));
    assert!(!worker.iter().any(|d| d == "credit-dash" || d == "leptos"));
}
