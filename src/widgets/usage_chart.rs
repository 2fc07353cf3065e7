use crate::api::types::{CreditEventKind, CreditEvents, Feature, Open, TimePoint, Timeseries};
use crate::components::chart::{use_chart_library, Chart, ChartLibrary};
use crate::components::enum_select::EnumSelect;
use crate::components::error_notice::InlineFailure;
use crate::components::money::money_note;
use crate::components::widget_frame::{FrameStatus, OwnFilters, WidgetFrame};
use crate::domain::pricing::CreditValue;
use crate::domain::table::{csv_file_name, to_csv, Cell, Column, ColumnKind};
use crate::domain::Keyed;
use crate::domain::{CompareWith, DateRange, Frequency, WidgetId};
use crate::platform::download::download;
use crate::platform::format;
use crate::platform::html::escape;
use crate::state::app_context::AppContext;
use crate::state::dash::{DashAnswers, DashFilters, MoneyView, WidgetLinks};
use crate::state::remote::{use_remote, Fetched, Newer};
use crate::state::theme::{color, in_scheme, use_theme, SchemeScope};
use crate::state::widget_url::sync_widget_url;
use crate::state::WidgetFilters;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

fn bucket_label(start: chrono::NaiveDate, frequency: Frequency) -> String {
    match frequency {
        Frequency::Day | Frequency::Week => format::day_month(start),
        Frequency::Month => format::month_year(start),
    }
}

/// The days a bucket covers and the days of its whole period, when it covers only part of it:
/// a week or a month cut by the range's start or end ("Nov 7" of a week that began on Nov 2).
/// A bucket still in progress is partial in its own way (see [`TimePoint::partial`]).
pub fn covered_part(p: &TimePoint, frequency: Frequency) -> Option<(i64, i64)> {
    let days = (p.end - p.start).num_days() + 1;
    let period = match frequency {
        Frequency::Day => 1,
        Frequency::Week => 7,
        Frequency::Month => {
            crate::domain::dates::days_in_month(p.start.year(), p.start.month()) as i64
        }
    };
    (days < period).then_some((days, period))
}

/// A bucket's name as the chart's axis, its table and its CSV show it ("Nov 24", "Nov 2026",
/// "Nov 27 (so far)", and for a week or month the range cuts, "Nov 7 (2 of 7 days)").
fn point_label(p: &TimePoint, frequency: Frequency) -> String {
    let l = bucket_label(p.start, frequency);
    if p.partial {
        format!("{l} (so far)")
    } else if let Some((days, period)) = covered_part(p, frequency) {
        format!("{l} ({days} of {period} days)")
    } else {
        l
    }
}

/// The chart's figures as rows, one per bucket: what "View as table", its CSV and the arrow
/// keys read, so the three never disagree with the lines.
#[derive(Clone, Debug, PartialEq)]
pub struct BucketRow {
    pub label: String,
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    pub partial: bool,
    /// The bucket covers only part of its period: still in progress, or cut by the range.
    pub part: bool,
    /// In the order of `Feature::ALL`.
    pub by_feature: Vec<f64>,
    pub total: f64,
}

pub fn bucket_rows(ts: &Timeseries) -> Vec<BucketRow> {
    ts.points
        .iter()
        .map(|p| BucketRow {
            label: point_label(p, ts.frequency),
            from: p.start,
            to: p.end,
            partial: p.partial,
            part: p.partial || covered_part(p, ts.frequency).is_some(),
            by_feature: Feature::ALL
                .iter()
                .map(|&f| p.by_feature.get(f).as_f64())
                .collect(),
            total: p.by_feature.total().as_f64(),
        })
        .collect()
}

/// What a screen reader hears on a bucket the arrow keys reach.
fn describe(row: &BucketRow) -> String {
    let parts: Vec<String> = Feature::ALL
        .iter()
        .zip(&row.by_feature)
        .map(|(f, v)| format!("{} {}", f.label(), format::credits(*v)))
        .collect();
    format!(
        "{}: {} credits. {}.",
        row.label,
        format::credits(row.total),
        parts.join(", ")
    )
}

