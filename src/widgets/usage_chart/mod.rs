//! Credit usage by feature over time: the widget (here), its option (`option`), its buckets
//! as rows and CSV (`rows`) and as a table (`table`).

mod option;
mod rows;
mod table;

use crate::api::types::{CreditEvents, Timeseries, UsageQuery};
use crate::components::chart::{use_chart_library, Chart, ChartLibrary};
use crate::components::enum_select::EnumSelect;
use crate::components::error_notice::InlineFailure;
use crate::components::widget_frame::{FrameStatus, OwnFilters, WidgetFrame};
use crate::domain::table::csv_file_name;
use crate::domain::Keyed;
use crate::domain::{CompareWith, DateRange, Frequency, WidgetId};
use crate::platform::download::download;
use crate::platform::format;
use crate::state::app_context::AppContext;
use crate::state::dash::{DashAnswers, DashFilters, MoneyView, WidgetLinks};
use crate::state::remote::{use_remote, Fetched, Newer, Remote};
use crate::state::theme::{in_scheme, use_theme, SchemeScope};
use crate::state::widget_url::sync_widget_url;
use crate::state::WidgetFilters;
use leptos::prelude::*;
use option::{name_last_bucket, option_json, tooltip, tooltip_drill};
use rows::{bucket_rows, buckets_csv, describe, BucketRow};
use table::BucketTable;

/// What the chart shows, for assistive technology.
const LABEL: &str = "Credits used per period by Smart Flows, AI Copilot and AI Pilots";

/// The sentence under the chart for its dashed segments (a first and a last bucket that cover
/// part of their period, as [`chart_option`] draws them), if it has any.
fn dashed_note(rows: &[BucketRow]) -> Option<&'static str> {
    let n = rows.len();
    let first = n > 1 && rows[0].part;
    let last = rows.last().filter(|_| n > 1);
    match (first, last) {
        (false, Some(l)) if l.partial => {
            Some(" The dashed segment is the period still in progress.")
        }
        (false, Some(l)) if !l.part => None,
        (false, None) => None,
        _ => Some(" A dashed segment marks a bucket that covers part of its period."),
    }
}

/// Said in place of a chart when every bucket of the answer lay outside the asked range.
const OUTSIDE_ONLY: &str =
    "The server answered with days outside this range only, so there is nothing to draw.";

/// Says that `n` buckets of the answer lay outside `range` and are not drawn.
fn outside_note(n: usize, range: DateRange) -> String {
    let buckets = if n == 1 {
        "1 bucket"
    } else {
        &format!("{n} buckets")
    };
    format!(
        "The server's answer also held {buckets} outside {}; only the days asked for are drawn and counted.",
        format::date_range(range.from, range.to)
    )
}

type Series = RwSignal<Remote<Timeseries>>;

/// The widget's state: the answer's, and the chart library's while a chart is to be drawn.
fn chart_status(data: Series, library: ChartLibrary, table: bool) -> FrameStatus {
    let data = data.with(|d| {
        match FrameStatus::of(d, |ts| {
            ts.points
                .iter()
                .all(|p| p.by_feature.total().hundredths() == 0)
        }) {
            FrameStatus::Empty(_)
                if d.latest_ref()
                    .is_some_and(|ts| ts.points.is_empty() && ts.outside.is_some()) =>
            {
                FrameStatus::Empty(OUTSIDE_ONLY)
            }
            status => status,
        }
    });
    match (data, library) {
        (
            FrameStatus::Ready | FrameStatus::Refreshing | FrameStatus::Stale(_),
            ChartLibrary::Loading,
        ) if !table => FrameStatus::Loading,
        (FrameStatus::Error(e), _) => FrameStatus::Error(e),
        // An empty range draws no chart, so it needs no library.
        (FrameStatus::Empty(t), _) => FrameStatus::Empty(t),
        (_, ChartLibrary::Failed(e)) if !table => FrameStatus::Error(e.into()),
        (data, _) => data,
    }
}

