//! A report's CSV: exactly the rows shown, safe to open in a spreadsheet, and its file's name.

use super::{Cell, Column, ColumnKind};
use crate::domain::compare::Change;
use crate::domain::pricing::CreditValue;

/// A text cell that a spreadsheet could run as a formula gets a leading apostrophe: one that
/// starts with `=`, `+`, `-`, `@`, tab or CR. A cell that would start one after the spreadsheet
/// splits it on `,`, `;` or tab (an import with another separator than ours, as European
/// locales split on `;`) also gets one before each such part, since the leading apostrophe then
/// stays in the first part only: `x;=2+3;` is written `'x;'=2+3;`. The writer quotes every text
/// cell, so with our separator the apostrophes and the text stay one cell.
pub fn neutralise(text: &str) -> String {
    let risky = |part: &str| {
        part.trim_start_matches([' ', '"'])
            .starts_with(['=', '+', '-', '@', '\t', '\r'])
    };
    let parts_risky = text.split([',', ';', '\t']).skip(1).any(risky);
    if !risky(text) && !parts_risky {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 4);
    out.push('\'');
    for (i, part) in text.split_inclusive([',', ';', '\t']).enumerate() {
        if i > 0 && risky(part) {
            out.push('\'');
        }
        out.push_str(part);
    }
    out
}

impl Column {
    /// The column's name in a CSV header: its key, with the unit where one is implied.
    pub fn csv_name(&self) -> &'static str {
        match (self.kind, self.csv) {
            (_, Some(name)) => name,
            (ColumnKind::Change { .. }, None) => "change_pct",
            (_, None) => self.key,
        }
    }
}

/// The CSV of exactly the rows shown (every page, in the shown order). The header is the first
/// line; `constants` (the range, the comparison, the filters by name, the as-of time of the
/// figures) are columns at the end of every row, so the file imports and pivots as it is.
/// Numbers are plain; changes are percentages ("new" or empty where there is none).
pub fn to_csv(
    constants: &[(&str, String)],
    columns: &[Column],
    rows: &[Vec<Cell>],
    visible: &[usize],
    value: Option<&CreditValue>,
) -> String {
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::NonNumeric)
        .from_writer(Vec::new());
    // With a credit value, each credits column is followed by its value in the currency.
    let valued = |c: &Column| value.filter(|_| c.kind == ColumnKind::Credits);
    // A status column is followed by the day it began (issue 28 item 12: a state and a date
    // are two fields, "Archived" and "2026-12-05", not "Archived since 2026-12-05").
    let dated = |c: &Column| c.kind == ColumnKind::Status;
    let header: Vec<String> = columns
        .iter()
        .flat_map(|c| {
            let name = c.csv_name().to_string();
            let value_name = valued(c).map(|v| value_column(&name, v));
            let since_name = dated(c).then(|| format!("{name}_since"));
            std::iter::once(name).chain(value_name).chain(since_name)
        })
        .chain(constants.iter().map(|(k, _)| neutralise(k)))
        .collect();
    let _ = w.write_record(&header);
    let fixed: Vec<String> = constants.iter().map(|(_, v)| neutralise(v)).collect();
    let number = |n: f64| format!("{}", (n * 100.0).round() / 100.0);
    for &r in visible {
        let record: Vec<String> = columns
            .iter()
            .enumerate()
            .flat_map(|(c, col)| {
                let cell = rows[r].get(c);
                let text = match cell {
                    Some(Cell::Text(t)) | Some(Cell::Status(t, _)) => neutralise(t),
                    Some(Cell::Number(n)) => number(*n),
                    Some(Cell::Change(Change::Percent(p))) => crate::domain::fixed(*p, 1),
                    Some(Cell::Change(Change::New)) => "new".into(),
                    Some(Cell::Change(Change::Nothing)) | Some(Cell::Empty) | None => String::new(),
                };
                let value_text = valued(col).map(|v| match cell {
                    Some(Cell::Number(n)) => number(v.of(*n)),
                    _ => String::new(),
                });
                let since_text = dated(col).then(|| match cell {
                    Some(Cell::Status(_, Some(since))) => since.to_string(),
                    _ => String::new(),
                });
                std::iter::once(text).chain(value_text).chain(since_text)
            })
            .chain(fixed.iter().cloned())
            .collect();
        let _ = w.write_record(&record);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The CSV name of a credits column's value, with the rate it is valued at (DESIGN 14):
/// `credits` → `value_usd_at_9.12_per_1000`, `previous_credits` → `previous_value_usd_at_…`,
/// `smart_flows` → `smart_flows_value_usd_at_…`.
fn value_column(credits_name: &str, value: &CreditValue) -> String {
    let base = if credits_name.contains("credits") {
        credits_name.replacen("credits", "value", 1)
    } else {
        format!("{credits_name}_value")
    };
    format!(
        "{base}_{}_at_{}_per_1000",
        neutralise(&value.currency.to_ascii_lowercase()),
        value.rate_key()
    )
}

/// A file name from parts (report, range, filters, as-of): letters, digits, `.`, `_` and `-`
/// only, at most 120 characters before `.csv`.
pub fn csv_file_name(parts: &[String]) -> String {
    let mut name: String = parts
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || matches!(c, '.' | '-') {
                        c
                    } else {
                        '-'
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("_");
    while name.contains("--") {
        name = name.replace("--", "-");
    }
    let name: String = name.chars().take(120).collect();
    format!("{}.csv", name.trim_matches('-'))
}
