//! How a table's cells are drawn: text, numbers with their value in money, statuses, changes,
//! and the totals and subtotals rows.

use crate::domain::pricing::CreditValue;
use crate::domain::table::{money_sums, Cell, Column, ColumnKind};
use crate::domain::Change;
use crate::platform::format;
use leptos::prelude::*;

/// A cell; a credits figure shows its value too while `value` is given (and carries it in
/// `data-money`).
pub(super) fn cell_view(col: &Column, cell: &Cell, value: Option<&CreditValue>) -> AnyView {
    cell_view_valued(col, cell, value, None)
}

/// `cell_view`, with the money given instead of computed (a totals row's: the sum of its rows'
/// rounded values, so that the parts add up to it).
fn cell_view_valued(
    col: &Column,
    cell: &Cell,
    value: Option<&CreditValue>,
    money_given: Option<f64>,
) -> AnyView {
    match cell {
        Cell::Text(t) if col.kind == ColumnKind::Status => status_view(t, None),
        Cell::Status(t, since) => status_view(t, *since),
        Cell::Text(t) => {
            // Focusable by a tap or a click (not a Tab stop): a name cut short shows in full,
            // wrapped in its column, while it has focus.
            view! { <span class="cell-text" dir="auto" tabindex="-1" title=t.clone()>{t.clone()}</span> }
                .into_any()
        }
        Cell::Number(n) => {
            let text = if col.kind == ColumnKind::Count {
                format::count(*n)
            } else {
                format::credits(*n)
            };
            let money = value.filter(|_| col.kind == ColumnKind::Credits).map(|v| {
                let m = money_given.unwrap_or_else(|| v.of(*n));
                (m, format::money(m, &v.currency))
            });
            let amount = money.as_ref().map(|m| m.0);
            view! {
                <span class="num" data-value=*n data-money=amount>
                    {text}
                    {money.map(|(_, m)| view! { <span class="money">{m}</span> })}
                </span>
            }
            .into_any()
        }
        Cell::Change(c) => change_view(*c),
        Cell::Empty => view! { <span class="muted">"–"</span> }.into_any(),
    }
}

/// The cells of a totals row (the table's, or a group's): `label` in the first column, the
/// sums of credits and counts, the change of the sums; nothing under text columns. The money of
/// a sum is the sum of its rows' money (`members` of `rows`), cent for cent.
pub(super) fn summary_cells(
    cols: &[Column],
    sums: Vec<Option<f64>>,
    value: Option<&CreditValue>,
    label: String,
    (rows, members): (&[Vec<Cell>], &[usize]),
) -> impl IntoView {
    let mut label = Some(label);
    let money = value.map(|v| money_sums(cols, rows, members, v));
    cols.iter()
        .zip(sums)
        .enumerate()
        .map(|(i, (c, total))| {
            let given = money.as_ref().and_then(|m| m[i]);
            let content = match (i, total) {
                (0, _) => view! { <span>{label.take()}</span> }.into_any(),
                (_, Some(v)) if matches!(c.kind, ColumnKind::Change { .. }) => {
                    change_view(Change::Percent(v))
                }
                (_, Some(v)) => cell_view_valued(c, &Cell::Number(v), value, given),
                _ => view! { <span></span> }.into_any(),
            };
            view! { <td class:num=c.numeric() class:col-secondary=c.secondary data-col=c.key>{content}</td> }
        })
        .collect_view()
}

/// A status badge, with the day it began beside it when it is an end ("Archived since Nov 3").
fn status_view(text: &str, since: Option<chrono::NaiveDate>) -> AnyView {
    let class = format!("status status-{}", text.to_lowercase().replace(' ', "-"));
    view! {
        <span class=class>{text.to_string()}</span>
        {since.map(|d| view! { <span class="status-since muted" data-since=d.to_string()>{format!("since {}", format::date(d))}</span> })}
    }
    .into_any()
}

/// A percent change with its direction: more credits used reads as a warning colour.
pub fn change_view(c: Change) -> AnyView {
    let class = match c {
        Change::Percent(p) if p > 0.05 => "change up",
        Change::Percent(p) if p < -0.05 => "change down",
        Change::New => "change new",
        _ => "change",
    };
    let value = match c {
        Change::Percent(p) => crate::domain::fixed(p, 1),
        Change::New => "new".into(),
        Change::Nothing => String::new(),
    };
    view! { <span class=class data-change=value>{c.label()}</span> }.into_any()
}
