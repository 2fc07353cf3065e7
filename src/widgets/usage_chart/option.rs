//! The chart's ECharts option (built with charming) and what the chart calls back: the tooltip,
//! the last bucket's name, the value axis.

use super::rows::{covered_part, point_label};
use crate::api::types::{CreditEventKind, CreditEvents, Feature, Open, TimePoint, Timeseries};
use crate::domain::DateRange;
use crate::domain::Keyed;
use crate::platform::format;
use crate::platform::html::escape;
use crate::state::theme::color;
use chrono::NaiveDate;
use wasm_bindgen::JsValue;

use charming::component::{Axis, Grid, Legend, LegendType};
use charming::datatype::CompositeValue;
use charming::element::{
    AxisLabel, AxisType, ItemStyle, Label, LineStyle, LineStyleType, MarkLine, MarkLineData,
    MarkLineVariant, Sampling, SplitLine, Symbol, TextStyle, Tooltip, Trigger,
};
use charming::series::Line;

/// The page's colour tokens the chart is drawn in, as they resolve now (the option is rebuilt
/// when the theme changes).
struct Tokens {
    text: String,
    grid: String,
    marker: String,
    surface: String,
    brand: String,
}

impl Tokens {
    fn now() -> Self {
        Tokens {
            text: color("--text-muted", "#5b6477"),
            grid: color("--border", "#dfe3ec"),
            marker: color("--chart-marker", "#64748b"),
            surface: color("--surface", "#ffffff"),
            brand: color("--brand", "#4f46e5"),
        }
    }
}

/// The ECharts option, built with charming: one line per feature; the in-progress bucket on a
/// dashed segment of the same colour and name (so the legend toggles both and the tooltip
/// shows it once); top-ups as marks on the time axis.
pub fn chart_option(
    ts: &Timeseries,
    events: Option<&CreditEvents>,
    drill: Option<DateRange>,
) -> charming::Chart {
    let labels: Vec<String> = ts
        .points
        .iter()
        .map(|p| point_label(p, ts.frequency))
        .collect();
    let tokens = Tokens::now();
    let mut chart = frame(&labels, &tokens);
    for line in feature_lines(ts) {
        chart = chart.series(line);
    }
    let drilled = drill_marks(ts, &labels, drill, &tokens.brand);
    if !drilled.is_empty() {
        chart = chart.series(marks_line(
            "Shown below",
            LineStyleType::Solid,
            &tokens.brand,
            2.0,
            drilled,
        ));
    }
    let topups = event_marks(ts, &labels, events, &tokens.text);
    chart.series(
        marks_line(
            "Top-ups",
            LineStyleType::Dotted,
            &tokens.marker,
            1.5,
            topups,
        )
        .item_style(ItemStyle::new().color(tokens.marker.as_str())),
    )
}

/// Everything but the series: the grid, the legend, the tooltip and the two axes.
fn frame(labels: &[String], tokens: &Tokens) -> charming::Chart {
    let text = tokens.text.as_str();
    charming::Chart::new()
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
                .text_style(TextStyle::new().color(text))
                .data(vec!["Smart Flows", "AI Copilot", "AI Pilots", "Top-ups"]),
        )
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Axis)
                .background_color(tokens.surface.as_str())
                .border_color(tokens.grid.as_str()),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(labels.to_vec())
                .boundary_gap(false)
                .axis_label(AxisLabel::new().color(text)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .axis_label(AxisLabel::new().color(text))
                .split_line(
                    SplitLine::new().line_style(LineStyle::new().color(tokens.grid.as_str())),
                ),
        )
}

