//! The part of ECharts' API the wrapper uses, bound once, and what it does with it: create an
//! instance that resizes with its box, apply an option, show the tooltip at a category, find
//! the category under a point.

use super::ChartFailure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// An ECharts instance.
    #[derive(Clone)]
    pub type EChartsInstance;

    #[wasm_bindgen(js_namespace = echarts, js_name = init, catch)]
    pub(super) fn echarts_init(
        el: &web_sys::HtmlElement,
        theme: &JsValue,
        opts: &JsValue,
    ) -> Result<EChartsInstance, JsValue>;

    #[wasm_bindgen(method, js_name = setOption, catch)]
    pub(super) fn set_option(
        this: &EChartsInstance,
        option: &JsValue,
        opts: &JsValue,
    ) -> Result<(), JsValue>;

    #[wasm_bindgen(method)]
    pub(super) fn resize(this: &EChartsInstance);

    #[wasm_bindgen(method, js_name = dispatchAction)]
    pub(super) fn dispatch_action(this: &EChartsInstance, action: &JsValue);

    #[wasm_bindgen(method, js_name = convertToPixel, catch)]
    pub(super) fn convert_to_pixel(
        this: &EChartsInstance,
        finder: &JsValue,
        value: &JsValue,
    ) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, js_name = convertFromPixel, catch)]
    pub(super) fn convert_from_pixel(
        this: &EChartsInstance,
        finder: &JsValue,
        value: &JsValue,
    ) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, js_name = containPixel, catch)]
    pub(super) fn contain_pixel(
        this: &EChartsInstance,
        finder: &JsValue,
        value: &JsValue,
    ) -> Result<bool, JsValue>;

    #[wasm_bindgen(method, js_name = getHeight)]
    pub(super) fn get_height(this: &EChartsInstance) -> f64;

    #[wasm_bindgen(method)]
    pub(super) fn dispose(this: &EChartsInstance);

    #[wasm_bindgen(method, js_name = isDisposed)]
    pub(super) fn is_disposed(this: &EChartsInstance) -> bool;
}

/// The observer that resizes the chart with its box, and its callback (kept alive with it).
pub(super) type Resizer = (web_sys::ResizeObserver, Closure<dyn FnMut()>);

/// The tooltip formatter handed to ECharts; kept alive as long as the chart.
pub(super) type TooltipFormatter = Closure<dyn Fn(JsValue) -> String>;

/// Sets `key` of the object `on` (a failure to set is not possible on a plain object).
fn set(on: &JsValue, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(on, &key.into(), value);
}

/// A canvas chart in `el`, resized with it.
pub(super) fn create(
    el: &web_sys::HtmlElement,
) -> Result<(EChartsInstance, Option<Resizer>), ChartFailure> {
    let opts = js_sys::Object::new();
    set(&opts, "renderer", &"canvas".into());
    let chart = echarts_init(el, &JsValue::NULL, &opts).map_err(|_| ChartFailure::Missing)?;
    let resize_target = chart.clone();
    let cb = Closure::<dyn FnMut()>::new(move || {
        if !resize_target.is_disposed() {
            resize_target.resize();
        }
    });
    let resizer = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref())
        .ok()
        .map(|ro| {
            ro.observe(el);
            (ro, cb)
        });
    Ok((chart, resizer))
}

/// Draws the option `json` on `chart`: `adjust` sets what the JSON builder cannot say, and the
/// tooltip takes `formatter`, confined to the chart on narrow screens.
pub(super) fn apply(
    chart: &EChartsInstance,
    json: &str,
    adjust: Option<fn(&JsValue)>,
    formatter: Option<&TooltipFormatter>,
) -> Result<(), ChartFailure> {
    let parsed =
        js_sys::JSON::parse(json).map_err(|e| ChartFailure::Rejected(js_error_text(&e)))?;
    if let Some(adjust) = adjust {
        adjust(&parsed);
    }
    if let Some(f) = formatter {
        if let Ok(tip) = js_sys::Reflect::get(&parsed, &"tooltip".into()) {
            if tip.is_object() {
                set(&tip, "formatter", f.as_ref());
                set(&tip, "confine", &JsValue::TRUE);
            }
        }
    }
    // The series, axes and legend are replaced (a removed series or mark must disappear, not
    // linger from the previous option); the grid and tooltip are merged, so ECharts keeps
    // their views instead of building them anew on every filter change (`notMerge` did,
    // measuring the page's layout each time).
    let set_opts = js_sys::Object::new();
    set(
        &set_opts,
        "replaceMerge",
        &js_sys::Array::of4(
            &"series".into(),
            &"xAxis".into(),
            &"yAxis".into(),
            &"legend".into(),
        ),
    );
    chart
        .set_option(&parsed, &set_opts)
        .map_err(|e| ChartFailure::Rejected(js_error_text(&e)))
}

/// Shows the axis tooltip at category `i`, or hides it.
pub(super) fn show_tip(chart: &EChartsInstance, i: Option<usize>) {
    let action = js_sys::Object::new();
    match i {
        Some(i) => {
            let finder = js_sys::Object::new();
            set(&finder, "xAxisIndex", &0.into());
            let Some(x) = chart
                .convert_to_pixel(&finder, &JsValue::from(i as f64))
                .ok()
                .and_then(|x| x.as_f64())
            else {
                return;
            };
            set(&action, "type", &"showTip".into());
            set(&action, "x", &x.into());
            set(&action, "y", &(chart.get_height() / 2.0).into());
        }
        None => set(&action, "type", &"hideTip".into()),
    }
    chart.dispatch_action(&action);
}

/// The category under the point (`x`, `y`) of the chart's box, if the point is in the plot and
/// the category one of the `n`.
pub(super) fn category_at(chart: &EChartsInstance, x: f64, y: f64, n: usize) -> Option<usize> {
    let grid = js_sys::Object::new();
    set(&grid, "gridIndex", &0.into());
    let at = js_sys::Array::of2(&x.into(), &y.into());
    if !chart.contain_pixel(&grid, &at).unwrap_or(false) {
        return None;
    }
    let axis = js_sys::Object::new();
    set(&axis, "xAxisIndex", &0.into());
    let i = chart
        .convert_from_pixel(&axis, &x.into())
        .ok()?
        .as_f64()?
        .round();
    (i >= 0.0 && (i as usize) < n).then_some(i as usize)
}

fn js_error_text(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
