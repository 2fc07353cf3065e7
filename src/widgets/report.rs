//! The frame of the four usage reports: widget filters, compare with, Show %, and the table.

use super::compare_controls::{use_report, CompareControls, ReportSettings, ReportState};
use crate::api::types::{Report, UsageQuery};
use crate::api::{ApiError, UsageApi};
use crate::components::data_table::{DataTable, Rows};
use crate::components::widget_frame::{FrameStatus, OwnFilters, WidgetFrame};
use crate::domain::table::{csv_file_name, Cell, Column, ColumnKind, SortDir};
use crate::domain::{percent_change, CompareWith, Credits, DateRange, RangeLimits, WidgetId};
use crate::state::dash::{DashAnswers, DashFilters, MoneyView, WidgetLinks};
use crate::state::preview::Preview;
use crate::state::remote::{Fetched, Newer, Remote};
use crate::state::url::url_flag;
use crate::state::widget_url::{filters_showing, with_opened_flow};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::future::Future;
use std::sync::Arc;

/// A report's "Group by …" choice: rows gathered by one column, with subtotals; kept in the URL
/// as a token of the report's view (`w.copilot=group:team`), so a link and Back keep it.
#[derive(Clone, Copy, Debug)]
pub struct Grouping {
    /// The column's key.
    pub column: &'static str,
    /// The checkbox's label and test hook.
    pub label: &'static str,
    pub testid: &'static str,
    pub token: &'static str,
    /// What a row is, one and many, for the group rows' counts.
    pub noun: (&'static str, &'static str),
}