/// Each feature's line: solid over the buckets that cover their whole period, and, when the
/// first or the last covers part of its period, a dashed segment of the same name and colour
/// into it (a week of two days is not a week's fall, nor a month in progress a month's).
fn feature_lines(ts: &Timeseries) -> Vec<Line> {
    let n = ts.points.len();
    let part = |p: &TimePoint| p.partial || covered_part(p, ts.frequency).is_some();
    let first_part = n > 1 && ts.points.first().is_some_and(part);
    let last_part = n > 1 && ts.points.last().is_some_and(part);
    let mut lines = Vec::new();
    for &f in Feature::ALL {
        let color = color(f.color_token(), "#888");
        let values: Vec<f64> = ts
            .points
            .iter()
            .map(|p| p.by_feature.get(f).as_f64())
            .collect();
        // The values of the buckets `shown` keeps; the others are gaps in the line.
        let only = |shown: &dyn Fn(usize) -> bool| -> Vec<CompositeValue> {
            values
                .iter()
                .enumerate()
                .map(|(i, v)| match shown(i) {
                    true => CompositeValue::from(*v),
                    false => CompositeValue::OptionalNumber(None),
                })
                .collect()
        };
        let line = |data: Vec<CompositeValue>, style: LineStyle| {
            Line::new()
                .name(f.label())
                .data(data)
                .symbol_size(5)
                .item_style(ItemStyle::new().color(color.as_str()))
                .line_style(style.color(color.as_str()))
        };
        let solid = only(&|i| !((first_part && i == 0) || (last_part && i + 1 == n)));
        lines.push(
            line(solid, LineStyle::new().width(2.5))
                .show_symbol(n <= 45)
                .sampling(Sampling::Lttb),
        );
        if first_part || last_part {
            let dashed = only(&|i| (first_part && i < 2) || (last_part && i + 2 >= n));
            lines.push(line(
                dashed,
                LineStyle::new().width(2).type_(LineStyleType::Dashed),
            ));
        }
    }
    lines
}

/// A series that draws only vertical mark lines (no data of its own), for top-ups and the
/// drill-down.
fn marks_line(
    name: &str,
    style: LineStyleType,
    color: &str,
    width: f64,
    marks: Vec<MarkLineVariant>,
) -> Line {
    Line::new().name(name).data(Vec::<f64>::new()).mark_line(
        MarkLine::new()
            .symbol(vec![Symbol::None, Symbol::None])
            .silent(true)
            .line_style(LineStyle::new().type_(style).color(color).width(width))
            .data(marks),
    )
}

/// A mark line at the bucket labelled `at`, with its label.
fn mark_at(at: &str, name: Option<&str>, label: &str, color: &str) -> MarkLineVariant {
    let data = MarkLineData::new().x_axis(at);
    let data = match name {
        Some(name) => data.name(name),
        None => data,
    };
    MarkLineVariant::Simple(data.label(Label::new().formatter(label).color(color).font_size(11)))
}

/// Purchases and auto-recharges, marked at the bucket of their day ("Purchase +5k"); a kind
/// this version does not know is marked with its raw name; cycle resets are not marked.
fn event_marks(
    ts: &Timeseries,
    labels: &[String],
    events: Option<&CreditEvents>,
    color: &str,
) -> Vec<MarkLineVariant> {
    let Some(events) = events else {
        return Vec::new();
    };
    events
        .events
        .iter()
        .filter_map(|ev| {
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
            let label = format!("{what} +{}", format::compact(ev.credits.as_f64()));
            Some(mark_at(&labels[i], Some(&what), &label, color))
        })
        .collect()
}

/// The drill-down, when its dates are on this axis: a line at its bucket (at the first and the
/// last of its buckets when the chart is finer).
fn drill_marks(
    ts: &Timeseries,
    labels: &[String],
    drill: Option<DateRange>,
    color: &str,
) -> Vec<MarkLineVariant> {
    let Some(r) = drill else {
        return Vec::new();
    };
    let at = |d: NaiveDate| ts.points.iter().position(|p| p.start <= d && d <= p.end);
    let mut at: Vec<usize> = [at(r.from), at(r.to)].into_iter().flatten().collect();
    at.dedup();
    at.into_iter()
        .map(|i| mark_at(&labels[i], None, &labels[i], color))
        .collect()
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
pub(super) fn name_last_bucket(option: &JsValue) {
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
pub(super) fn tooltip(params: js_sys::Array) -> String {
    tooltip_html(params, false)
}

/// The axis tooltip of a chart whose buckets drill: it says how.
pub(super) fn tooltip_drill(params: js_sys::Array) -> String {
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