/// The chart table's CSV: the buckets in time order with their dates, then `constants` (the
/// range, the frequency, the filters by name, the as-of time) on every row.
pub fn buckets_csv(
    rows: &[BucketRow],
    constants: &[(&str, String)],
    value: Option<&CreditValue>,
) -> String {
    const COLUMNS: [Column; 7] = [
        Column::new("period_from", "From", ColumnKind::Text),
        Column::new("period_to", "To", ColumnKind::Text),
        Column::new("in_progress", "In progress", ColumnKind::Text),
        Column::new("smart_flows", "Smart Flows", ColumnKind::Credits),
        Column::new("ai_copilot", "AI Copilot", ColumnKind::Credits),
        Column::new("ai_pilots", "AI Pilots", ColumnKind::Credits),
        Column::new("total", "Total", ColumnKind::Credits),
    ];
    let cells: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| {
            [
                Cell::Text(r.from.to_string()),
                Cell::Text(r.to.to_string()),
                Cell::Text(if r.partial { "yes" } else { "no" }.into()),
            ]
            .into_iter()
            .chain(r.by_feature.iter().map(|v| Cell::Number(*v)))
            .chain([Cell::Number(r.total)])
            .collect()
        })
        .collect();
    let all: Vec<usize> = (0..cells.len()).collect();
    to_csv(constants, &COLUMNS, &cells, &all, value)
}

