use crate::domain::pricing::CreditValue;
use crate::domain::table::{
    csv_file_name, group_rows, money_sums, page, page_count, to_csv, totals, visible_rows_with,
    Cell, Column, ColumnKind, RowKeys, SortDir, TableState,
};
use crate::domain::Change;
use crate::platform::download::download;
use crate::platform::format;
use leptos::prelude::*;
use std::sync::Arc;

/// The rows of a report: cells in column order.
pub type Rows = Arc<Vec<Vec<Cell>>>;

/// A cell; a credits figure shows its value too while `value` is given (and carries it in
/// `data-money`).
fn cell_view(col: &Column, cell: &Cell, value: Option<&CreditValue>) -> AnyView {
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
fn summary_cells(
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
        Change::Percent(p) => format!("{p:.1}"),
        Change::New => "new".into(),
        Change::Nothing => String::new(),
    };
    view! { <span class=class data-change=value>{c.label()}</span> }.into_any()
}

/// The report table: sortable by every column, searchable by name, paged, with a totals row
/// over every matching row and a CSV export of exactly those rows in the shown order.
#[component]
pub fn DataTable(
    /// Columns, in order.
    #[prop(into)]
    columns: Signal<Vec<Column>>,
    /// The rows.
    #[prop(into)]
    rows: Signal<Rows>,
    /// What the table lists, naming its pager for assistive technology ("Pages of AI Copilot
    /// usage by user": a page has one pager per report).
    title: &'static str,
    /// What the search box looks in ("Search users").
    search_label: &'static str,
    /// The CSV file's name without extension.
    #[prop(into)]
    file_stem: Signal<String>,
    /// Columns at the end of every CSV row (range, comparison, filters by name, as of).
    #[prop(into)]
    csv_meta: Signal<Vec<(String, String)>>,
    /// Rows per page.
    #[prop(optional)]
    page_size: Option<usize>,
    /// While given, credits figures show their value too, and the CSV has a value column
    /// after each credits column.
    #[prop(optional, into)]
    money: Option<Signal<Option<CreditValue>>>,
    /// While it names a column (by key), rows come gathered by that column's text, each group
    /// under a row with its subtotals (see [`group_rows`]).
    #[prop(optional, into)]
    group_by: Option<Signal<Option<&'static str>>>,
    /// What a row is, one and many ("user", "users"), for the group rows' counts.
    #[prop(optional)]
    row_noun: Option<(&'static str, &'static str)>,
    /// Given, a row's name (its first name column) is a button that calls it with the row's
    /// index; `open_label` says what it opens ("Show its actions").
    #[prop(default = None)]
    on_row: Option<Callback<usize>>,
    #[prop(optional)] open_label: &'static str,
    /// The order the rows come in, said by the header from the start (`aria-sort` and its
    /// arrow); none shows them as given.
    #[prop(optional)]
    sorted_by: Option<(&'static str, SortDir)>,
) -> impl IntoView {
    let prev_button = NodeRef::<leptos::html::Button>::new();
    let next_button = NodeRef::<leptos::html::Button>::new();
    let money = move || money.and_then(|m| m.get());
    let state = RwSignal::new(TableState {
        page_size: page_size.unwrap_or(25),
        sort: sorted_by,
        ..Default::default()
    });
    // A new answer, or rows grouped or ungrouped, start on the first page.
    Effect::new(move |_| {
        rows.track();
        if let Some(g) = group_by {
            g.track();
        }
        state.update(|s| s.page = 0);
    });
    // Lowercased once per answer: a click on a header or a keystroke in the search compares them.
    let keys = Memo::new(move |_| rows.with(|r| RowKeys::new(r)));
    let sorted = Memo::new(move |_| {
        columns
            .with(|c| rows.with(|r| keys.with(|k| state.with(|s| visible_rows_with(c, r, k, s)))))
    });
    let groups = Memo::new(move |_| {
        let key = group_by.and_then(|g| g.get())?;
        columns.with(|c| {
            let col = c.iter().position(|c| c.key == key)?;
            Some(rows.with(|r| sorted.with(|v| state.with(|s| group_rows(c, r, v, col, s)))))
        })
    });
    // Which group each row is in, to head each group on a page.
    let group_index = Memo::new(move |_| {
        groups.with(|g| {
            g.as_ref().map(|g| {
                g.iter()
                    .enumerate()
                    .flat_map(|(i, g)| g.rows.iter().map(move |&r| (r, i)))
                    .collect::<std::collections::HashMap<usize, usize>>()
            })
        })
    });
    // In table order, group by group while grouped: paging, the totals and the CSV follow it.
    let visible = Memo::new(move |_| {
        groups.with(|g| match g {
            Some(g) => g.iter().flat_map(|g| g.rows.iter().copied()).collect(),
            None => sorted.get(),
        })
    });
    let total_row =
        Memo::new(move |_| columns.with(|c| rows.with(|r| visible.with(|v| totals(c, r, v)))));
    let pages = move || visible.with(|v| page_count(v.len(), state.with(|s| s.page_size)));
    let current_page = move || state.with(|s| s.page).min(pages() - 1);
    let export = move |_| {
        // A search narrows the rows: the file says so in a column and in its name, or six of a
        // team's flows would read as all of them.
        let search = state.with_untracked(|s| s.search.trim().to_string());
        let csv = columns.with_untracked(|c| {
            rows.with_untracked(|r| {
                let mut meta: Vec<(String, String)> = csv_meta.get_untracked();
                if !search.is_empty() {
                    meta.push(("search".to_string(), search.clone()));
                }
                let meta: Vec<(&str, String)> =
                    meta.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
                let value = untrack(money);
                visible.with_untracked(|v| to_csv(&meta, c, r, v, value.as_ref()))
            })
        });
        let stem = file_stem.get_untracked();
        let name = if search.is_empty() {
            format!("{stem}.csv")
        } else {
            let part = csv_file_name(&[format!("search-{search}")]);
            format!("{stem}_{part}")
        };
        download(&name, "text/csv;charset=utf-8", &format!("\u{feff}{csv}"));
    };
    view! {
        <div class="table-tools">
            <input
                class="input table-search"
                type="search"
                placeholder=search_label
                aria-label=search_label
                data-testid="table-search"
                prop:value=move || state.with(|s| s.search.clone())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    state.update(|s| {
                        s.search = v;
                        s.page = 0;
                    });
                }
            />
            <span class="muted table-count" aria-live="polite">
                {move || {
                    let n = visible.with(Vec::len);
                    let all = rows.with(|r| r.len());
                    if n == all { format!("{} rows", format::count(n as f64)) } else { format!("{} of {} rows", format::count(n as f64), format::count(all as f64)) }
                }}
            </span>
            <button class="btn" data-testid="export-csv" on:click=export>"Export CSV"</button>
        </div>
        <div class="table-scroll">
            <table class="table">
                <thead>
                    <tr>
                        {move || {
                            columns
                                .get()
                                .into_iter()
                                .map(|col| {
                                    let numeric = col.numeric();
                                    let key = col.key;
                                    let sort = move || state.with(|s| s.sort).filter(|(c, _)| *c == key).map(|(_, d)| d);
                                    view! {
                                        <th
                                            scope="col"
                                            data-head=key
                                            class:num=numeric
                                            class:col-secondary=col.secondary
                                            aria-sort=move || match sort() {
                                                Some(SortDir::Asc) => "ascending",
                                                Some(SortDir::Desc) => "descending",
                                                None => "none",
                                            }
                                        >
                                            <button class="th-sort" on:click=move |_| state.update(|s| s.toggle_sort(key, numeric))>
                                                {col.label}
                                                // The arrow is drawn from the header's aria-sort (style/table.css), so
                                                // the header's text is its name alone.
                                                <span class="sort-mark" aria-hidden="true"></span>
                                            </button>
                                        </th>
                                    }
                                })
                                .collect_view()
                        }}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let cols = columns.get();
                        let value = money();
                        let (one, many) = row_noun.unwrap_or(("row", "rows"));
                        // The column whose names open something, when rows do.
                        let link_col = on_row.and_then(|_| cols.iter().position(|c| c.kind == ColumnKind::Name));
                        rows.with(|r| {
                            groups.with(|groups| {
                            visible.with(|v| {
                                let s = state.get();
                                let s = TableState { page: current_page(), ..s };
                                let shown = page(v, &s);
                                let group_of = |i: usize| {
                                    group_index.with(|m| m.as_ref()?.get(&i).copied())
                                };
                                let mut last = None;
                                let mut out = Vec::with_capacity(shown.len() + 8);
                                for &i in shown {
                                    if let Some(g) = group_of(i).filter(|g| last != Some(*g)) {
                                        last = Some(g);
                                        let group = &groups.as_ref().expect("grouped")[g];
                                        let sub = totals(&cols, r, &group.rows);
                                        let n = group.rows.len();
                                        let continued = group.rows.first() != Some(&i);
                                        let head = format!(
                                            "{}{} · {n} {}",
                                            if group.name.is_empty() { "(none)" } else { group.name.as_str() },
                                            if continued { " (continued)" } else { "" },
                                            if n == 1 { one } else { many },
                                        );
                                        out.push(
                                            view! {
                                                <tr class="group-row" data-testid="group-row" data-group=group.name.clone()>
                                                    {summary_cells(&cols, sub, value.as_ref(), head, (r, &group.rows))}
                                                </tr>
                                            }
                                                .into_any(),
                                        );
                                    }
                                    let row = &r[i];
                                    out.push(
                                        view! {
                                            <tr data-testid="row">
                                                {cols
                                                    .iter()
                                                    .zip(row.iter())
                                                    .enumerate()
                                                    .map(|(j, (c, cell))| {
                                                        let content = match (on_row, cell) {
                                                            (Some(open), Cell::Text(t)) if Some(j) == link_col => {
                                                                view! {
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
                                                                    .into_any()
                                                            }
                                                            _ => cell_view(c, cell, value.as_ref()),
                                                        };
                                                        view! { <td class:num=c.numeric() class:col-secondary=c.secondary data-col=c.key>{content}</td> }
                                                    })
                                                    .collect_view()}
                                            </tr>
                                        }
                                            .into_any(),
                                    );
                                }
                                out
                            })
                            })
                        })
                    }}
                    <Show when=move || visible.with(Vec::is_empty)>
                        <tr>
                            <td class="muted table-none" colspan=move || columns.with(Vec::len).to_string()>
                                "No rows match the search."
                            </td>
                        </tr>
                    </Show>
                </tbody>
                <tfoot>
                    <tr data-testid="totals">
                        {move || {
                            let cols = columns.get();
                            rows.with(|r| visible.with(|v| {
                                summary_cells(&cols, total_row.get(), money().as_ref(), "Total".to_string(), (r, v))
                            }))
                        }}
                    </tr>
                </tfoot>
            </table>
        </div>
        <Show when=move || { pages() > 1 }>
            <nav class="pager" aria-label=format!("Pages of {title}")>
                <button
                    class="btn"
                    data-testid="page-prev"
                    node_ref=prev_button
                    disabled=move || current_page() == 0
                    on:click=move |_| {
                        state.update(|s| s.page = s.page.saturating_sub(1));
                        // The first page disables this button: focus moves to Next, not to the page.
                        if state.with_untracked(|s| s.page == 0) {
                            focus(next_button);
                        }
                    }
                >
                    "Previous"
                </button>
                <span class="muted" data-testid="page-status">{move || format!("Page {} of {}", current_page() + 1, pages())}</span>
                <button
                    class="btn"
                    data-testid="page-next"
                    node_ref=next_button
                    disabled=move || { current_page() + 1 >= pages() }
                    on:click=move |_| {
                        // Read before writing: the page count reads the same state.
                        let last = pages() - 1;
                        state.update(|s| s.page = (s.page + 1).min(last));
                        // The last page disables this button: focus moves to Previous.
                        if state.with_untracked(|s| s.page >= last) {
                            focus(prev_button);
                        }
                    }
                >
                    "Next"
                </button>
            </nav>
        </Show>
    }
}

/// Moves focus to `button` once the page shows the change: the button the admin pressed has just
/// become disabled (the first or the last page), and focus would otherwise fall to the page.
fn focus(button: NodeRef<leptos::html::Button>) {
    request_animation_frame(move || {
        if let Some(b) = button.try_get_untracked().flatten() {
            let _ = b.focus();
        }
    });
}
