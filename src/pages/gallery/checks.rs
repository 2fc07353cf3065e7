//! Accessibility per card: axe-core, from our origin, on demand and on a single card's page.

use crate::state::action::use_action;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::collections::HashMap;

/// The gallery's accessibility checks: a generation that "Check every card" bumps (each card
/// checks itself when it changes) and, for each checked card, the count of violations found
/// and whether it was checked before it showed its state.
#[derive(Clone, Copy)]
pub(super) struct Checks {
    pub(super) all: RwSignal<u32>,
    pub(super) found: RwSignal<HashMap<u64, (usize, Early)>>,
    /// Every section of the page is drawn (`Drawing`): "Check every card" waits for it, since
    /// a card drawn after the request would not check itself.
    pub(super) drawn: Signal<bool>,
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
    /// What axe found, and whether the card never showed its state in the time given (then
    /// it was checked as it stood, and the badge says so).
    Done(Vec<crate::platform::axe::Violation>, Early),
    Failed(String),
}

/// Whether a check ran before its card showed its state.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Early {
    No,
    Yes,
}

impl Audit {
    /// The badge's words.
    fn badge(&self) -> String {
        match self {
            Audit::NotRun => "Not checked".to_string(),
            Audit::Running => "Checking…".to_string(),
            Audit::Done(v, early) => {
                let found = match v.len() {
                    0 => "No accessibility issues".to_string(),
                    1 => "1 accessibility issue".to_string(),
                    n => format!("{n} accessibility issues"),
                };
                match early {
                    Early::No => found,
                    Early::Yes => format!("{found}, checked before the card was ready"),
                }
            }
            Audit::Failed(_) => "Not checked: failed".to_string(),
        }
    }
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
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let me = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let checks = use_context::<Checks>();
    let check = use_action(move |()| audit_card(body, ready));
    let audit = Memo::new(move |_| {
        if check.pending.get() {
            Audit::Running
        } else {
            check.outcome.get().unwrap_or(Audit::NotRun)
        }
    });
    let run = move || check.run.run(());
    if let Some(c) = checks {
        // What the card's check found, for the toolbar's summary.
        Effect::new(move |_| {
            check.outcome.with(|o| {
                if let Some(Audit::Done(v, early)) = o {
                    let n = (v.len(), *early);
                    c.found.try_update(|f| f.insert(me, n));
                }
            })
        });
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
    // Read in place: the badge's attributes ask several times, and a clone would copy the list.
    let count = move || {
        audit.with(|a| match a {
            Audit::Done(v, _) => Some(v.len()),
            _ => None,
        })
    };
    let early = move || {
        audit.with(|a| match a {
            Audit::Done(_, e) => Some(*e),
            _ => None,
        })
    };
    let badge = move || audit.with(Audit::badge);
    let list = move || audit.with(found_list);
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
                class:a11y-ok=move || count() == Some(0) && early() == Some(Early::No)
                class:a11y-bad=move || count().is_some_and(|n| n > 0)
                data-testid="a11y-badge"
                data-violations=count
                data-early=move || (early() == Some(Early::Yes)).then_some("true")
            >
                {badge}
            </span>
        </span>
        {list}
    }
}

/// Runs axe-core over the card once it shows its state (`ready`). Waits while the card is not
/// yet on the page; stops if it has gone (another control, another page): nothing to check.
/// Not ready in 15 s: checked as it is, and the badge says so.
async fn audit_card(body: NodeRef<leptos::html::Div>, ready: Ready) -> Audit {
    let mut card = None;
    let mut early = Early::Yes;
    for _ in 0..75 {
        match body.try_get_untracked() {
            None => return Audit::NotRun,
            Some(Some(el)) if ready.is(&el) => {
                card = Some(el);
                early = Early::No;
                break;
            }
            Some(found) => card = found,
        }
        gloo_timers::future::TimeoutFuture::new(200).await;
    }
    let Some(el) = card.or_else(|| body.try_get_untracked().flatten()) else {
        return Audit::NotRun;
    };
    match crate::platform::axe::check(&el).await {
        Ok(v) => Audit::Done(v, early),
        Err(e) => Audit::Failed(e),
    }
}

/// The violations a check found, each with where, or why it failed.
fn found_list(audit: &Audit) -> Option<AnyView> {
    match audit {
        Audit::Done(v, _) if !v.is_empty() => {
            let items = v
                .iter()
                .map(|v| {
                    let places = &v.places;
                    let impact = v
                        .impact
                        .as_ref()
                        .map(|i| format!(" ({i})"))
                        .unwrap_or_default();
                    let wher = format!(
                        "{} {}: {}",
                        places.len(),
                        if places.len() == 1 {
                            "element"
                        } else {
                            "elements"
                        },
                        places.join(", ")
                    );
                    view! {
                        <li>
                            <strong>{v.id.clone()}</strong>{impact}": "{v.help.clone()}
                            <span class="a11y-where">{wher}</span>
                        </li>
                    }
                })
                .collect_view();
            Some(view! { <ul class="a11y-list" data-testid="a11y-list">{items}</ul> }.into_any())
        }
        Audit::Failed(why) => Some(
            view! { <p class="a11y-list a11y-failed" data-testid="a11y-list">{why.clone()}</p> }
                .into_any(),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::axe::Violation;

    fn found(n: usize, early: Early) -> Audit {
        let v = Violation {
            id: "color-contrast".into(),
            impact: None,
            help: "Elements must meet minimum color contrast ratio thresholds".into(),
            places: vec![".num".into()],
        };
        Audit::Done(vec![v; n], early)
    }

    #[test]
    fn the_badge_counts_and_says_when_the_card_was_not_ready() {
        assert_eq!(found(0, Early::No).badge(), "No accessibility issues");
        assert_eq!(found(1, Early::No).badge(), "1 accessibility issue");
        assert_eq!(found(3, Early::No).badge(), "3 accessibility issues");
        assert_eq!(
            found(0, Early::Yes).badge(),
            "No accessibility issues, checked before the card was ready"
        );
        assert_eq!(
            found(2, Early::Yes).badge(),
            "2 accessibility issues, checked before the card was ready"
        );
        assert_eq!(Audit::NotRun.badge(), "Not checked");
        assert_eq!(Audit::Failed("x".into()).badge(), "Not checked: failed");
    }
}
