//! The chart's ECharts option (ECharts' JSON) and what the chart calls back: the tooltip,
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

use serde_json::{json, Value};

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

/// The ECharts option: one line per feature; the in-progress bucket on a dashed segment of the
/// same colour and name (so the legend toggles both and the tooltip shows it once); top-ups as
/// marks on the time axis. Written as ECharts' own JSON (its option reference names every
/// key), with no builder library in the wasm.
fn chart_option(ts: &Timeseries, events: Option<&CreditEvents>, drill: Option<DateRange>) -> Value {
    let labels: Vec<String> = ts
        .points
        .iter()
        .map(|p| point_label(p, ts.frequency))
        .collect();
    let tokens = Tokens::now();
    let mut series = feature_lines(ts);
    let drilled = drill_marks(ts, &labels, drill, &tokens.brand);
    if !drilled.is_empty() {
        series.push(marks_line(
            "Shown below",
            "solid",
            &tokens.brand,
            2.0,
            drilled,
        ));
    }
    let topups = event_marks(ts, &labels, events, &tokens.text);
    let mut topups = marks_line("Top-ups", "dotted", &tokens.marker, 1.5, topups);
    topups["itemStyle"] = json!({ "color": tokens.marker });
    series.push(topups);
    let mut option = frame(labels, &tokens);
    option["series"] = Value::Array(series);
    option
}

/// Everything but the series: the grid, the legend, the tooltip and the two axes.
fn frame(labels: Vec<String>, tokens: &Tokens) -> Value {
    let text = tokens.text.as_str();
    let legend =
        ["Smart Flows", "AI Copilot", "AI Pilots", "Top-ups"].map(|name| json!({ "name": name }));
    json!({
        "animation": false,
        // Room on the right for the last bucket's label ("Nov 27 (so far)"), centred on the
        // edge.
        "grid": [{ "left": 8, "right": 44, "top": 40, "bottom": 8, "containLabel": true }],
        // One line at any width: a wrapped second line would sit on the value axis' top
        // label. Compact marks (14 px, not 25) fit all four names in a phone's 326 px, which
        // paged ("AI Pi ◀ 1/2 ▶", issue 28 item 14); arrows only past that.
        "legend": {
            "type": "scroll",
            "top": 0,
            "left": 0,
            "right": 0,
            "padding": 0.0,
            "itemWidth": 14.0,
            "itemHeight": 10.0,
            "itemGap": 8.0,
            "textStyle": { "color": text },
            "data": legend,
        },
        "tooltip": {
            "trigger": "axis",
            "backgroundColor": tokens.surface,
            "borderColor": tokens.grid,
        },
        "xAxis": {
            "type": "category",
            "data": labels,
            "boundaryGap": false,
            "axisLabel": { "color": text },
        },
        "yAxis": {
            "type": "value",
            "axisLabel": { "color": text },
            "splitLine": { "lineStyle": { "color": tokens.grid } },
        },
    })
}

/// Each feature's line: solid over the buckets that cover their whole period, and, when the
/// first or the last covers part of its period, a dashed segment of the same name and colour
/// into it (a week of two days is not a week's fall, nor a month in progress a month's).
fn feature_lines(ts: &Timeseries) -> Vec<Value> {
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
        let only = |shown: &dyn Fn(usize) -> bool| -> Vec<Option<f64>> {
            values
                .iter()
                .enumerate()
                .map(|(i, v)| shown(i).then_some(*v))
                .collect()
        };
        let line = |data: Vec<Option<f64>>, mut style: Value| {
            style["color"] = json!(color);
            json!({
                "type": "line",
                "name": f.label(),
                "data": data,
                "symbolSize": 5,
                "itemStyle": { "color": color },
                "lineStyle": style,
            })
        };
        let solid = only(&|i| !((first_part && i == 0) || (last_part && i + 1 == n)));
        let mut solid = line(solid, json!({ "width": 2.5 }));
        solid["showSymbol"] = json!(n <= 45);
        solid["sampling"] = json!("lttb");
        lines.push(solid);
        if first_part || last_part {
            let dashed = only(&|i| (first_part && i < 2) || (last_part && i + 2 >= n));
            lines.push(line(dashed, json!({ "width": 2, "type": "dashed" })));
        }
    }
    lines
}

/// A series that draws only vertical mark lines (no data of its own), for top-ups and the
/// drill-down; `style` is ECharts' line type (`solid`, `dotted`).
fn marks_line(name: &str, style: &str, color: &str, width: f64, marks: Vec<Value>) -> Value {
    let mut line = json!({
        "type": "line",
        "name": name,
        "markLine": {
            "symbol": ["none", "none"],
            "silent": true,
            "lineStyle": { "type": style, "color": color, "width": width },
        },
    });
    if !marks.is_empty() {
        line["markLine"]["data"] = Value::Array(marks);
    }
    line
}

/// A mark line at the bucket labelled `at`, with its label.
fn mark_at(at: &str, name: Option<&str>, label: &str, color: &str) -> Value {
    let mut mark = json!({
        "xAxis": at,
        "label": { "formatter": label, "color": color, "fontSize": 11 },
    });
    if let Some(name) = name {
        mark["name"] = json!(name);
    }
    mark
}

/// Purchases and auto-recharges, marked at the bucket of their day ("Purchase +5k"); a kind
/// this version does not know is marked with its raw name; cycle resets are not marked.
fn event_marks(
    ts: &Timeseries,
    labels: &[String],
    events: Option<&CreditEvents>,
    color: &str,
) -> Vec<Value> {
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
) -> Vec<Value> {
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

/// The option as the chart takes it: compact JSON.
pub fn option_json(
    ts: &Timeseries,
    events: Option<&CreditEvents>,
    drill: Option<DateRange>,
) -> String {
    serde_json::to_string(&chart_option(ts, events, drill)).unwrap_or_default()
}

/// Two settings that take a function or depend on the axis, set on the parsed option: the last category's label is
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
