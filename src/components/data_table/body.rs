//! A page of a table's body: its rows, each group headed by a row with its subtotals while the
//! rows are grouped, and a row's name as a button where rows open something.

use super::cells::{cell_view, summary_cells};
use crate::domain::pricing::CreditValue;
use crate::domain::table::{totals, Cell, Column, RowGroup};
use leptos::prelude::*;

/// What a page of the body is drawn from.
pub(super) struct BodyRows<'a> {
    pub cols: &'a [Column],
    pub rows: &'a [Vec<Cell>],
    /// The groups, while the rows are grouped.
    pub groups: Option<&'a [RowGroup]>,
    /// The group a row is in.
    pub group_of: &'a dyn Fn(usize) -> Option<usize>,
    /// The rows of this page, in table order.
    pub shown: &'a [usize],
    /// The value of a credit, while values are shown.
    pub value: Option<&'a CreditValue>,
    /// What a row is, one and many ("user", "users").
    pub noun: (&'static str, &'static str),
    /// Where rows open something: what is called with a row's index, the column of the names
    /// that open it, and what a name says it opens.
    pub link: Option<(Callback<usize>, usize, &'static str)>,
}

/// The rows of a page, each group's head row before its first row on the page ("(continued)"
/// when the group began on an earlier page).
pub(super) fn body_rows(b: BodyRows<'_>) -> Vec<AnyView> {
    let (one, many) = b.noun;
    let mut last = None;
    let mut out = Vec::with_capacity(b.shown.len() + 8);
    for &i in b.shown {
        if let Some((g, group)) = (b.group_of)(i)
            .filter(|g| last != Some(*g))
            .and_then(|g| Some((g, b.groups?.get(g)?)))
        {
            last = Some(g);
            let sub = totals(b.cols, b.rows, &group.rows);
            let n = group.rows.len();
            let continued = group.rows.first() != Some(&i);
            let head = format!(
                "{}{} · {n} {}",
                if group.name.is_empty() {
                    "(none)"
                } else {
                    group.name.as_str()
                },
                if continued { " (continued)" } else { "" },
                if n == 1 { one } else { many },
            );
            out.push(
                view! {
                    <tr class="group-row" data-testid="group-row" data-group=group.name.clone()>
                        {summary_cells(b.cols, sub, b.value, head, (b.rows, &group.rows))}
                    </tr>
                }
                .into_any(),
            );
        }
        out.push(row(&b, i));
    }
    out
}

/// Row `i`: its cells, its name a button where rows open something.
fn row(b: &BodyRows<'_>, i: usize) -> AnyView {
    let cells = b
        .cols
        .iter()
        .zip(b.rows[i].iter())
        .enumerate()
        .map(|(j, (c, cell))| {
            let content = match (b.link, cell) {
                (Some((open, col, open_label)), Cell::Text(t)) if j == col => view! {
                    <button
                        type="button"
                        class="cell-text cell-link"
                        dir="auto"
                        title=format!("{t}: {open_label}")
                        on:click=move |_| open.run(i)
                    >
                        {t.clone()}
                    </button>
                }
                .into_any(),
                _ => cell_view(c, cell, b.value),
            };
            view! { <td class:num=c.numeric() class:col-secondary=c.secondary data-col=c.key>{content}</td> }
        })
        .collect_view();
    view! { <tr data-testid="row">{cells}</tr> }.into_any()
}
