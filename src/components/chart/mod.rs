//! One ECharts wrapper for every chart: created once per mounted element, updated in place when
//! its option changes (replacing series, never merging stale ones), resized with its box, and
//! disposed when unmounted. The library itself is loaded when a chart is first shown
//! (`use_chart_library`): the app starts without it.
//!
//! The component (here); ECharts' API as bound and used (`binding`); loading the library
//! (`library`).

mod binding;
mod library;

pub use library::{use_chart_library, ChartLibrary, LibraryFailed};

use binding::{EChartsInstance, Resizer, TooltipFormatter};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Why a chart could not be drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum ChartFailure {
    /// The ECharts script is not on the page.
    Missing,
    /// ECharts refused the option.
    Rejected(String),
}

/// A chart drawn from an ECharts option in JSON (build it with `serde_json::json!`, then
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
    let formatter = StoredValue::new_local(tooltip.map(|f| {
        Closure::<dyn Fn(JsValue) -> String>::new(move |p: JsValue| f(p.unchecked_into()))
    }));
    let drawn = Drawn {
        node: NodeRef::new(),
        instance: StoredValue::new_local(None),
        observer: StoredValue::new_local(None),
        formatter,
        failure: RwSignal::new(None),
    };
    let node = drawn.node;
    let failure = drawn.failure;
    Effect::new(move |_| {
        let json = option.get();
        drawn.draw(&json, adjust);
    });

    let keys = Keys {
        focused: RwSignal::new(None),
        drawn,
        points,
        on_pick,
    };
    let on_key = move |ev: web_sys::KeyboardEvent| keys.on_key(&ev);
    // A click anywhere in the plot picks the category under the pointer (not only its point,
    // which is a few pixels wide).
    // On a touch screen the first tap shows a bucket's tooltip; a second tap on it picks it.
    let tapped = StoredValue::new(None::<usize>);
    let on_click = move |ev: web_sys::MouseEvent| {
        let Some(pick) = on_pick else { return };
        let touch = js_sys::Reflect::get(&ev, &"pointerType".into())
            .ok()
            .and_then(|t| t.as_string())
            .is_some_and(|t| t == "touch");
        let n = points.map_or(0, |p| p.with_untracked(Vec::len));
        let Some(i) = drawn.category_at(&ev, n) else {
            return;
        };
        if touch && tapped.get_value() != Some(i) {
            tapped.set_value(Some(i));
            return;
        }
        tapped.set_value(None);
        pick.run(i);
    };
    let on_blur = move |_| keys.leave();
    // New figures (another range, frequency or theme) may have other categories: start over,
    // and take down the tooltip ECharts would otherwise redraw where the keys left it.
    Effect::new(move |_| {
        option.track();
        keys.leave();
    });
    let spoken = move || {
        let i = keys.focused.get()?;
        points?.with(|p| p.get(i).cloned())
    };
    let keyboard = points.is_some();
    let hint_id = crate::platform::ids::unique_id("chart-keys");
    on_cleanup(move || drawn.dispose());

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
            {move || failure.get().map(failure_notice)}
        </div>
    }
}

/// The chart as drawn: its element, the ECharts instance made on it, and what went wrong.
#[derive(Clone, Copy)]
struct Drawn {
    node: NodeRef<Div>,
    instance: StoredValue<Option<EChartsInstance>, LocalStorage>,
    observer: StoredValue<Option<Resizer>, LocalStorage>,
    formatter: StoredValue<Option<TooltipFormatter>, LocalStorage>,
    failure: RwSignal<Option<ChartFailure>>,
}

impl Drawn {
    /// Draws `json` in place, making the instance on the first draw.
    fn draw(&self, json: &str, adjust: Option<fn(&JsValue)>) {
        let Some(el) = self.node.get() else { return };
        let el: web_sys::HtmlElement = el.into();
        if self.instance.with_value(|i| i.is_none()) {
            match binding::create(&el) {
                Ok((chart, resizer)) => {
                    self.observer.set_value(resizer);
                    self.instance.set_value(Some(chart));
                }
                Err(f) => {
                    self.failure.set(Some(f));
                    return;
                }
            }
        }
        let drawn = self.instance.with_value(|i| {
            let chart = i.as_ref()?;
            Some(
                self.formatter
                    .with_value(|f| binding::apply(chart, json, adjust, f.as_ref())),
            )
        });
        match drawn {
            Some(Ok(())) => self.failure.set(None),
            Some(Err(f)) => self.failure.set(Some(f)),
            None => {}
        }
    }

