//! One ECharts wrapper for every chart: created once per mounted element, updated in place when
//! its option changes (replacing series, never merging stale ones), resized with its box, and
//! disposed when unmounted. The library itself is loaded when a chart is first shown
//! (`use_chart_library`): the app starts without it.

use crate::platform::script;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// An ECharts instance.
    #[derive(Clone)]
    pub type EChartsInstance;

    #[wasm_bindgen(js_namespace = echarts, js_name = init, catch)]
    fn echarts_init(
        el: &web_sys::HtmlElement,
        theme: &JsValue,
        opts: &JsValue,
    ) -> Result<EChartsInstance, JsValue>;

    #[wasm_bindgen(method, js_name = setOption, catch)]
    fn set_option(this: &EChartsInstance, option: &JsValue, opts: &JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(method)]
    fn resize(this: &EChartsInstance);

    #[wasm_bindgen(method, js_name = dispatchAction)]
    fn dispatch_action(this: &EChartsInstance, action: &JsValue);

    #[wasm_bindgen(method, js_name = convertToPixel, catch)]
    fn convert_to_pixel(
        this: &EChartsInstance,
        finder: &JsValue,
        value: &JsValue,
    ) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, js_name = convertFromPixel, catch)]
    fn convert_from_pixel(
        this: &EChartsInstance,
        finder: &JsValue,
        value: &JsValue,
    ) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, js_name = containPixel, catch)]
    fn contain_pixel(
        this: &EChartsInstance,
        finder: &JsValue,
        value: &JsValue,
    ) -> Result<bool, JsValue>;

    #[wasm_bindgen(method, js_name = getHeight)]
    fn get_height(this: &EChartsInstance) -> f64;

    #[wasm_bindgen(method)]
    fn dispose(this: &EChartsInstance);

    #[wasm_bindgen(method, js_name = isDisposed)]
    fn is_disposed(this: &EChartsInstance) -> bool;
}

/// The observer that resizes the chart with its box, and its callback (kept alive with it).
type Resizer = (web_sys::ResizeObserver, Closure<dyn FnMut()>);

/// The tooltip formatter handed to ECharts; kept alive as long as the chart.
type TooltipFormatter = Closure<dyn Fn(JsValue) -> String>;

/// Why a chart could not be drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum ChartFailure {
    /// The ECharts script is not on the page.
    Missing,
    /// ECharts refused the option.
    Rejected(String),
}

/// Whether the chart library is on the page yet.
#[derive(Clone, Debug, PartialEq)]
pub enum ChartLibrary {
    Loading,
    Ready,
    /// It did not load; the error says so, with Retry.
    Failed(LibraryFailed),
}

/// The chart library, a part of the app loaded on demand from its own origin, did not arrive
/// (not a failure of the usage service: no request of the API was made).
#[derive(Clone, Debug, PartialEq)]
pub struct LibraryFailed {
    /// Where it was asked for (empty when the page names no bundle).
    pub src: String,
}

impl LibraryFailed {
    /// The sentence shown to the admin.
    pub fn message(&self) -> String {
        "The chart library could not be loaded. Check your connection and try again.".into()
    }
}

fn echarts_present() -> bool {
    js_sys::Reflect::has(&js_sys::global(), &JsValue::from_str("echarts")).unwrap_or(false)
}

/// Where the build put the app's ECharts bundle: the `<link rel="preload" data-echarts>` that
/// scripts/post-build.mjs writes into index.html (so it is usually fetched by the time a chart
/// asks for it).
fn echarts_src() -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector("link[data-echarts]")
        .ok()??
        .get_attribute("href")
}

thread_local! {
    /// Whether the library is on the page: one state for the page, so every chart follows one
    /// load and one Retry (the gallery shows several).
    static LIBRARY: ArcRwSignal<ChartLibrary> = ArcRwSignal::new(if echarts_present() {
        ChartLibrary::Ready
    } else {
        ChartLibrary::Loading
    });
}

