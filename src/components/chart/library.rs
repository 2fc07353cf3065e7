//! The chart library (ECharts), loaded from the app's own origin when a chart is first shown:
//! one state for the page, so every chart follows one load and one Retry.

use crate::platform::script;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

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
