//! A widget section's controls: live knobs that reshape its cards' mock data, kept in the URL.

use super::pieces::{Piece, Shown, WidgetState};
use crate::api::demo::Shaping;
use crate::domain::CompareWith;
use crate::state::preview::ReportPreset;
use crate::state::url::use_query_param;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A widget section's controls, which reshape its cards' mock data; each in the URL as
/// `{widget}.{knob}` (`flows.rows=40&flows.names=80&flows.scale=1000000`), so one link
/// reproduces "40 rows of 80-character names at millions of credits".
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Knobs {
    pub(super) shaping: Shaping,
    /// Reports compare with the previous period (on) or with nothing (off), whatever the state.
    pub(super) compare: Option<bool>,
    pub(super) latency: Option<u32>,
    pub(super) fail: bool,
}

/// The choices each control offers (values as in the URL, and their labels).
const ROWS: [(&str, &str); 4] = [
    ("", "As the state"),
    ("5", "5"),
    ("40", "40"),
    ("400", "400"),
];
const NAMES: [(&str, &str); 4] = [
    ("", "As the state"),
    ("8", "8 characters"),
    ("40", "40 characters"),
    ("80", "80 characters"),
];
const SCALES: [(&str, &str); 4] = [
    ("", "As the state"),
    ("1000", "× 1,000"),
    ("1000000", "× 1,000,000"),
    ("1000000000", "× 1,000,000,000"),
];
const COMPARE: [(&str, &str); 3] = [
    ("", "As the state"),
    ("on", "Previous period"),
    ("off", "None"),
];
const LATENCY: [(&str, &str); 4] = [
    ("", "None"),
    ("300", "300 ms"),
    ("2000", "2 s"),
    ("10000", "10 s"),
];

impl Knobs {
    pub(super) fn from_query(q: &leptos_router::params::ParamsMap, piece: &str) -> Knobs {
        let get = |k: &str| q.get_str(&format!("{piece}.{k}")).map(str::to_string);
        let listed = |k: &str, choices: &[(&str, &str)]| {
            get(k).filter(|v| !v.is_empty() && choices.iter().any(|(c, _)| c == v))
        };
        Knobs {
            shaping: Shaping {
                rows: listed("rows", &ROWS).and_then(|v| v.parse().ok()),
                name_len: listed("names", &NAMES).and_then(|v| v.parse().ok()),
                scale: listed("scale", &SCALES).and_then(|v| v.parse().ok()),
                opening_unsaid: false,
            },
            compare: listed("compare", &COMPARE).map(|v| v == "on"),
            latency: listed("latency", &LATENCY).and_then(|v| v.parse().ok()),
            fail: get("fail").as_deref() == Some("on"),
        }
    }

    /// The state's report preset, with the comparison the control asks for.
    pub(super) fn report(&self, state: WidgetState) -> ReportPreset {
        let mut preset = state.report_preset();
        if let Some(on) = self.compare {
            preset.compare = if on {
                CompareWith::PreviousPeriod
            } else {
                CompareWith::None
            };
            preset.show_percent = on;
        }
        preset
    }

    pub(super) fn settles_in(&self, state: WidgetState, piece: Piece) -> &'static str {
        match state {
            WidgetState::Loading => "loading",
            _ if self.fail => "error",
            _ => state.settles_in(piece),
        }
    }
}

/// A widget section's controls: each a select (or a checkbox), written to the URL.
#[component]
pub(super) fn Controls(piece: Piece) -> impl IntoView {
    let query = use_query_map();
    let set_param = use_query_param();
    let key = piece.slug();
    let (rows, names, compare) = piece.controls();
    let value =
        move |k: &'static str| query.with(|q| q.get(&format!("{key}.{k}")).unwrap_or_default());
    let set = move |k: &'static str, v: String| set_param(format!("{key}.{k}"), v);
    let set_fail = set.clone();
    let select = move |k: &'static str,
                       testid: &'static str,
                       label: &'static str,
                       choices: &'static [(&'static str, &'static str)]| {
        let set = set.clone();
        let options = choices
            .iter()
            .map(|(v, l)| view! { <option value=*v selected=move || value(k) == *v>{*l}</option> })
            .collect_view();
        view! {
            <label class="field">
                <span class="field-label">{label}</span>
                <select class="input" data-testid=testid prop:value=move || value(k) on:change=move |ev| set(k, event_target_value(&ev))>
                    {options}
                </select>
            </label>
        }
    };
    view! {
        <div class="gallery-controls" role="group" aria-label=format!("Data for the {} cards", piece.title()) data-testid="gallery-controls">
            {rows.then(|| select("rows", "control-rows", "Rows", &ROWS))}
            {names.then(|| select("names", "control-name-length", "Name length", &NAMES))}
            {select("scale", "control-scale", "Figures", &SCALES)}
            {compare.then(|| select("compare", "control-compare", "Comparison", &COMPARE))}
            {select("latency", "control-latency", "Latency", &LATENCY)}
            <label class="check gallery-control-check">
                <input
                    type="checkbox"
                    data-testid="control-fail"
                    prop:checked=move || value("fail") == "on"
                    on:change=move |ev| set_fail("fail", if event_target_checked(&ev) { "on".to_string() } else { String::new() })
                />
                "Every request fails"
            </label>
        </div>
    }
}
