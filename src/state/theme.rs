//! Light and dark themes: the system's choice unless the admin picks one, remembered in
//! `localStorage`. The page's colours are design tokens written with `light-dark()`, so the
//! `data-theme` attribute on `<html>` (through `color-scheme`) switches every one of them; the
//! chart reads the same tokens, resolved, whenever the theme changes.

use crate::domain::Keyed;
use crate::platform::storage::{self, Kept};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// Where the admin's choice is kept. The inline script in `index.html` reads it too, so the
/// page starts in the right theme before the app loads.
pub const STORAGE_KEY: &str = "credit-dash:theme";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl Keyed for ThemeChoice {
    const ALL: &'static [ThemeChoice] =
        &[ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    fn key(self) -> &'static str {
        match self {
            ThemeChoice::System => "system",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }

    fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => "System",
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
        }
    }
}

/// The theme as the app sees it.
#[derive(Clone, Copy)]
pub struct Theme {
    pub choice: RwSignal<ThemeChoice>,
    system_dark: RwSignal<bool>,
}

impl Theme {
    /// Reads the remembered choice, follows the system's changes, and provides the theme.
    pub fn provide() -> Theme {
        let choice = RwSignal::new(
            storage::get(Kept::Browser, STORAGE_KEY)
                .and_then(|k| ThemeChoice::from_key(&k))
                .unwrap_or_default(),
        );
        let query = web_sys::window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
        let system_dark = RwSignal::new(query.as_ref().is_some_and(|q| q.matches()));
        if let Some(q) = query {
            let on_change = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
                move |e: web_sys::MediaQueryListEvent| system_dark.set(e.matches()),
            );
            let _ =
                q.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
            // The theme lives as long as the page.
            on_change.forget();
        }
        let theme = Theme {
            choice,
            system_dark,
        };
        Effect::new(move |_| apply(choice.get()));
        provide_context(theme);
        theme
    }

    /// Whether the page is dark now (tracked: the chart redraws when it changes).
    pub fn is_dark(&self) -> bool {
        match self.choice.get() {
            ThemeChoice::System => self.system_dark.get(),
            ThemeChoice::Light => false,
            ThemeChoice::Dark => true,
        }
    }

    /// Puts the chosen theme back on the page (after a page that showed another one).
    pub fn reapply(&self) {
        apply(self.choice.get_untracked());
    }

    /// Switches the theme and remembers the choice.
    pub fn choose(&self, c: ThemeChoice) {
        match c {
            ThemeChoice::System => storage::remove(Kept::Browser, STORAGE_KEY),
            _ => storage::set(Kept::Browser, STORAGE_KEY, c.key()),
        }
        self.choice.set(c);
    }
}

pub fn use_theme() -> Option<Theme> {
    use_context::<Theme>()
}

fn apply(c: ThemeChoice) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match c {
        ThemeChoice::System => root.remove_attribute("data-theme"),
        _ => root.set_attribute("data-theme", c.key()),
    };
}

/// A design token's colour as the page shows it now, e.g. `rgb(79, 70, 229)`: tokens are
/// `light-dark()` pairs, which only an element can resolve.
/// Kept per theme as the page shows it: reading a computed style forces the browser to apply
/// every pending style change, which in the middle of a filter change costs milliseconds.
pub fn color(token: &str, fallback: &str) -> String {
    thread_local! {
        static PROBE: Option<web_sys::HtmlElement> = make_probe();
        static SEEN: std::cell::RefCell<std::collections::HashMap<(String, String), String>> =
            Default::default();
    }
    let forced = FORCED.with(|f| f.get());
    let key = (
        token.to_string(),
        forced.map_or_else(scheme, |f| format!("forced-{f}")),
    );
    if let Some(c) = SEEN.with(|s| s.borrow().get(&key).cloned()) {
        return c;
    }
    let resolved = PROBE
        .with(|p| {
            let p = p.as_ref()?;
            let style = p.style();
            match forced {
                Some(f) => style.set_property("color-scheme", f).ok()?,
                None => style.remove_property("color-scheme").map(|_| ()).ok()?,
            }
            style.set_property("color", &format!("var({token})")).ok()?;
            let w = web_sys::window()?;
            w.get_computed_style(p)
                .ok()??
                .get_property_value("color")
                .ok()
        })
        .filter(|v| !v.is_empty());
    match resolved {
        Some(c) => {
            SEEN.with(|s| s.borrow_mut().insert(key, c.clone()));
            c
        }
        None => fallback.to_string(),
    }
}

/// A part of the page shown in one theme whatever the page's (the gallery's light and dark side
/// by side): `"light"` or `"dark"`, the `color-scheme` its wrapper sets. Provided as context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SchemeScope(pub &'static str);

thread_local! {
    static FORCED: std::cell::Cell<Option<&'static str>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with [`color`] resolving tokens in `scheme` (None: as the page shows them).
pub fn in_scheme<R>(scheme: Option<SchemeScope>, f: impl FnOnce() -> R) -> R {
    let before = FORCED.with(|c| c.replace(scheme.map(|s| s.0)));
    let out = f();
    FORCED.with(|c| c.set(before));
    out
}

/// Which colours the tokens resolve to now: the chosen theme, or the system's when none is.
fn scheme() -> String {
    let window = web_sys::window();
    let chosen = window
        .as_ref()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("data-theme"));
    chosen.unwrap_or_else(|| {
        let dark = window
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            .is_some_and(|q| q.matches());
        if dark { "system-dark" } else { "system-light" }.to_string()
    })
}

fn make_probe() -> Option<web_sys::HtmlElement> {
    let doc = web_sys::window()?.document()?;
    let el: web_sys::HtmlElement = doc.create_element("span").ok()?.dyn_into().ok()?;
    el.set_attribute("aria-hidden", "true").ok()?;
    el.style().set_property("display", "none").ok()?;
    doc.body()?.append_child(&el).ok()?;
    Some(el)
}
