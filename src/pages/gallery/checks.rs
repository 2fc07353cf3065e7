//! Accessibility per card: axe-core, from our origin, on demand and on a single card's page.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::collections::HashMap;

/// The gallery's accessibility checks: a generation that "Check every card" bumps (each card
/// checks itself when it changes) and the count of violations each checked card found.
#[derive(Clone, Copy)]
pub(super) struct Checks {
    pub(super) all: RwSignal<u32>,
    pub(super) found: RwSignal<HashMap<u64, usize>>,
}

/// When a card shows its state, so that its check looks at that and not at a moment before.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Ready {
    /// Its widget's `data-state` is this.
    State(&'static str),
    /// An element matching the selector is there.
    Shows(&'static str),
    /// The element matching the selector reads this text.
    Reads(&'static str, &'static str),
    /// Drawn: its account has come.
    Drawn,
}

impl Ready {
    fn is(self, card: &web_sys::Element) -> bool {
        let find = |sel: &str| card.query_selector(sel).ok().flatten();
        match self {
            Ready::State(want) => find("[data-state]")
                .and_then(|w| w.get_attribute("data-state"))
                .is_some_and(|s| s == want),
            Ready::Shows(sel) => find(sel).is_some(),
            Ready::Reads(sel, text) => {
                find(sel).is_some_and(|e| e.text_content().is_some_and(|t| t.trim() == text))
            }
            Ready::Drawn => find(":scope > [data-testid=loading]").is_none(),
        }
    }
}

/// What a card's check says.
#[derive(Clone, Debug, PartialEq)]
enum Audit {
    NotRun,
    Running,
    Done(Vec<crate::platform::axe::Violation>),
    Failed(String),
}

/// A card's accessibility: a button that runs axe-core over the card's content, a badge with
/// the number of violations, and a list naming them. A card alone on its page (its own
/// address) checks itself once it shows its state (`ready`).
#[component]
pub(super) fn A11yCheck(
    body: NodeRef<leptos::html::Div>,
    ready: Ready,
    /// The card's name for assistive technology ("Smart Flow credit usage: Typical").
    name: String,
) -> impl IntoView {
    use crate::platform::axe;
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let me = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let checks = use_context::<Checks>();
    let audit = RwSignal::new(Audit::NotRun);
    let run = move || {
        if audit.get_untracked() == Audit::Running {
            return;
        }
        audit.set(Audit::Running);
        leptos::task::spawn_local(async move {
            // Its state first: a widget still loading is not what the card shows. Waits while
            // the card is not yet on the page; stops if it has gone (another control, another
            // page): nothing to check.
            let mut card = None;
            for _ in 0..75 {
                if audit.is_disposed() {
                    return;
                }
                match body.try_get_untracked() {
                    None => return,
                    Some(Some(el)) if ready.is(&el) => {
                        card = Some(el);
                        break;
                    }
                    Some(found) => card = found,
                }
                gloo_timers::future::TimeoutFuture::new(200).await;
            }
            // Not ready in 15 s: checked as it is, which the badge then reports.
            let Some(el) = card.or_else(|| body.try_get_untracked().flatten()) else {
                audit.try_set(Audit::NotRun);
                return;
            };
            let outcome = match axe::check(&el).await {
                Ok(v) => Audit::Done(v),
                Err(e) => Audit::Failed(e),
            };
            if audit.is_disposed() {
                return;
            }
            if let (Audit::Done(v), Some(c)) = (&outcome, checks) {
                let n = v.len();
                c.found.try_update(|f| f.insert(me, n));
            }
            audit.try_set(outcome);
        });
    };
    if let Some(c) = checks {
        // "Check every card": each card when the generation changes (not on the first run).
        Effect::new(move |seen: Option<u32>| {
            let now = c.all.get();
            if seen.is_some_and(|s| s != now) {
                run();
            }
            now
        });
        on_cleanup(move || {
            c.found.try_update(|f| f.remove(&me));
        });
    }
    // A card alone on its page checks itself.
    let params = use_params_map();
    if params.with_untracked(|p| p.get("state").is_some()) {
        run();
    }
    let count = move || match audit.get() {
        Audit::Done(v) => Some(v.len()),
        _ => None,
    };
    let badge = move || match audit.get() {
        Audit::NotRun => "Not checked".to_string(),
        Audit::Running => "Checking…".to_string(),
        Audit::Done(v) if v.is_empty() => "No accessibility issues".to_string(),
        Audit::Done(v) => format!(
            "{} accessibility {}",
            v.len(),
            if v.len() == 1 { "issue" } else { "issues" }
        ),
        Audit::Failed(_) => "Not checked: failed".to_string(),
    };
    let list = move || match audit.get() {
        Audit::Done(v) if !v.is_empty() => {
            let items = v
                .into_iter()
                .map(|v| {
                    let places = v.places;
                    let impact = v.impact.map(|i| format!(" ({i})")).unwrap_or_default();
                    view! {
                        <li>
                            <strong>{v.id}</strong>{impact}": "{v.help}
                            <span class="a11y-where">
                                {format!("{} {}: {}", places.len(), if places.len() == 1 { "element" } else { "elements" }, places.join(", "))}
                            </span>
                        </li>
                    }
                })
                .collect_view();
            Some(view! { <ul class="a11y-list" data-testid="a11y-list">{items}</ul> }.into_any())
        }
        Audit::Failed(why) => Some(
            view! { <p class="a11y-list a11y-failed" data-testid="a11y-list">{why}</p> }.into_any(),
        ),
        _ => None,
    };
    view! {
        <span class="a11y">
            <button
                type="button"
                class="btn-link"
                data-testid="a11y-check"
                aria-label=format!("Check accessibility of {name}")
                disabled=move || audit.get() == Audit::Running
                on:click=move |_| run()
            >
                "Check accessibility"
            </button>
            <span
                class="a11y-badge"
                class:a11y-ok=move || count() == Some(0)
                class:a11y-bad=move || count().is_some_and(|n| n > 0)
                data-testid="a11y-badge"
                data-violations=count
            >
                {badge}
            </span>
        </span>
        {list}
    }
}
