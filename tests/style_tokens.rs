//! Every colour, spacing, radius and font size in the stylesheets comes from the design tokens
//! (`style/tokens.css`), so a theme or a scale changes in one place.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;

/// `(file, property, value)` of every declaration outside the tokens file.
fn declarations() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for entry in fs::read_dir("style").expect("style/ exists") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name == "tokens.css" || !name.ends_with(".css") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        // Drop comments, then read `property: value` pairs inside rule bodies.
        let mut clean = String::new();
        let mut rest = text.as_str();
        while let Some(i) = rest.find("/*") {
            clean.push_str(&rest[..i]);
            rest = rest[i..].split_once("*/").map_or("", |(_, r)| r);
        }
        clean.push_str(rest);
        for body in clean.split('{').skip(1) {
            let body = body.split('}').next().unwrap_or("");
            for decl in body.split(';') {
                if let Some((p, v)) = decl.split_once(':') {
                    let p = p.trim();
                    if p.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !p.is_empty() {
                        out.push((name.clone(), p.to_string(), v.trim().to_string()));
                    }
                }
            }
        }
    }
    assert!(out.len() > 200, "read {} declarations", out.len());
    out
}

/// The value with every `var(--token)` removed.
fn without_tokens(v: &str) -> String {
    let mut s = v.to_string();
    while let Some(i) = s.find("var(--") {
        let end = s[i..].find(')').map_or(s.len(), |e| i + e + 1);
        s.replace_range(i..end, "");
    }
    s
}

/// Lengths written as numbers with a unit (`12px`, `1.5rem`), other than zero.
fn has_literal_length(v: &str) -> bool {
    let v = without_tokens(v);
    let b = v.as_bytes();
    (0..b.len()).any(|i| {
        let starts = b[i].is_ascii_digit() && (i == 0 || !(b[i - 1].is_ascii_alphanumeric()));
        if !starts {
            return false;
        }
        let num: String = v[i..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let unit: String = v[i + num.len()..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        matches!(unit.as_str(), "px" | "rem" | "em") && num.parse::<f64>().unwrap_or(0.0) != 0.0
    })
}

#[test]
fn spacing_radii_and_type_sizes_are_tokens() {
    let mut bad = Vec::new();
    for (file, prop, value) in declarations() {
        let spacing = prop.starts_with("padding")
            || prop.starts_with("margin")
            || prop.ends_with("gap")
            || prop == "border-radius"
            || prop == "font-size";
        if spacing && has_literal_length(&value) {
            bad.push(format!("{file}: {prop}: {value}"));
        }
        if prop == "font-size" && !value.contains("var(--text-") && value != "inherit" {
            bad.push(format!("{file}: {prop}: {value}"));
        }
    }
    assert!(bad.is_empty(), "not from the tokens:\n{}", bad.join("\n"));
}

#[test]
fn colours_are_tokens() {
    let named = ["white", "black", "red", "green", "blue", "gray", "grey"];
    let mut bad = Vec::new();
    for (file, prop, value) in declarations() {
        let v = without_tokens(&value).to_lowercase();
        let literal = v.contains('#')
            || v.contains("rgb(")
            || v.contains("rgba(")
            || v.contains("hsl(")
            || v.split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| named.contains(&w));
        if literal {
            bad.push(format!("{file}: {prop}: {value}"));
        }
    }
    assert!(
        bad.is_empty(),
        "colours not from the tokens:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_checks_catch_literals() {
    assert!(has_literal_length("0 12px"));
    assert!(has_literal_length("calc(var(--space-2) + 1.5rem)"));
    assert!(!has_literal_length("0 var(--space-4)"));
    assert!(!has_literal_length("calc(-1 * var(--space-3))"));
}

/// The light and dark values of a `light-dark(#rrggbb, #rrggbb)` token of tokens.css.
fn light_dark(name: &str) -> [[f64; 3]; 2] {
    let css = std::fs::read_to_string("style/tokens.css").expect("tokens.css");
    let line = css
        .lines()
        .find(|l| l.trim_start().starts_with(&format!("{name}:")))
        .unwrap_or_else(|| panic!("{name} in tokens.css"));
    let hex: Vec<[f64; 3]> = line
        .split('#')
        .skip(1)
        .map(|h| {
            let c = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).expect("hex") as f64 / 255.0;
            [c(0), c(2), c(4)]
        })
        .collect();
    [hex[0], hex[1]]
}

/// CIE L*a*b* of an sRGB colour (D65).
fn lab([r, g, b]: [f64; 3]) -> [f64; 3] {
    let lin = |c: f64| {
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let (r, g, b) = (lin(r), lin(g), lin(b));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| {
        if t > 0.008856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    [
        116.0 * f(y) - 16.0,
        500.0 * (f(x) - f(y)),
        200.0 * (f(y) - f(z)),
    ]
}

/// Issue 28 item 14: the chart's purchase marks are told apart from every feature's colour, in
/// light and dark mode (dark AI Copilot and Top-ups were nearly the same: ΔE 28.7).
#[test]
fn chart_marks_stand_apart_from_the_features() {
    let marker = light_dark("--chart-marker");
    for feature in [
        "--feature-smart-flows",
        "--feature-ai-copilot",
        "--feature-ai-pilots",
    ] {
        let f = light_dark(feature);
        for mode in 0..2 {
            let (a, b) = (lab(marker[mode]), lab(f[mode]));
            let de = ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt();
            assert!(de > 30.0, "{feature} mode {mode}: ΔE {de:.1}");
        }
    }
}