    /// Shows the tooltip at category `i`, or hides it.
    fn show_tip(&self, i: Option<usize>) {
        self.instance.with_value(|chart| {
            if let Some(chart) = chart {
                binding::show_tip(chart, i);
            }
        });
    }

    /// The category under a click, of `n`.
    fn category_at(&self, ev: &web_sys::MouseEvent, n: usize) -> Option<usize> {
        let el = self.node.get_untracked()?;
        let rect = el.get_bounding_client_rect();
        let x = f64::from(ev.client_x()) - rect.left();
        let y = f64::from(ev.client_y()) - rect.top();
        self.instance
            .with_value(|chart| binding::category_at(chart.as_ref()?, x, y, n))
    }

    fn dispose(&self) {
        self.observer.update_value(|o| {
            if let Some((ro, _cb)) = o.take() {
                ro.disconnect();
            }
        });
        self.instance.update_value(|i| {
            if let Some(chart) = i.take() {
                chart.dispose();
            }
        });
    }
}

/// The keyboard on a chart whose categories are read out (`points`).
#[derive(Clone, Copy)]
struct Keys {
    /// The category the keyboard is on, if any.
    focused: RwSignal<Option<usize>>,
    drawn: Drawn,
    points: Option<Signal<Vec<String>>>,
    on_pick: Option<Callback<usize>>,
}

impl Keys {
    fn on_key(&self, ev: &web_sys::KeyboardEvent) {
        let Some(points) = self.points else { return };
        // Alt+Left is Back, Ctrl+Home and the like belong to the browser.
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() || ev.shift_key() {
            return;
        }
        let at = self.focused.get_untracked();
        let n = points.with_untracked(Vec::len);
        match key_step(&ev.key(), at, n, self.on_pick.is_some()) {
            KeyStep::Pick(i) => {
                ev.prevent_default();
                if let Some(pick) = self.on_pick {
                    pick.run(i);
                }
            }
            KeyStep::Move(next) => {
                ev.prevent_default();
                self.focused.set(Some(next));
                self.drawn.show_tip(Some(next));
            }
            KeyStep::Leave => {
                self.focused.set(None);
                self.drawn.show_tip(None);
            }
            KeyStep::Ignore => {}
        }
    }

    /// The keyboard leaves the chart: its tooltip goes.
    fn leave(&self) {
        if self.focused.get_untracked().is_some() {
            self.focused.set(None);
            self.drawn.show_tip(None);
        }
    }
}

/// What a key does on a chart of `n` categories whose keyboard is on `at`.
enum KeyStep {
    Pick(usize),
    Move(usize),
    Leave,
    Ignore,
}

fn key_step(key: &str, at: Option<usize>, n: usize, picks: bool) -> KeyStep {
    if n == 0 {
        return KeyStep::Ignore;
    }
    match (key, at) {
        ("Enter", Some(i)) if picks => KeyStep::Pick(i),
        ("ArrowRight" | "ArrowDown", _) => KeyStep::Move(at.map_or(0, |i| (i + 1).min(n - 1))),
        ("ArrowLeft" | "ArrowUp", _) => KeyStep::Move(at.map_or(n - 1, |i| i.saturating_sub(1))),
        ("Home", _) => KeyStep::Move(0),
        ("End", _) => KeyStep::Move(n - 1),
        ("Escape", _) => KeyStep::Leave,
        _ => KeyStep::Ignore,
    }
}

/// Said where the chart would be when it cannot be drawn.
fn failure_notice(f: ChartFailure) -> impl IntoView {
    let text = match f {
        ChartFailure::Missing => {
            "The chart library did not load; the figures are in the tables below.".to_string()
        }
        ChartFailure::Rejected(m) => format!("The chart could not be drawn: {m}"),
    };
    view! { <p class="chart-failure notice notice-warn" role="status">{text}</p> }
}