/// The ECharts option, built with charming: one line per feature; the in-progress bucket on a
/// dashed segment of the same colour and name (so the legend toggles both and the tooltip
/// shows it once); top-ups as marks on the time axis.
pub fn chart_option(
    ts: &Timeseries,
    events: Option<&CreditEvents>,
    drill: Option<DateRange>,
) -> charming::Chart {
    use charming::component::{Axis, Grid, Legend, LegendType};
    use charming::datatype::CompositeValue;
    use charming::element::{
        AxisLabel, AxisType, ItemStyle, Label, LineStyle, LineStyleType, MarkLine, MarkLineData,
        MarkLineVariant, Sampling, SplitLine, Symbol, TextStyle, Tooltip, Trigger,
    };
    use charming::series::Line;

    let labels: Vec<String> = ts
        .points
        .iter()
        .map(|p| point_label(p, ts.frequency))
        .collect();
    let n = ts.points.len();
    // A bucket that covers part of its period, at either end, is drawn on a dashed segment: a
    // week of two days is not a week's fall, nor a month in progress a month's.
    let part = |p: &TimePoint| p.partial || covered_part(p, ts.frequency).is_some();
    let first_part = n > 1 && ts.points.first().is_some_and(part);
    let last_part = n > 1 && ts.points.last().is_some_and(part);
    // The page's tokens as they resolve now: the option is rebuilt when the theme changes.
    let text = color("--text-muted", "#5b6477");
    let grid = color("--border", "#dfe3ec");
    let marker = color("--chart-marker", "#64748b");
    let surface = color("--surface", "#ffffff");
    let point = |v: Option<f64>| match v {
        Some(v) => CompositeValue::from(v),
        None => CompositeValue::OptionalNumber(None),
    };
    let mut chart = charming::Chart::new()
        .animation(false)
        .grid(
            Grid::new()
                .left(8)
                // Room for the last bucket's label ("Nov 27 (so far)"), centred on the edge.
                .right(44)
                .top(40)
                .bottom(8)
                .contain_label(true),
        )
        .legend(
            // One line at any width: a wrapped second line would sit on the value axis' top
            // label. Compact marks (14 px, not 25) fit all four names in a phone's 326 px,
            // which paged ("AI Pi ◀ 1/2 ▶", issue 28 item 14); arrows only past that.
            Legend::new()
                .type_(LegendType::Scroll)
                .top(0)
                .left(0)
                .right(0)
                .padding(0.0)
                .item_width(14.0)
                .item_height(10.0)
                .item_gap(8.0)
                .text_style(TextStyle::new().color(text.as_str()))
                .data(vec!["Smart Flows", "AI Copilot", "AI Pilots", "Top-ups"]),
        )
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Axis)
                .background_color(surface.as_str())
                .border_color(grid.as_str()),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(labels.clone())
                .boundary_gap(false)
                .axis_label(AxisLabel::new().color(text.as_str())),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .axis_label(AxisLabel::new().color(text.as_str()))
                .split_line(SplitLine::new().line_style(LineStyle::new().color(grid.as_str()))),
        );
    for &f in Feature::ALL {
        let color = color(f.color_token(), "#888");
        let values: Vec<f64> = ts
            .points
            .iter()
            .map(|p| p.by_feature.get(f).as_f64())
            .collect();
        let solid = values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                point((!((first_part && i == 0) || (last_part && i + 1 == n))).then_some(*v))
            })
            .collect();
        chart = chart.series(
            Line::new()
                .name(f.label())
                .data(solid)
                .show_symbol(n <= 45)
                .symbol_size(5)
                .sampling(Sampling::Lttb)
                .item_style(ItemStyle::new().color(color.as_str()))
                .line_style(LineStyle::new().width(2.5).color(color.as_str())),
        );
        if first_part || last_part {
            let dashed = values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    point(((first_part && i < 2) || (last_part && i + 2 >= n)).then_some(*v))
                })
                .collect();
            chart = chart.series(
                Line::new()
                    .name(f.label())
                    .data(dashed)
                    .symbol_size(5)
                    .item_style(ItemStyle::new().color(color.as_str()))
                    .line_style(
                        LineStyle::new()
                            .width(2)
                            .type_(LineStyleType::Dashed)
                            .color(color.as_str()),
                    ),
            );
        }
    }
    let marks: Vec<MarkLineVariant> = events
        .map(|e| {
            e.events
                .iter()
                .filter_map(|ev| {
                    // A kind this version does not know is marked with its raw name.
                    let what = match &ev.kind {
                        Open::Known(CreditEventKind::CycleReset) => return None,
                        Open::Known(CreditEventKind::AutoRecharge) => "Auto-recharge".to_string(),
                        Open::Known(CreditEventKind::Purchase) => "Purchase".to_string(),
                        Open::Unknown(raw) => raw.clone(),
                    };
                    let i = ts
                        .points
                        .iter()
                        .position(|p| p.start <= ev.date && ev.date <= p.end)?;
                    Some(MarkLineVariant::Simple(
                        MarkLineData::new()
                            .x_axis(labels[i].as_str())
                            .name(what.as_str())
                            .label(
                                Label::new()
                                    .formatter(
                                        format!("{what} +{}", format::compact(ev.credits.as_f64()))
                                            .as_str(),
                                    )
                                    .color(text.as_str())
                                    .font_size(11),
                            ),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    // The drill-down, when its dates are on this axis: a line at its bucket (at the first and
    // the last of its buckets when the chart is finer).
    let brand = color("--brand", "#4f46e5");
    let drilled: Vec<MarkLineVariant> = drill
        .map(|r| {
            let at = |d: NaiveDate| ts.points.iter().position(|p| p.start <= d && d <= p.end);
            let mut at: Vec<usize> = [at(r.from), at(r.to)].into_iter().flatten().collect();
            at.dedup();
            at.into_iter()
                .map(|i| {
                    MarkLineVariant::Simple(
                        MarkLineData::new().x_axis(labels[i].as_str()).label(
                            Label::new()
                                .formatter(labels[i].as_str())
                                .color(brand.as_str())
                                .font_size(11),
                        ),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    if !drilled.is_empty() {
        chart = chart.series(
            Line::new()
                .name("Shown below")
                .data(Vec::<f64>::new())
                .mark_line(
                    MarkLine::new()
                        .symbol(vec![Symbol::None, Symbol::None])
                        .silent(true)
                        .line_style(
                            LineStyle::new()
                                .type_(LineStyleType::Solid)
                                .color(brand.as_str())
                                .width(2),
                        )
                        .data(drilled),
                ),
        );
    }
    chart.series(
        Line::new()
            .name("Top-ups")
            .data(Vec::<f64>::new())
            .item_style(ItemStyle::new().color(marker.as_str()))
            .mark_line(
                MarkLine::new()
                    .symbol(vec![Symbol::None, Symbol::None])
                    .silent(true)
                    .line_style(
                        LineStyle::new()
                            .type_(LineStyleType::Dotted)
                            .color(marker.as_str())
                            .width(1.5),
                    )
                    .data(marks),
            ),
    )
}

/// The option as the chart takes it: compact JSON (charming's Display pretty-prints, which costs
/// bytes twice: its formatter in the wasm, and the text ECharts parses).
pub fn option_json(
    ts: &Timeseries,
    events: Option<&CreditEvents>,
    drill: Option<DateRange>,
) -> String {
    serde_json::to_string(&chart_option(ts, events, drill)).unwrap_or_default()
}

/// Two settings charming cannot say, set on the parsed option: the last category's label is
/// always drawn (`showMaxLabel`), however many labels a narrow axis skips, and it ends at its
/// point instead of centring on it (`alignMaxLabel`), so the bucket in progress is always named
/// and never cut at the edge.
fn name_last_bucket(option: &JsValue) {
    compact_value_axis(option);
    let Ok(axis) = js_sys::Reflect::get(option, &"xAxis".into()) else {
        return;
    };
    let Ok(label) = js_sys::Reflect::get(&axis, &"axisLabel".into()) else {
        return;
    };
    if label.is_object() {
        let _ = js_sys::Reflect::set(&label, &"showMaxLabel".into(), &JsValue::TRUE);
        let _ = js_sys::Reflect::set(&label, &"alignMaxLabel".into(), &"right".into());
        // The first bucket's label ("Nov 7 (2 of 7 days)") starts at its point, never cut.
        let _ = js_sys::Reflect::set(&label, &"alignMinLabel".into(), &"left".into());
    }
}

thread_local! {
    /// The value axis's label formatter, made once for every chart of the page.
    static COMPACT_AXIS: wasm_bindgen::closure::Closure<dyn Fn(f64) -> String> =
        wasm_bindgen::closure::Closure::new(crate::platform::format::compact);
}

/// The value axis labels its lines compactly ("700M", not "700,000,000": issue 28 item 14), so
/// a phone's narrow plot keeps its width for the lines.
fn compact_value_axis(option: &JsValue) {
    let Ok(axis) = js_sys::Reflect::get(option, &"yAxis".into()) else {
        return;
    };
    let Ok(label) = js_sys::Reflect::get(&axis, &"axisLabel".into()) else {
        return;
    };
    if label.is_object() {
        COMPACT_AXIS.with(|f| {
            let _ = js_sys::Reflect::set(&label, &"formatter".into(), f.as_ref());
        });
    }
}

/// The axis tooltip: every feature once (the dashed segment repeats a point), and the total.
fn tooltip(params: js_sys::Array) -> String {
    tooltip_html(params, false)
}

/// The axis tooltip of a chart whose buckets drill: it says how.
fn tooltip_drill(params: js_sys::Array) -> String {
    tooltip_html(params, true)
}

fn tooltip_html(params: js_sys::Array, drills: bool) -> String {
    let get =
        |o: &JsValue, k: &str| js_sys::Reflect::get(o, &k.into()).unwrap_or(JsValue::UNDEFINED);
    let mut seen = Vec::new();
    let mut lines = String::new();
    let mut total = 0.0;
    let mut header = String::new();
    for p in params.iter() {
        if header.is_empty() {
            header = get(&p, "axisValueLabel").as_string().unwrap_or_default();
        }
        let name = get(&p, "seriesName").as_string().unwrap_or_default();
        let Some(v) = get(&p, "value").as_f64() else {
            continue;
        };
        if seen.contains(&name) {
            continue;
        }
        seen.push(name.clone());
        total += v;
        let marker = get(&p, "marker").as_string().unwrap_or_default();
        lines.push_str(&format!(
            "<div class=\"tt-row\">{marker}<span>{}</span><b>{}</b></div>",
            escape(&name),
            format::credits(v)
        ));
    }
    format!(
        "<div class=\"tt\"><div class=\"tt-head\">{}</div>{lines}<div class=\"tt-row tt-total\"><span>Total</span><b>{}</b></div>{}</div>",
        escape(&header),
        format::credits(total),
        if drills {
            "<div class=\"tt-hint\">Click, or tap again, to see this period alone below</div>"
        } else {
            ""
        }
    )
}

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

/// Credit usage by feature over time.
#[component]
pub fn UsageChartWidget() -> impl IntoView {
    let app = AppContext::expect();
    let scope = DashFilters::expect();
    let answers = DashAnswers::expect();
    let money = MoneyView::expect();
    let links = WidgetLinks::expect();
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
    let status = Signal::derive(move || {
        let table = as_table.get();
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
        match (data, library.get()) {
            (
                FrameStatus::Ready | FrameStatus::Refreshing | FrameStatus::Stale(_),
                ChartLibrary::Loading,
            ) if !table => FrameStatus::Loading,
            (FrameStatus::Error(e), _) => FrameStatus::Error(e),
            // An empty range draws no chart, so it needs no library.
            (FrameStatus::Empty(t), _) => FrameStatus::Empty(t),
            (_, ChartLibrary::Failed(e)) if !table => FrameStatus::Error(e),
            (data, _) => data,
        }
    });
    let retry = Callback::new(move |()| {
        if library.with_untracked(|l| matches!(l, ChartLibrary::Failed(_))) {
            retry_library.run(());
        }
        if data.with_untracked(|d| d.error().is_some()) {
            retry.run(());
        }
    });
    let theme = use_theme();
    // A gallery stage shown in one theme (light and dark side by side) colours its chart so.
    let scheme = use_context::<SchemeScope>();
    let option = Memo::new(move |_| {
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
    });
    let rows = Memo::new(move |_| data.with(|d| d.latest_ref().map(bucket_rows)));
    let totals = move || rows.with(|r| r.as_ref().map(|r| r.iter().map(|b| b.total).sum::<f64>()));
    let spoken =
        Memo::new(move |_| rows.with(|r| r.iter().flatten().map(describe).collect::<Vec<_>>()));
    let can_drill = Memo::new(move |_| query.with(|q| q.range) == scope.global.with(|g| g.range));
    // A bucket clicked (or chosen with Enter) narrows the summary and the reports to it.
    let pick = Callback::new(move |i: usize| {
        let bucket = rows.with_untracked(|r| {
            r.as_ref()?
                .get(i)
                .and_then(|b| DateRange::new(b.from, b.to))
        });
        if bucket.is_some() && bucket != links.drill.get_untracked() {
            links.set_drill(bucket);
        }
    });
    let export = move |_| {
        let Some((range, freq)) =
            data.with_untracked(|d| d.latest_ref().map(|ts| (ts.range, ts.frequency)))
        else {
            return;
        };
        let (teams, users) = query.with_untracked(|q| answers.filter_names(q));
        let as_of = answers
            .balance
            .latest()
            .map(|b| b.as_of)
            .unwrap_or_default();
        let name = csv_file_name(&[
            WidgetId::UsageChart.slug().to_string(),
            format!("{}-to-{}", range.from, range.to),
            freq.key().to_string(),
            format!("as-of-{as_of}"),
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
    };
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
            controls=std::sync::Arc::new(move || {
                view! {
                    <div class="field">
                        <EnumSelect label="Frequency" testid="widget-frequency" value=frequency on_change=Callback::new(move |f| frequency.set(f)) />
                    </div>
                    <button type="button" class="btn chart-view-toggle" data-testid="chart-as-table" on:click=move |_| as_table.update(|t| *t = !*t)>
                        {move || if as_table.get() { "View as chart" } else { "View as table" }}
                    </button>
                }
                    .into_any()
            })
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

/// A credits cell of the chart's table, with its value while values are shown.
fn credit_cell(money: MoneyView, v: f64, col: Option<&'static str>) -> impl IntoView {
    view! {
        <td class="num" data-col=col data-value=v data-money=move || money.money_of(v)>
            {format::credits(v)}
            {money_note(money, v)}
        </td>
    }
}

/// The chart's buckets as a table: one row per period in time order, a column per feature, the
/// total of each, and the range's totals at the foot (equal to the chart's total below it).
#[component]
fn BucketTable(rows: Memo<Option<Vec<BucketRow>>>, on_export: Callback<()>) -> impl IntoView {
    let money = MoneyView::expect();
    let foot = move || {
        rows.with(|r| {
            let r = r.as_deref().unwrap_or_default();
            let mut sums = vec![0.0; Feature::ALL.len()];
            for b in r {
                for (s, v) in sums.iter_mut().zip(&b.by_feature) {
                    *s += v;
                }
            }
            let total: f64 = r.iter().map(|b| b.total).sum();
            (sums, total)
        })
    };
    view! {
        <div class="table-tools chart-table-tools">
            <span class="muted table-count">
                {move || {
                    let n = rows.with(|r| r.as_ref().map_or(0, Vec::len));
                    if n == 1 { "1 period".to_string() } else { format!("{} periods", format::count(n as f64)) }
                }}
            </span>
            <button class="btn" data-testid="chart-export-csv" on:click=move |_| on_export.run(())>"Export CSV"</button>
        </div>
        // On a phone the five columns scroll sideways: the region takes focus so that the keyboard
        // can scroll it too.
        <div class="table-scroll" tabindex="0" role="region" aria-label="Credits used per period, as a table">
            <table class="table chart-table" data-testid="chart-table">
                <caption class="visually-hidden">"Credits used per period by feature"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Period"</th>
                        {Feature::ALL.iter().map(|f| view! { <th scope="col" class="num">{f.label()}</th> }).collect_view()}
                        <th scope="col" class="num">"Total"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        rows.with(|r| {
                            r.iter()
                                .flatten()
                                .map(|b| {
                                    view! {
                                        <tr data-testid="chart-row" data-partial=b.part.to_string()>
                                            <th scope="row">{b.label.clone()}</th>
                                            {b.by_feature
                                                .iter()
                                                .map(|v| credit_cell(money, *v, None))
                                                .collect_view()}
                                            {credit_cell(money, b.total, Some("total"))}
                                        </tr>
                                    }
                                })
                                .collect_view()
                        })
                    }}
                </tbody>
                <tfoot>
                    <tr data-testid="chart-totals">
                        <th scope="row">"Total"</th>
                        {move || {
                            let (sums, total) = foot();
                            view! {
                                {sums.into_iter().map(|v| credit_cell(money, v, None)).collect_view()}
                                <td class="num" data-testid="chart-table-total" data-value=total data-money=move || money.money_of(total)>
                                    {format::credits(total)}
                                    {money_note(money, total)}
                                </td>
                            }
                        }}
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}
