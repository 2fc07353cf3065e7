use crate::api::types::{CreditEventKind, CreditEvents, Feature, Timeseries};
use crate::app::use_app;
use crate::components::chart::Chart;
use crate::components::fetch::{use_remote, Remote};
use crate::components::widget_frame::{FrameStatus, WidgetFrame};
use crate::domain::{CompareWith, Frequency};
use crate::format;
use crate::pages::dashboard::use_dash;
use crate::state::WidgetFilters;
use leptos::prelude::*;
use serde_json::{json, Value};
use wasm_bindgen::JsValue;

/// Colours of the page's design tokens, so the chart follows the theme.
fn token(name: &str, fallback: &str) -> String {
    web_sys::window()
        .and_then(|w| {
            let root = w.document()?.document_element()?;
            w.get_computed_style(&root)
                .ok()
                .flatten()?
                .get_property_value(name)
                .ok()
        })
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| fallback.to_string())
}

fn bucket_label(start: chrono::NaiveDate, frequency: Frequency) -> String {
    match frequency {
        Frequency::Day | Frequency::Week => format::day_month(start),
        Frequency::Month => format::month_year(start),
    }
}

/// The ECharts option: one line per feature; the in-progress bucket on a dashed segment of the
/// same colour (same name, so the legend toggles both); top-ups as marks on the time axis.
pub fn chart_option(ts: &Timeseries, events: Option<&CreditEvents>) -> Value {
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
    let partial = ts.points.last().is_some_and(|p| p.partial);
    let text = token("--text-muted", "#5b6477");
    let grid = token("--border", "#dfe3ec");
    let mut series = Vec::new();
    for f in Feature::ALL {
        let color = token(&format!("--feature-{}", f.key().replace('_', "-")), "#888");
        let values: Vec<f64> = ts
            .points
            .iter()
            .map(|p| match f {
                Feature::SmartFlows => p.smart_flows.as_f64(),
                Feature::AiCopilot => p.ai_copilot.as_f64(),
                Feature::AiPilots => p.ai_pilots.as_f64(),
            })
            .collect();
        let solid: Vec<Value> = values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                if partial && i + 1 == n && n > 1 {
                    Value::Null
                } else {
                    json!(v)
                }
            })
            .collect();
        series.push(json!({
            "type": "line", "name": f.label(), "data": solid, "showSymbol": n <= 45, "symbolSize": 5,
            "itemStyle": {"color": color}, "lineStyle": {"width": 2.5, "color": color}, "sampling": "lttb",
            "emphasis": {"focus": "series"},
        }));
        if partial && n > 1 {
            let dashed: Vec<Value> = values
                .iter()
                .enumerate()
                .map(|(i, v)| if i + 2 >= n { json!(v) } else { Value::Null })
                .collect();
            series.push(json!({
                "type": "line", "name": f.label(), "data": dashed, "showSymbol": true, "symbolSize": 5,
                "itemStyle": {"color": color}, "lineStyle": {"width": 2, "type": "dashed", "color": color},
            }));
        }
    }
    let marks: Vec<Value> = events
        .map(|e| {
            e.events
                .iter()
                .filter(|ev| ev.kind != CreditEventKind::CycleReset)
                .filter_map(|ev| {
                    let i = ts.points.iter().position(|p| p.start <= ev.date && ev.date <= p.end)?;
                    let what = if ev.kind == CreditEventKind::AutoRecharge { "Auto-recharge" } else { "Purchase" };
                    Some(json!({
                        "xAxis": labels[i],
                        "name": what,
                        "label": {"formatter": format!("{what} +{}", format::compact(ev.credits.as_f64())), "color": text, "fontSize": 11},
                    }))
                })
                .collect()
        })
        .unwrap_or_default();
    let brand = token("--brand", "#4f46e5");
    series.push(json!({
        "type": "line", "name": "Top-ups", "data": [], "itemStyle": {"color": brand},
        "markLine": {"symbol": ["none", "none"], "silent": true, "lineStyle": {"type": "dotted", "color": brand, "width": 1.5}, "data": marks},
    }));
    json!({
        "animation": false,
        "grid": {"left": 8, "right": 16, "top": 40, "bottom": 8, "containLabel": true},
        "legend": {"top": 0, "left": 0, "textStyle": {"color": text}, "data": ["Smart Flows", "AI Copilot", "AI Pilots", "Top-ups"]},
        "tooltip": {"trigger": "axis", "confine": true},
        "xAxis": {"type": "category", "data": labels, "boundaryGap": false, "axisLabel": {"color": text, "hideOverlap": true}, "axisLine": {"lineStyle": {"color": grid}}},
        "yAxis": {"type": "value", "axisLabel": {"color": text}, "splitLine": {"lineStyle": {"color": grid}}},
        "series": series,
    })
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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

/// Credit usage by feature over time.
#[component]
pub fn UsageChartWidget() -> impl IntoView {
    let app = use_app();
    let dash = use_dash();
    let filters = RwSignal::new(WidgetFilters::default());
    let frequency = RwSignal::new(Frequency::Day);
    let query = Memo::new(move |_| {
        dash.global
            .with(|g| filters.with(|f| f.effective(g)))
            .query(CompareWith::None)
    });
    let (data, retry) = use_remote(
        move || {
            app.data_version.track();
            (app.api(), query.get(), frequency.get())
        },
        |(api, q, f)| async move { api.timeseries(&q, f).await },
    );
    // Marks are a nicety: their failure never blanks the chart.
    let (events, _) = use_remote(
        move || {
            app.data_version.track();
            (app.api(), query.with(|q| q.range))
        },
        |(api, r)| async move { api.events(r).await },
    );
    let status = Signal::derive(move || match data.get() {
        Remote::Loading(None) => FrameStatus::Loading,
        Remote::Loading(Some(_)) => FrameStatus::Refreshing,
        Remote::Failed(e) => FrameStatus::Error(e),
        Remote::Ready(ts)
            if ts
                .points
                .iter()
                .all(|p| (p.smart_flows + p.ai_copilot + p.ai_pilots).hundredths() == 0) =>
        {
            FrameStatus::Empty("No usage in this range.")
        }
        Remote::Ready(_) => FrameStatus::Ready,
    });
    let option = Memo::new(move |_| {
        data.with(|d| d.latest())
            .map(|ts| {
                let ev = events.with(|e| e.latest());
                chart_option(&ts, ev.as_ref()).to_string()
            })
            .unwrap_or_default()
    });
    let totals = move || {
        data.with(|d| d.latest()).map(|ts| {
            let sum: f64 = ts
                .points
                .iter()
                .map(|p| (p.smart_flows + p.ai_copilot + p.ai_pilots).as_f64())
                .sum();
            sum
        })
    };
    let subtitle = Signal::derive(move || dash.range_text(query.with(|q| q.range)));
    view! {
        <WidgetFrame
            testid="widget-usage-chart"
            title="Credit usage by feature over time"
            subtitle=subtitle
            status=status
            on_retry=retry
            filters=filters
            class="w-chart"
            controls=std::sync::Arc::new(move || {
                view! {
                    <div class="field">
                        <label class="field-label">
                            "Frequency"
                            <select
                                class="input"
                                data-testid="widget-frequency"
                                prop:value=move || frequency.get().key()
                                on:change=move |ev| frequency.set(Frequency::from_key(&event_target_value(&ev)).unwrap_or_default())
                            >
                                {Frequency::ALL.into_iter().map(|f| view! { <option value=f.key()>{f.label()}</option> }).collect_view()}
                            </select>
                        </label>
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
        </WidgetFrame>
    }
}