/// Downloads the buckets on screen as CSV.
fn export_csv(data: Series, rows: Memo<Option<Vec<BucketRow>>>, query: Memo<UsageQuery>) {
    let answers = DashAnswers::expect();
    let money = MoneyView::expect();
    let Some((range, freq)) =
        data.with_untracked(|d| d.latest_ref().map(|ts| (ts.range, ts.frequency)))
    else {
        return;
    };
    let (teams, users) = query.with_untracked(|q| answers.filter_names(q));
    let name = csv_file_name(&[
        WidgetId::UsageChart.slug().to_string(),
        format!("{}-to-{}", range.from, range.to),
        freq.key().to_string(),
        format!("as-of-{}", untrack(|| answers.as_of())),
    ]);
    let (through, as_of_local) = answers.export_times(range);
    let constants = [
        ("range_from", range.from.to_string()),
        ("range_to", range.to.to_string()),
        ("data_through", through),
        ("frequency", freq.key().to_string()),
        ("teams", teams),
        ("users", users),
        ("as_of", as_of_local),
    ];
    let csv = rows.with_untracked(|r| {
        money.money.with_untracked(|m| {
            buckets_csv(r.as_deref().unwrap_or_default(), &constants, m.as_ref())
        })
    });
    download(&name, "text/csv;charset=utf-8", &format!("\u{feff}{csv}"));
}

/// The range's total under the chart, and what its dashed segments mean.
fn chart_note(rows: Memo<Option<Vec<BucketRow>>>, as_table: RwSignal<bool>) -> impl IntoView {
    let money = MoneyView::expect();
    let totals = move || rows.with(|r| r.as_ref().map(|r| r.iter().map(|b| b.total).sum::<f64>()));
    view! {
        <p class="chart-note muted">
            <span data-testid="chart-total" data-value=move || totals().unwrap_or_default()>
                {move || {
                    totals()
                        .map(|t| match money.money.with(|m| m.as_ref().map(|m| format::money(m.of(t), &m.currency))) {
                            Some(m) => format!("{} credits ({m}) in the range.", format::credits(t)),
                            None => format!("{} credits in the range.", format::credits(t)),
                        })
                }}
            </span>
            {move || if as_table.get() { None } else { rows.with(|r| dashed_note(r.as_deref().unwrap_or_default())) }}
        </p>
    }
}

/// The chart's option (JSON) for the answer on screen, its marks, the drill-down and the theme.
fn chart_option(data: Series, events: RwSignal<Remote<CreditEvents>>) -> Memo<String> {
    let links = WidgetLinks::expect();
    let theme = use_theme();
    // A gallery stage shown in one theme (light and dark side by side) colours its chart so.
    let scheme = use_context::<SchemeScope>();
    Memo::new(move |_| {
        // Tracked: the chart takes the new theme's colours.
        let _dark = theme.map(|t| t.is_dark());
        let drill = links.drill.get();
        // Read in place: the answer and the marks are not copied for each rebuild.
        data.with(|d| {
            d.latest_ref().map(|ts| {
                events.with(|e| in_scheme(scheme, || option_json(ts, e.latest_ref(), drill)))
            })
        })
        .unwrap_or_default()
    })
}

/// A bucket clicked (or chosen with Enter) narrows the summary and the reports to it.
fn drill_to(rows: Memo<Option<Vec<BucketRow>>>) -> Callback<usize> {
    let links = WidgetLinks::expect();
    Callback::new(move |i: usize| {
        let bucket = rows.with_untracked(|r| {
            r.as_ref()?
                .get(i)
                .and_then(|b| DateRange::new(b.from, b.to))
        });
        if bucket.is_some() && bucket != links.drill.get_untracked() {
            links.set_drill(bucket);
        }
    })
}

/// The widget's own controls: the frequency, and the chart or table view.
fn chart_controls(frequency: RwSignal<Frequency>, as_table: RwSignal<bool>) -> impl IntoView {
    view! {
        <div class="field">
            <EnumSelect label="Frequency" testid="widget-frequency" value=frequency on_change=Callback::new(move |f| frequency.set(f)) />
        </div>
        <button type="button" class="btn chart-view-toggle" data-testid="chart-as-table" on:click=move |_| as_table.update(|t| *t = !*t)>
            {move || if as_table.get() { "View as chart" } else { "View as table" }}
        </button>
    }
}

