//! A report's table: search, sort, group, page and export the rows; the figures' totals at its
//! foot. Its parts: how cells are drawn (`cells`), a page of the body (`body`), the pager
//! (`pager`).

mod body;
mod cells;
mod pager;

pub use cells::change_view;

use crate::domain::pricing::CreditValue;
use crate::domain::table::{
    csv_file_name, group_rows, page, page_count, to_csv, totals, visible_rows_with, Cell, Column,
    ColumnKind, RowGroup, RowKeys, SortDir, TableState,
};
use crate::platform::download::download;
use crate::platform::format;
use body::{body_rows, BodyRows};
use cells::summary_cells;
use leptos::prelude::*;
use pager::pager;
use std::collections::HashMap;
use std::sync::Arc;

/// The rows of a report: cells in column order.
pub type Rows = Arc<Vec<Vec<Cell>>>;

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
    let money = move || money.and_then(|m| m.get());
    let state = RwSignal::new(TableState {
        page_size: page_size.unwrap_or(25),
        sort: sorted_by,
        ..Default::default()
    });
    let model = table_model(columns, rows, group_by, state);
    let visible = model.visible;
    let pages = move || model.pages();
    let current_page = move || model.current_page();
    let export = move |_| {
        export_csv(
            Exported {
                columns,
                rows,
                visible,
                csv_meta,
                file_stem,
            },
            state,
            untrack(money),
        )
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
                {move || model.count_text()}
            </span>
            <button class="btn" data-testid="export-csv" on:click=export>"Export CSV"</button>
        </div>
        <div class="table-scroll">
            <table class="table">
                <thead>
                    <tr>
                        {move || header_cells(columns.get(), state)}
                    </tr>
                </thead>
                <tbody>
                    {move || model.body(money().as_ref(), on_row.map(|open| (open, open_label)), row_noun.unwrap_or(("row", "rows")))}
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
                        {move || model.footer(money().as_ref())}
                    </tr>
                </tfoot>
            </table>
        </div>
        <Show when=move || { pages() > 1 }>{pager(title, state, pages, current_page)}</Show>
    }
}

/// What the table's figures are, from its rows and state: memos, so a keystroke in the search
/// or a click on a header recomputes only what it changes.
#[derive(Clone, Copy)]
struct TableModel {
    columns: Signal<Vec<Column>>,
    rows: Signal<Rows>,
    state: RwSignal<TableState>,
    groups: Memo<Option<Vec<RowGroup>>>,
    /// Which group each row is in, to head each group on a page.
    group_index: Memo<Option<HashMap<usize, usize>>>,
    /// The rows shown, in table order, group by group while grouped: paging, the totals and the
    /// CSV follow it.
    visible: Memo<Vec<usize>>,
    total_row: Memo<Vec<Option<f64>>>,
}

fn table_model(
    columns: Signal<Vec<Column>>,
    rows: Signal<Rows>,
    group_by: Option<Signal<Option<&'static str>>>,
    state: RwSignal<TableState>,
) -> TableModel {
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
    let group_index = Memo::new(move |_| {
        groups.with(|g| {
            g.as_ref().map(|g| {
                g.iter()
                    .enumerate()
                    .flat_map(|(i, g)| g.rows.iter().map(move |&r| (r, i)))
                    .collect::<HashMap<usize, usize>>()
            })
        })
    });
    let visible = Memo::new(move |_| {
        groups.with(|g| match g {
            Some(g) => g.iter().flat_map(|g| g.rows.iter().copied()).collect(),
            None => sorted.get(),
        })
    });
    let total_row =
        Memo::new(move |_| columns.with(|c| rows.with(|r| visible.with(|v| totals(c, r, v)))));
    TableModel {
        columns,
        rows,
        state,
        groups,
        group_index,
        visible,
        total_row,
    }
}

impl TableModel {
    fn pages(&self) -> usize {
        self.visible
            .with(|v| page_count(v.len(), self.state.with(|s| s.page_size)))
    }

    /// The page shown: the one asked for, or the last when fewer rows are left.
    fn current_page(&self) -> usize {
        self.state.with(|s| s.page).min(self.pages() - 1)
    }

    /// "1,204 rows", or "12 of 1,204 rows" while a search narrows them.
    fn count_text(&self) -> String {
        let n = self.visible.with(Vec::len);
        let all = self.rows.with(|r| r.len());
        if n == all {
            format!("{} rows", format::count(n as f64))
        } else {
            format!(
                "{} of {} rows",
                format::count(n as f64),
                format::count(all as f64)
            )
        }
    }

    /// The totals row, over every row shown (not only this page's).
    fn footer(&self, value: Option<&CreditValue>) -> impl IntoView {
        let cols = self.columns.get();
        self.rows.with(|r| {
            self.visible.with(|v| {
                summary_cells(
                    &cols,
                    self.total_row.get(),
                    value,
                    "Total".to_string(),
                    (r, v),
                )
            })
        })
    }

    /// The body's rows of the page shown; `link` makes the names of the first name column
    /// buttons that open the row (with what they open, for their title).
    fn body(
        &self,
        value: Option<&CreditValue>,
        link: Option<(Callback<usize>, &'static str)>,
        noun: (&'static str, &'static str),
    ) -> Vec<AnyView> {
        let cols = self.columns.get();
        // The column whose names open something, when rows do.
        let link = link.and_then(|(open, label)| {
            Some((
                open,
                cols.iter().position(|c| c.kind == ColumnKind::Name)?,
                label,
            ))
        });
        let s = TableState {
            page: self.current_page(),
            ..self.state.get()
        };
        self.rows.with(|r| {
            self.groups.with(|groups| {
                self.visible.with(|v| {
                    self.group_index.with(|index| {
                        body_rows(BodyRows {
                            cols: &cols,
                            rows: r,
                            groups: groups.as_deref(),
                            group_of: &|i| index.as_ref()?.get(&i).copied(),
                            shown: page(v, &s),
                            value,
                            noun,
                            link,
                        })
                    })
                })
            })
        })
    }
}

/// What a CSV export writes.
struct Exported {
    columns: Signal<Vec<Column>>,
    rows: Signal<Rows>,
    visible: Memo<Vec<usize>>,
    csv_meta: Signal<Vec<(String, String)>>,
    file_stem: Signal<String>,
}

/// Downloads the rows shown, in the shown order, as CSV.
fn export_csv(table: Exported, state: RwSignal<TableState>, value: Option<CreditValue>) {
    let Exported {
        columns,
        rows,
        visible,
        csv_meta,
        file_stem,
    } = table;
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
}

/// The header's cells: each a button that sorts by its column, its order said by `aria-sort`.
fn header_cells(columns: Vec<Column>, state: RwSignal<TableState>) -> impl IntoView {
    columns
        .into_iter()
        .map(|col| {
            let numeric = col.numeric();
            let key = col.key;
            let sort = move || {
                state
                    .with(|s| s.sort)
                    .filter(|(c, _)| *c == key)
                    .map(|(_, d)| d)
            };
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
                    <button
                        class="th-sort"
                        on:click=move |_| state.update(|s| s.toggle_sort(key, numeric))
                    >
                        {col.label}
                        // The arrow is drawn from the header's aria-sort (style/table.css), so
                        // the header's text is its name alone.
                        <span class="sort-mark" aria-hidden="true"></span>
                    </button>
                </th>
            }
        })
        .collect_view()
}