/// Starts loading the library unless it is there or on its way.
fn load_library(state: ArcRwSignal<ChartLibrary>, again: bool) {
    if echarts_present() {
        state.set(ChartLibrary::Ready);
        return;
    }
    let loading = state.with_untracked(|s| *s == ChartLibrary::Loading);
    if loading && again {
        return;
    }
    let failed = |src: String| ChartLibrary::Failed(LibraryFailed { src });
    let Some(src) = echarts_src() else {
        state.set(failed(String::new()));
        return;
    };
    state.set(ChartLibrary::Loading);
    leptos::task::spawn_local(async move {
        let next = match script::load(&src).await {
            Ok(()) if echarts_present() => ChartLibrary::Ready,
            // It loaded but defined nothing (a host's index.html for a file it lacks): the next
            // try must fetch it again.
            Ok(()) => {
                script::forget(&src);
                failed(src)
            }
            Err(e) => failed(e.src),
        };
        state.set(next);
    });
}

/// The chart library for a chart on screen: loads it if it is not on the page yet (once per
/// page, however many charts ask) and says when it is there; the callback tries a failed load
/// again, for every chart on the page. Only what draws a chart waits for it.
pub fn use_chart_library() -> (Signal<ChartLibrary>, Callback<()>) {
    let state = LIBRARY.with(Clone::clone);
    if state.with_untracked(|s| *s == ChartLibrary::Loading) {
        load_library(state.clone(), false);
    }
    let read = state.clone();
    let retry = Callback::new(move |()| load_library(state.clone(), true));
    (Signal::derive(move || read.get()), retry)
}