/// Credit usage by feature over time.
#[component]
pub fn UsageChartWidget() -> impl IntoView {
    let app = AppContext::expect();
    let scope = DashFilters::expect();
    let filters = RwSignal::new(WidgetFilters::default());
    let frequency = RwSignal::new(Frequency::Day);
    sync_widget_url(
        WidgetId::UsageChart,
        scope.global,
        filters,
        None,
        None,
        Some(frequency),
    );
    let query = Memo::new(move |_| {
        scope
            .global
            .with(|g| filters.with(|f| f.effective(g)))
            .query(CompareWith::None)
    });
    let Fetched { state: data, retry } = use_remote(
        move || {
            app.data_version.track();
            (app.api(), query.get(), frequency.get())
        },
        // Only the asked days are drawn (a server that sends others is said to, below).
        |(api, q, f)| async move { api.timeseries(&q, f).await.map(|ts| ts.within(q.range)) },
    );
    // Marks are a nicety: their failure never blanks the chart, but it is said under it.
    let Fetched {
        state: events,
        retry: retry_events,
    } = use_remote(
        move || {
            app.data_version.track();
            (app.api(), query.with(|q| q.range))
        },
        |(api, r)| async move { api.events(r).await },
    );
    // The chart library arrives on its own (it is not part of the app's first bytes): figures
    // that need drawing wait for it, a failed load is this widget's error with Retry.
    let (library, retry_library) = use_chart_library();
    // "View as table": the same buckets as a table, which needs no chart library (so the figures
    // stay readable when it fails to load).
    let as_table = RwSignal::new(false);
    let status = Signal::derive(move || chart_status(data, library.get(), as_table.get()));
    let retry = Callback::new(move |()| {
        if library.with_untracked(|l| matches!(l, ChartLibrary::Failed(_))) {
            retry_library.run(());
        }
        if data.with_untracked(|d| d.error().is_some()) {
            retry.run(());
        }
    });
    let option = chart_option(data, events);
    let rows = Memo::new(move |_| data.with(|d| d.latest_ref().map(bucket_rows)));
    let spoken =
        Memo::new(move |_| rows.with(|r| r.iter().flatten().map(describe).collect::<Vec<_>>()));
    let can_drill = Memo::new(move |_| query.with(|q| q.range) == scope.global.with(|g| g.range));
    let pick = drill_to(rows);
    let export = move |_| export_csv(data, rows, query);
    let subtitle = Signal::derive(move || {
        let (shown, newer) = data.with(|d| (d.latest_ref().map(|ts| ts.range), Newer::of(d)));
        DashFilters::figures_subtitle(query.with(|q| q.range), shown, newer)
    });
    view! {
        <WidgetFrame
            id=WidgetId::UsageChart
            subtitle=subtitle
            status=status
            on_retry=retry
            filters=OwnFilters { own: filters, env: scope.filter_env() }
            class="w-chart"
            controls=std::sync::Arc::new(move || chart_controls(frequency, as_table).into_any())
        >
            {move || {
                if as_table.get() {
                    view! { <BucketTable rows=rows on_export=Callback::new(export) /> }.into_any()
                } else {
                    // A bucket drills only while the chart shows the dashboard's range: the
                    // summary and the reports narrow within it (the chart is made anew when
                    // that changes, which its own range filter rarely does).
                    if can_drill.get() {
                        view! { <Chart option=option label=LABEL class="usage-chart" tooltip=tooltip_drill points=spoken adjust=name_last_bucket on_pick=pick /> }.into_any()
                    } else {
                        view! { <Chart option=option label=LABEL class="usage-chart" tooltip=tooltip points=spoken adjust=name_last_bucket /> }.into_any()
                    }
                }
            }}
            {chart_note(rows, as_table)}
            {move || {
                data.with(|d| d.latest_ref().and_then(|ts| ts.outside))
                    .map(|(n, asked)| {
                        view! {
                            <p class="notice notice-warn" role="status" data-testid="chart-outside" data-value=n>
                                {outside_note(n, asked)}
                            </p>
                        }
                    })
            }}
            {move || {
                events
                    .with(|e| e.error().cloned())
                    .map(|error| {
                        view! { <InlineFailure testid="chart-marks-error" what="Purchase and auto-recharge marks" error=error on_retry=retry_events /> }
                    })
            }}
        </WidgetFrame>
    }
}
