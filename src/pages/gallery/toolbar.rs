//! The toolbar over the cards: theme, card width, density, and checking every card.

use super::checks::{Checks, Early};
use crate::state::theme::SchemeScope;
use crate::state::url::use_query_param;
use leptos::prelude::*;
use std::collections::HashMap;

/// Which theme the cards are shown in: the page's own, one of the two, or both side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ThemeShown {
    Page,
    Light,
    Dark,
    Both,
}

impl ThemeShown {
    const ALL: [ThemeShown; 4] = [
        ThemeShown::Page,
        ThemeShown::Light,
        ThemeShown::Dark,
        ThemeShown::Both,
    ];

    pub(super) fn from_key(key: Option<&str>) -> ThemeShown {
        match key {
            Some("light") => ThemeShown::Light,
            Some("dark") => ThemeShown::Dark,
            Some("both") => ThemeShown::Both,
            _ => ThemeShown::Page,
        }
    }

    /// The `theme=` value; the page's own theme has none.
    pub(super) fn key(self) -> &'static str {
        match self {
            ThemeShown::Page => "",
            ThemeShown::Light => "light",
            ThemeShown::Dark => "dark",
            ThemeShown::Both => "both",
        }
    }

    fn label(self) -> &'static str {
        match self {
            ThemeShown::Page => "As the page",
            ThemeShown::Light => "Light",
            ThemeShown::Dark => "Dark",
            ThemeShown::Both => "Light and dark",
        }
    }
}

pub(super) const LIGHT: SchemeScope = SchemeScope("light");
pub(super) const DARK: SchemeScope = SchemeScope("dark");

/// The widths a card can be framed at: two phones, a tablet, a desktop window.
const WIDTHS: [(u32, &str); 4] = [
    (360, "360 (small phone)"),
    (390, "390 (phone)"),
    (834, "834 (tablet)"),
    (1440, "1440 (desktop)"),
];
const WIDTH_MIN: u32 = 240;
const WIDTH_MAX: u32 = 2560;

pub(super) fn parse_width(v: &str) -> Option<u32> {
    v.trim()
        .parse::<u32>()
        .ok()
        .filter(|w| (WIDTH_MIN..=WIDTH_MAX).contains(w))
}

/// The toolbar over the cards: theme, card width, density; each kept in the URL, so a link
/// reproduces what the designer sees.
#[component]
pub(super) fn Toolbar(
    theme: Memo<ThemeShown>,
    width: Memo<Option<u32>>,
    compact: Memo<bool>,
    checks: Checks,
) -> impl IntoView {
    let set_param = use_query_param();
    let set = move |key: &'static str, value: Option<String>| {
        set_param(key.to_string(), value.unwrap_or_default())
    };
    // "Custom" shows a field; a width typed there is kept only when it is one the gallery takes.
    let custom = RwSignal::new(
        width
            .get_untracked()
            .is_some_and(|w| WIDTHS.iter().all(|(p, _)| *p != w)),
    );
    let typed = RwSignal::new(
        width
            .get_untracked()
            .map(|w| w.to_string())
            .unwrap_or_default(),
    );
    let bad = RwSignal::new(false);
    let set_theme = set.clone();
    let set_width = set.clone();
    let set_custom = set.clone();
    let set_density = set;
    let width_choice = move || {
        if custom.get() {
            "custom".to_string()
        } else {
            width.get().map(|w| w.to_string()).unwrap_or_default()
        }
    };
    let theme_options = ThemeShown::ALL
        .into_iter()
        .map(|t| view! { <option value=t.key() selected=move || theme.get() == t>{t.label()}</option> })
        .collect_view();
    let width_options = WIDTHS
        .into_iter()
        .map(|(w, label)| view! { <option value=w.to_string() selected=move || !custom.get() && width.get() == Some(w)>{label}</option> })
        .collect_view();
    let apply_custom = Callback::new(move |()| match parse_width(&typed.get_untracked()) {
        Some(w) => {
            bad.set(false);
            set_custom("width", Some(w.to_string()));
        }
        None => bad.set(true),
    });
    view! {
        <div class="gallery-toolbar" role="group" aria-label="How the cards are shown" data-testid="gallery-toolbar">
            <label class="field">
                <span class="field-label">"Theme"</span>
                <select class="input" data-testid="gallery-theme" prop:value=move || theme.get().key() on:change=move |ev| set_theme("theme", Some(event_target_value(&ev)))>
                    {theme_options}
                </select>
            </label>
            <label class="field">
                <span class="field-label">"Card width"</span>
                <select
                    class="input"
                    data-testid="gallery-width"
                    prop:value=width_choice
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if v == "custom" {
                            custom.set(true);
                        } else {
                            custom.set(false);
                            bad.set(false);
                            set_width("width", Some(v));
                        }
                    }
                >
                    <option value="" selected=move || !custom.get() && width.get().is_none()>"Fit the page"</option>
                    {width_options}
                    <option value="custom" selected=move || custom.get()>"Custom…"</option>
                </select>
            </label>
            <Show when=move || custom.get()>{custom_width(typed, bad, apply_custom)}</Show>
            <button
                type="button"
                class="btn"
                data-testid="density-toggle"
                aria-pressed=move || compact.get().to_string()
                on:click=move |_| set_density("density", (!compact.get_untracked()).then(|| "compact".to_string()))
            >
                "Compact density"
            </button>
            {check_all(checks)}
            <Show when=move || bad.get()>
                <p class="field-error" id="gallery-width-error" data-testid="gallery-width-error">
                    {format!("A width from {WIDTH_MIN} to {WIDTH_MAX} px, in whole pixels.")}
                </p>
            </Show>
        </div>
    }
}