fn js_error_text(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// A chart drawn from an ECharts option in JSON (build it with `charming`, then
/// `serde_json::to_string(&chart)`).
#[component]
pub fn Chart(
    /// The option as JSON text; a change redraws the chart in place.
    #[prop(into)]
    option: Signal<String>,
    /// What the chart shows, for assistive technology.
    #[prop(into)]
    label: String,
    /// Extra class for sizing.
    #[prop(optional, into)]
    class: String,
    /// Writes the axis tooltip from ECharts' params array, in Rust (escape any API text).
    #[prop(optional)]
    tooltip: Option<fn(js_sys::Array) -> String>,
    /// One sentence per category of the x axis, in order: given, the chart takes focus and the
    /// arrow keys (Home, End) move through the categories, the tooltip following and the
    /// sentence read out; Escape or leaving hides it.
    #[prop(optional, into)]
    points: Option<Signal<Vec<String>>>,
    /// Sets, on the parsed option, what the JSON builder cannot say (called on every new option).
    #[prop(optional)]
    adjust: Option<fn(&JsValue)>,
    /// Called with the category clicked in the plot, or chosen with Enter from the keys.
    #[prop(optional)]
    on_pick: Option<Callback<usize>>,
) -> impl IntoView {
    let formatter: StoredValue<Option<TooltipFormatter>, LocalStorage> =
        StoredValue::new_local(tooltip.map(|f| {
            Closure::<dyn Fn(JsValue) -> String>::new(move |p: JsValue| f(p.unchecked_into()))
        }));
    let node = NodeRef::<Div>::new();
    let instance: StoredValue<Option<EChartsInstance>, LocalStorage> = StoredValue::new_local(None);
    let observer: StoredValue<Option<Resizer>, LocalStorage> = StoredValue::new_local(None);
    let failure = RwSignal::new(None::<ChartFailure>);

    Effect::new(move |_| {
        let json = option.get();
        let Some(el) = node.get() else { return };
        let el: web_sys::HtmlElement = el.into();
        if instance.with_value(|i| i.is_none()) {
            let opts = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&opts, &"renderer".into(), &"canvas".into());
            match echarts_init(&el, &JsValue::NULL, &opts) {
                Ok(chart) => {
                    let resize_target = chart.clone();
                    let cb = Closure::<dyn FnMut()>::new(move || {
                        if !resize_target.is_disposed() {
                            resize_target.resize();
                        }
                    });
                    if let Ok(ro) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) {
                        ro.observe(&el);
                        observer.set_value(Some((ro, cb)));
                    }
                    instance.set_value(Some(chart));
                }
                Err(_) => {
                    failure.set(Some(ChartFailure::Missing));
                    return;
                }
            }
        }
        let parsed = match js_sys::JSON::parse(&json) {
            Ok(v) => v,
            Err(e) => {
                failure.set(Some(ChartFailure::Rejected(js_error_text(&e))));
                return;
            }
        };
        if let Some(adjust) = adjust {
            adjust(&parsed);
        }
        formatter.with_value(|f| {
            if let Some(f) = f {
                if let Ok(tip) = js_sys::Reflect::get(&parsed, &"tooltip".into()) {
                    if tip.is_object() {
                        let _ = js_sys::Reflect::set(&tip, &"formatter".into(), f.as_ref());
                        // Keep the tooltip inside the chart on narrow screens.
                        let _ = js_sys::Reflect::set(&tip, &"confine".into(), &JsValue::TRUE);
                    }
                }
            }
        });
        // The series, axes and legend are replaced (a removed series or mark must disappear, not
        // linger from the previous option); the grid and tooltip are merged, so ECharts keeps
        // their views instead of building them anew on every filter change (`notMerge` did,
        // measuring the page's layout each time).
        let set_opts = js_sys::Object::new();
        let _ = js_sys::Reflect::set(
            &set_opts,
            &"replaceMerge".into(),
            &js_sys::Array::of4(
                &"series".into(),
                &"xAxis".into(),
                &"yAxis".into(),
                &"legend".into(),
            ),
        );
        instance.with_value(|i| {
            if let Some(chart) = i {
                match chart.set_option(&parsed, &set_opts) {
                    Ok(()) => failure.set(None),
                    Err(e) => failure.set(Some(ChartFailure::Rejected(js_error_text(&e)))),
                }
            }
        });
    });

    // The category the keyboard is on, if any.
    let focused = RwSignal::new(None::<usize>);
    let show_tip = move |i: Option<usize>| {
        instance.with_value(|chart| {
            let Some(chart) = chart else { return };
            let action = js_sys::Object::new();
            let set = |k: &str, v: &JsValue| {
                let _ = js_sys::Reflect::set(&action, &k.into(), v);
            };
            match i {
                Some(i) => {
                    let finder = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&finder, &"xAxisIndex".into(), &0.into());
                    let Some(x) = chart
                        .convert_to_pixel(&finder, &JsValue::from(i as f64))
                        .ok()
                        .and_then(|x| x.as_f64())
                    else {
                        return;
                    };
                    set("type", &"showTip".into());
                    set("x", &x.into());
                    set("y", &(chart.get_height() / 2.0).into());
                }
                None => set("type", &"hideTip".into()),
            }
            chart.dispatch_action(&action);
        });
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let Some(points) = points else { return };
        // Alt+Left is Back, Ctrl+Home and the like belong to the browser.
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() || ev.shift_key() {
            return;
        }
        let n = points.with_untracked(Vec::len);
        if n == 0 {
            return;
        }
        let at = focused.get_untracked();
        if let (Some(pick), Some(i), "Enter") = (on_pick, at, ev.key().as_str()) {
            ev.prevent_default();
            pick.run(i);
            return;
        }
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => at.map_or(0, |i| (i + 1).min(n - 1)),
            "ArrowLeft" | "ArrowUp" => at.map_or(n - 1, |i| i.saturating_sub(1)),
            "Home" => 0,
            "End" => n - 1,
            "Escape" => {
                focused.set(None);
                show_tip(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        focused.set(Some(next));
        show_tip(Some(next));
    };
    // A click anywhere in the plot picks the category under the pointer (not only its point,
    // which is a few pixels wide).
    // On a touch screen the first tap shows a bucket's tooltip; a second tap on it picks it.
    let tapped = StoredValue::new(None::<usize>);
    let on_click = move |ev: web_sys::MouseEvent| {
        let (Some(pick), Some(el)) = (on_pick, node.get_untracked()) else {
            return;
        };
        let touch = js_sys::Reflect::get(&ev, &"pointerType".into())
            .ok()
            .and_then(|t| t.as_string())
            .is_some_and(|t| t == "touch");
        let rect = el.get_bounding_client_rect();
        let x = f64::from(ev.client_x()) - rect.left();
        let y = f64::from(ev.client_y()) - rect.top();
        let n = points.map_or(0, |p| p.with_untracked(Vec::len));
        let picked = instance.with_value(|chart| {
            let chart = chart.as_ref()?;
            let grid = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&grid, &"gridIndex".into(), &0.into());
            let at = js_sys::Array::of2(&x.into(), &y.into());
            if !chart.contain_pixel(&grid, &at).unwrap_or(false) {
                return None;
            }
            let axis = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&axis, &"xAxisIndex".into(), &0.into());
            let i = chart
                .convert_from_pixel(&axis, &x.into())
                .ok()?
                .as_f64()?
                .round();
            (i >= 0.0 && (i as usize) < n).then_some(i as usize)
        });
        let Some(i) = picked else { return };
        if touch && tapped.get_value() != Some(i) {
            tapped.set_value(Some(i));
            return;
        }
        tapped.set_value(None);
        pick.run(i);
    };
    let on_blur = move |_| {
        if focused.get_untracked().is_some() {
            focused.set(None);
            show_tip(None);
        }
    };
    // New figures (another range, frequency or theme) may have other categories: start over,
    // and take down the tooltip ECharts would otherwise redraw where the keys left it.
    Effect::new(move |_| {
        option.track();
        if focused.get_untracked().is_some() {
            focused.set(None);
            show_tip(None);
        }
    });
    let spoken = move || {
        let i = focused.get()?;
        points?.with(|p| p.get(i).cloned())
    };
    let keyboard = points.is_some();
    let hint_id = crate::platform::ids::unique_id("chart-keys");

    on_cleanup(move || {
        observer.update_value(|o| {
            if let Some((ro, _cb)) = o.take() {
                ro.disconnect();
            }
        });
        instance.update_value(|i| {
            if let Some(chart) = i.take() {
                chart.dispose();
            }
        });
    });

    view! {
        <div class="chart-wrap">
            <div
                class=format!("chart {class}{}", if on_pick.is_some() { " clickable" } else { "" })
                node_ref=node
                role=if keyboard { "application" } else { "img" }
                aria-label=label
                aria-describedby=keyboard.then(|| hint_id.clone())
                tabindex=keyboard.then_some("0")
                data-testid="chart"
                on:keydown=on_key
                on:click=on_click
                on:blur=on_blur
            ></div>
            {keyboard
                .then(|| {
                    view! {
                        <span id=hint_id class="visually-hidden">{if on_pick.is_some() {
                            "Use the arrow keys to read each period; Home and End go to the first and the last; Enter shows that period alone in the summary and the reports."
                        } else {
                            "Use the arrow keys to read each period; Home and End go to the first and the last."
                        }}</span>
                        <p class="visually-hidden" aria-live="polite" data-testid="chart-focus">{spoken}</p>
                    }
                })}
            {move || {
                failure
                    .get()
                    .map(|f| {
                        let text = match f {
                            ChartFailure::Missing => "The chart library did not load; the figures are in the tables below.".to_string(),
                            ChartFailure::Rejected(m) => format!("The chart could not be drawn: {m}"),
                        };
                        view! { <p class="chart-failure notice notice-warn" role="status">{text}</p> }
                    })
            }}
        </div>
    }
}