/// One row of a report: its own cells, then its credits and the comparison's.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportRow {
    pub cells: Vec<Cell>,
    pub credits: Credits,
    pub previous: Option<Credits>,
    /// What the row opens elsewhere on the page (a flow's id and name: its actions), if anything.
    pub link: Option<(String, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReportData {
    pub range: DateRange,
    pub comparison: Option<DateRange>,
    pub rows: Vec<ReportRow>,
}

impl ReportData {
    /// The table of an API report, one row per API row.
    pub fn from_report<R>(report: Report<R>, row: impl Fn(R) -> ReportRow) -> Self {
        ReportData {
            range: report.range,
            comparison: report.comparison_range,
            rows: report.rows.into_iter().map(row).collect(),
        }
    }
}

/// A usage report: `columns` are the row's own cells; credits, previous credits and the change
/// follow.
#[component]
pub fn ReportWidget<F, Fut>(
    /// Which report: its test hook, title and key in the URL.
    id: WidgetId,
    search_label: &'static str,
    columns: Vec<Column>,
    /// Asks the API for the report.
    fetch: F,
    #[prop(optional, into)] class: String,
    /// A "Group by" choice the report offers.
    #[prop(optional)]
    grouping: Option<Grouping>,
    /// Called with a row's link (see [`ReportRow::link`]) when its name is clicked.
    #[prop(optional)]
    on_open: Option<Callback<(String, String)>>,
    /// What a name opens, for its title ("Show its actions below").
    #[prop(optional)]
    open_label: &'static str,
    /// Whether the report narrows to the flow chosen in the flows report (the actions report).
    #[prop(optional)]
    by_flow: bool,
) -> impl IntoView
where
    F: Fn(UsageApi, UsageQuery) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<ReportData, ApiError>> + 'static,
{
    let links = WidgetLinks::expect();
    // The answer keeps the query it answers, so the CSV describes the rows it exports, not a
    // newer query still loading.
    let ReportState { settings, data } = use_report(
        move |api, q: UsageQuery| {
            let asked = q.clone();
            let rows = fetch(api, q);
            async move { rows.await.map(|d| (asked, d)) }
        },
        by_flow.then(|| {
            Signal::derive(move || {
                links
                    .actions_flow
                    .with(|f| f.as_ref().map(|(id, _)| id.clone()))
            })
        }),
        id,
    );
    // All that follows does not depend on the fetch: one copy of it serves the four reports.
    report_view(
        ReportShape {
            id,
            search_label,
            columns,
            class,
            grouping,
            on_open,
            open_label,
            by_flow,
        },
        settings,
        data,
    )
}

/// What a report is, apart from how it asks for its rows.
struct ReportShape {
    id: WidgetId,
    search_label: &'static str,
    columns: Vec<Column>,
    class: String,
    grouping: Option<Grouping>,
    on_open: Option<Callback<(String, String)>>,
    open_label: &'static str,
    by_flow: bool,
}

type Answered = Fetched<(UsageQuery, ReportData)>;

/// A choice kept in the URL: whether it is on, and how to set it.
type Flag = (Memo<bool>, Callback<bool>);

fn report_view(shape: ReportShape, settings: ReportSettings, answered: Answered) -> impl IntoView {
    let (id, grouping, by_flow) = (shape.id, shape.grouping, shape.by_flow);
    let scope = DashFilters::expect();
    let money = MoneyView::expect();
    let links = WidgetLinks::expect();
    let data = Memo::new(move |_| answered.state.with(|a| a.map_ref(|(_, d)| d.clone())));
    if by_flow {
        // A flow opened from the flows report: its filters become this report's.
        Effect::new(move |_| {
            if let Some(f) = links.actions_handoff.get() {
                settings.filters.set(f);
                links.actions_handoff.set(None);
            }
        });
    }
    let ReportSettings {
        filters,
        compare,
        show_percent,
        query,
    } = settings;
    let status = Signal::derive(move || data.with(|d| FrameStatus::of(d, |d| d.rows.is_empty())));
    // Previous and Change show only with figures that were compared: never a column of zeros
    // for an answer still loading, or kept from before the comparison was chosen, or for days
    // before the account opened (the subtitle says so).
    let compared = Memo::new(move |_| {
        compare.get() != CompareWith::None
            && data.with(|d| {
                d.latest_ref()
                    .and_then(|d| d.comparison)
                    .is_some_and(|c| !scope.before_opening(c))
            })
    });
    let all_columns = report_columns(shape.columns, compared, show_percent);
    let rows = report_rows(data, compared, show_percent);
    let subtitle = Signal::derive(move || {
        let answered = data.with(|d| d.latest_ref().map(|d| (d.range, d.comparison)));
        let newer = data.with(Newer::of);
        scope.report_subtitle(query.with(|q| q.range), answered, compare.get(), newer)
    });
    let (csv_meta, file_stem) = csv_details(id, answered);
    let grouped = grouping
        .zip(id.url_key())
        .map(|(g, key)| (g, url_flag(key, g.token)));
    let on_row = shape.on_open.map(|open| row_opener(open, data, answered));
    let group_by =
        Signal::derive(move || grouped.and_then(|(g, (on, _))| on.get().then_some(g.column)));
    let controls = move || report_controls(by_flow, compare, show_percent, grouped).into_any();
    view! {
        <WidgetFrame
            id=id
            subtitle=subtitle
            status=status
            on_retry=answered.retry
            filters=OwnFilters { own: filters, env: scope.report_filter_env() }
            class=shape.class
            controls=std::sync::Arc::new(controls)
        >
            <DataTable
                columns=all_columns
                rows=rows
                title=id.title()
                search_label=shape.search_label
                file_stem=file_stem
                csv_meta=csv_meta
                page_size=Preview::current().report().page_size
                money=money.money
                group_by=group_by
                row_noun=grouping.map_or(("row", "rows"), |g| g.noun)
                on_row=on_row
                open_label=shape.open_label
                // Most credits first, and the Credits header says so from the start (issue 28
                // item 14: a first click on Credits seemed to do nothing).
                sorted_by=("credits", SortDir::Desc)
            />
        </WidgetFrame>
    }
}

/// The row's own columns, then Credits, and Previous and Change when the figures were compared.
fn report_columns(
    base: Vec<Column>,
    compared: Memo<bool>,
    show_percent: RwSignal<bool>,
) -> Signal<Vec<Column>> {
    Signal::derive(move || {
        let mut c: Vec<Column> = base.clone();
        c.push(Column::new("credits", "Credits", ColumnKind::Credits));
        if compared.get() {
            let previous =
                Column::new("previous", "Previous", ColumnKind::Credits).csv_as("previous_credits");
            if show_percent.get() {
                // On a phone the change says the comparison; the previous figure steps aside.
                c.push(previous.secondary());
                c.push(Column::change("credits", "previous"));
            } else {
                c.push(previous);
            }
        }
        c
    })
}

/// The table's cells, in the order of [`report_columns`].
fn report_rows(
    data: Memo<Remote<ReportData>>,
    compared: Memo<bool>,
    show_percent: RwSignal<bool>,
) -> Memo<Rows> {
    Memo::new(move |_| {
        let compare_on = compared.get();
        let pct = show_percent.get();
        // Read in place: a report of thousands of rows is copied once, into its cells.
        let rows: Vec<Vec<Cell>> = data.with(|d| {
            d.latest_ref()
                .map(|d| {
                    d.rows
                        .iter()
                        .map(|r| {
                            let mut cells = r.cells.clone();
                            cells.push(Cell::Number(r.credits.as_f64()));
                            if compare_on {
                                let prev = r.previous.unwrap_or_default().as_f64();
                                cells.push(Cell::Number(prev));
                                if pct {
                                    cells.push(Cell::Change(percent_change(
                                        r.credits.as_f64(),
                                        prev,
                                    )));
                                }
                            }
                            cells
                        })
                        .collect()
                })
                .unwrap_or_default()
        });
        Arc::new(rows) as Rows
    })
}

/// The CSV's header lines and its file's name, both of the answer on screen.
fn csv_details(
    id: WidgetId,
    answered: Answered,
) -> (Signal<Vec<(String, String)>>, Signal<String>) {
    let answers = DashAnswers::expect();
    let csv_meta = Signal::derive(move || {
        let Some((q, d)) = answered.latest() else {
            return Vec::new();
        };
        let (teams, users) = answers.filter_names(&q);
        let (through, as_of) = answers.export_times(d.range);
        let mut m = vec![
            ("range_from".to_string(), d.range.from.to_string()),
            ("range_to".to_string(), d.range.to.to_string()),
            ("data_through".to_string(), through),
        ];
        if let Some(c) = d.comparison {
            m.push(("compared_from".to_string(), c.from.to_string()));
            m.push(("compared_to".to_string(), c.to.to_string()));
        }
        m.push(("teams".to_string(), teams));
        m.push(("users".to_string(), users));
        m.push(("as_of".to_string(), as_of));
        m
    });
    let file_stem = Signal::derive(move || {
        let Some((q, d)) = answered.latest() else {
            return id.slug().to_string();
        };
        let (teams, users) = answers.filter_names(&q);
        let name = csv_file_name(&[
            id.slug().to_string(),
            format!("{}-to-{}", d.range.from, d.range.to),
            if q.teams.is_empty() {
                String::new()
            } else {
                format!("teams-{teams}")
            },
            if q.users.is_empty() {
                String::new()
            } else {
                format!("users-{users}")
            },
            format!("as-of-{}", answers.as_of()),
        ]);
        name.trim_end_matches(".csv").to_string()
    });
    (csv_meta, file_stem)
}

/// What clicking a row's name does: opens what its link names (a flow's actions).
fn row_opener(
    open: Callback<(String, String)>,
    data: Memo<Remote<ReportData>>,
    answered: Answered,
) -> Callback<usize> {
    let scope = DashFilters::expect();
    let links = WidgetLinks::expect();
    let url = scope.in_url.then(|| {
        let go = crate::state::url::use_query_navigator();
        (use_query_map(), Callback::new(go))
    });
    Callback::new(move |i: usize| {
        let link = data.with_untracked(|d| {
            d.latest_ref()
                .and_then(|d| d.rows.get(i))
                .and_then(|r| r.link.clone())
        });
        if let Some(link) = link {
            let asked = answered
                .state
                .with_untracked(|a| a.latest_ref().map(|(q, _)| q.clone()));
            open_flow(scope, links, asked, &link, url);
            open.run(link);
        }
    })
}

/// The report's own controls: the flow it is narrowed to, compare with, Show %, Group by.
fn report_controls(
    by_flow: bool,
    compare: RwSignal<CompareWith>,
    show_percent: RwSignal<bool>,
    grouped: Option<(Grouping, Flag)>,
) -> impl IntoView {
    view! {
        {by_flow.then(|| view! { <FlowChip /> })}
        <CompareControls compare=compare show_percent=show_percent />
        {grouped
            .map(|(g, (on, set))| {
                view! {
                    <div class="field group-toggle">
                        <label class="check">
                            <input
                                type="checkbox"
                                data-testid=g.testid
                                prop:checked=move || on.get()
                                on:change=move |ev| set.run(event_target_checked(&ev))
                            />
                            {g.label}
                        </label>
                    </div>
                }
            })}
    }
}

/// Opens a flow's actions from the flows report whose answer was for `asked`: what it opens
/// shows the figures of that report's own filters (a flow's actions over the range the flow's
/// figure is of, issue 28 item 9). On the dashboard, the flow and those filters are one new
/// history entry, which the actions report reads; in a gallery card they are handed over.
/// Not generic, so the reports share one copy of it.
fn open_flow(
    scope: DashFilters,
    links: WidgetLinks,
    asked: Option<UsageQuery>,
    link: &(String, String),
    url: Option<(
        Memo<leptos_router::params::ParamsMap>,
        Callback<leptos_router::params::ParamsMap>,
    )>,
) {
    let env = scope.report_filter_env();
    match (asked, url) {
        (Some(q), Some((query, go))) => {
            let key = WidgetId::FlowActions.url_key().unwrap_or_default();
            let mut params = query.get_untracked();
            let value = env.global.with_untracked(|g| {
                with_opened_flow(params.get_str(key), &q, g, (&link.0, &link.1))
            });
            params.remove(key);
            params.insert(key, value);
            go.run(params);
        }
        (Some(q), None) => {
            let handed = env.global.with_untracked(|g| {
                filters_showing(
                    &q,
                    g,
                    RangeLimits::new(env.today, env.anchor),
                    &env.directory.get_untracked(),
                )
            });
            links.actions_handoff.set(Some(handed));
            links.actions_flow.set(Some(link.clone()));
        }
        (None, _) => links.actions_flow.set(Some(link.clone())),
    }
}

/// The flow the actions report is narrowed to ("Flow: Upsell nudge ×"), chosen from the flows
/// report; removing it shows every flow's actions again.
#[component]
fn FlowChip() -> impl IntoView {
    let links = WidgetLinks::expect();
    move || {
        links.actions_flow.get().map(|(_, name)| {
            view! {
                <div class="field flow-chip-field">
                    <span class="drill-chip" data-testid="actions-flow-chip" role="status">
                        <span class="cell-text" title=name.clone()>{format!("Flow: {name}")}</span>
                        <button
                            type="button"
                            class="chip-remove"
                            data-testid="actions-flow-clear"
                            aria-label=format!("Remove flow {name}: show every flow's actions")
                            on:click=move |_| links.actions_flow.set(None)
                        >
                            "×"
                        </button>
                    </span>
                </div>
            }
        })
    }
}