/// A width typed in pixels, applied on Enter or when the field is left.
fn custom_width(
    typed: RwSignal<String>,
    bad: RwSignal<bool>,
    apply: Callback<()>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field-label">{format!("Width in px ({WIDTH_MIN}–{WIDTH_MAX})")}</span>
            <input
                class="input gallery-width-custom"
                type="number"
                inputmode="numeric"
                min=WIDTH_MIN
                max=WIDTH_MAX
                data-testid="gallery-width-custom"
                aria-invalid=move || bad.get().then_some("true")
                aria-describedby=move || bad.get().then_some("gallery-width-error")
                prop:value=move || typed.get()
                on:input=move |ev| typed.set(event_target_value(&ev))
                on:change=move |_| apply.run(())
                on:keydown=move |ev| {
                    if ev.key() == "Enter" {
                        apply.run(());
                    }
                }
            />
        </label>
    }
}

/// "Check every card", and what the checks found.
fn check_all(checks: Checks) -> impl IntoView {
    view! {
        <div class="gallery-checks">
            <button
                type="button"
                class="btn"
                data-testid="a11y-check-all"
                disabled=move || !checks.drawn.get()
                on:click=move |_| checks.all.update(|g| *g += 1)
            >
                "Check every card"
            </button>
            <span class="muted" role="status" data-testid="a11y-summary">
                {move || checks.found.with(checks_summary)}
            </span>
        </div>
    }
}

/// "12 cards checked: 3 issues in 2 cards; 1 card before it was ready", or nothing before a
/// check.
fn checks_summary(f: &HashMap<u64, (usize, Early)>) -> String {
    if f.is_empty() {
        return String::new();
    }
    let bad = f.values().filter(|(n, _)| *n > 0).count();
    let total: usize = f.values().map(|(n, _)| n).sum();
    let early = f.values().filter(|(_, e)| *e == Early::Yes).count();
    format!(
        "{} {} checked: {}{}",
        f.len(),
        if f.len() == 1 { "card" } else { "cards" },
        if bad == 0 {
            "no accessibility issues".to_string()
        } else {
            format!(
                "{total} {} in {bad} {}",
                if total == 1 { "issue" } else { "issues" },
                if bad == 1 { "card" } else { "cards" }
            )
        },
        match early {
            0 => String::new(),
            1 => "; 1 card before it was ready".to_string(),
            n => format!("; {n} cards before they were ready"),
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_outside_the_range_are_refused() {
        assert_eq!(parse_width(" 390 "), Some(390));
        assert_eq!(parse_width("239"), None);
        assert_eq!(parse_width("2561"), None);
        assert_eq!(parse_width("3.5e2"), None);
        assert_eq!(parse_width("-390"), None);
        assert_eq!(ThemeShown::from_key(Some("both")), ThemeShown::Both);
        assert_eq!(ThemeShown::from_key(Some("sepia")), ThemeShown::Page);
    }
}
