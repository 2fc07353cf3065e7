use crate::api::types::{CreditEventKind, CreditEvents, Feature, Open, Timeseries};
use crate::components::chart::{use_chart_library, Chart, ChartLibrary};
use crate::components::enum_select::EnumSelect;
use crate::components::error_notice::InlineFailure;
use crate::components::widget_frame::{FrameStatus, OwnFilters, WidgetFrame};
use crate::domain::Keyed;
use crate::domain::{CompareWith, Frequency};
use crate::platform::format;
use crate::platform::html::escape;
use crate::state::app::AppContext;
use crate::state::dash::Dash;
use crate::state::remote::{use_remote, Fetched};
use crate::state::theme::{color, use_theme};
use crate::state::WidgetFilters;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

fn bucket_label(start: chrono::NaiveDate, frequency: Frequency) -> String {
    match frequency {
        Frequency::Day | Frequency::Week => format::day_month(start),
        Frequency::Month => format::month_year(start),
    }
}

/// The ECharts option, built with charming: one line per feature; the in-progress bucket on a
/// dashed segment of the same colour and name (so the legend toggles both and the tooltip
/// shows it once); top-ups as marks on the time axis.
pub fn chart_option(ts: &Timeseries, events: Option<&CreditEvents>) -> charming::Chart {
    use charming::component::{Axis, Grid, Legend};
    use charming::datatype::CompositeValue;
    use charming::element::{
        AxisLabel, AxisType, ItemStyle, Label, LineStyle, LineStyleType, MarkLine, MarkLineData,
        MarkLineVariant, Sampling, SplitLine, Symbol, TextStyle, Tooltip, Trigger,
    };
    use charming::series::Line;

    let labels: Vec<String> = ts
        .points
        .iter()
        .map(|p| {
            let l = bucket_label(p.start, ts.frequency);
            if p.partial {
                format!("{l} (so far)")
            } else {
                l
            }
        })
        .collect();
    let n = ts.points.len();
    let partial = n > 1 && ts.points.last().is_some_and(|p| p.partial);
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
            Legend::new()
                .top(0)
                .left(0)
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
            .map(|(i, v)| point((!partial || i + 1 < n).then_some(*v)))
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
        if partial {
            let dashed = values
                .iter()
                .enumerate()
                .map(|(i, v)| point((i + 2 >= n).then_some(*v)))
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

/// The axis tooltip: every feature once (the dashed segment repeats a point), and the total.
fn tooltip(params: js_sys::Array) -> String {
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
        "<div class=\"tt\"><div class=\"tt-head\">{}</div>{lines}<div class=\"tt-row tt-total\"><span>Total</span><b>{}</b></div></div>",
        escape(&header),
        format::credits(total)
    )
}

/// The widget's title (the gallery names its section with it).
pub const TITLE: &str = "Credit usage by feature over time";

/// Credit usage by feature over time.
#[component]
pub fn UsageChartWidget() -> impl IntoView {
    let app = AppContext::expect();
    let dash = Dash::expect();
    let filters = RwSignal::new(WidgetFilters::default());
    let frequency = RwSignal::new(Frequency::Day);
    let query = Memo::new(move |_| {
        dash.global
            .with(|g| filters.with(|f| f.effective(g)))
            .query(CompareWith::None)
    });
    let Fetched { state: data, retry } = use_remote(
        move || {
            app.data_version.track();
            (app.api(), query.get(), frequency.get())
        },
        |(api, q, f)| async move { api.timeseries(&q, f).await },
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
    let status = Signal::derive(move || {
        let data = data.with(|d| {
            FrameStatus::of(d, |ts| {
                ts.points
                    .iter()
                    .all(|p| p.by_feature.total().hundredths() == 0)
            })
        });
        match (data, library.get()) {
            (
                FrameStatus::Ready | FrameStatus::Refreshing | FrameStatus::Stale(_),
                ChartLibrary::Loading,
            ) => FrameStatus::Loading,
            (FrameStatus::Error(e), _) => FrameStatus::Error(e),
            // An empty range draws no chart, so it needs no library.
            (FrameStatus::Empty(t), _) => FrameStatus::Empty(t),
            (_, ChartLibrary::Failed(e)) => FrameStatus::Error(e),
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
    let option = Memo::new(move |_| {
        // Tracked: the chart takes the new theme's colours.
        let _dark = theme.map(|t| t.is_dark());
        // Read in place: the answer and the marks are not copied for each rebuild.
        data.with(|d| {
            d.latest_ref().map(|ts| {
                events.with(|e| {
                    // Compact JSON: charming's Display pretty-prints, which costs bytes twice
                    // (its formatter in the wasm, and the text ECharts parses).
                    serde_json::to_string(&chart_option(ts, e.latest_ref())).unwrap_or_default()
                })
            })
        })
        .unwrap_or_default()
    });
    let totals = move || {
        data.with(|d| {
            d.latest_ref().map(|ts| {
                ts.points
                    .iter()
                    .map(|p| p.by_feature.total().as_f64())
                    .sum::<f64>()
            })
        })
    };
    let subtitle = Signal::derive(move || dash.range_text(query.with(|q| q.range)));
    view! {
        <WidgetFrame
            testid="widget-usage-chart"
            title=TITLE
            subtitle=subtitle
            status=status
            on_retry=retry
            filters=OwnFilters { own: filters, env: dash.filter_env() }
            class="w-chart"
            controls=std::sync::Arc::new(move || {
                view! {
                    <div class="field">
                        <EnumSelect label="Frequency" testid="widget-frequency" value=frequency on_change=Callback::new(move |f| frequency.set(f)) />
                    </div>
                }
                    .into_any()
            })
        >
            <Chart option=option label="Credits used per period by Smart Flows, AI Copilot and AI Pilots" class="usage-chart" tooltip=tooltip />
            <p class="chart-note muted">
                <span data-testid="chart-total" data-value=move || totals().unwrap_or_default()>
                    {move || totals().map(|t| format!("{} credits in the range.", format::credits(t)))}
                </span>
                " The dashed segment is the period still in progress."
            </p>
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
