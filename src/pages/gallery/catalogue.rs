//! The catalogue: every widget and its states, the dialogs and the header, with search.

use super::fixtures::{ACTIONS, DIALOGS};
use super::pieces::{Piece, Shown};
use crate::platform::storage::{self, Kept};
use leptos::prelude::*;

/// One entry of the catalogue: a widget and its states, or the dialogs' or the header's
/// section and its cards.
struct Entry {
    key: &'static str,
    title: &'static str,
    /// Each state's (or card's) key, the last part of its address, and its label.
    states: Vec<(&'static str, String)>,
    /// A widget's states are `gallery-nav-state`, the dialogs' and header's cards
    /// `gallery-nav-card`.
    testid: &'static str,
}

/// A widget state's test id in the catalogue.
const STATE: &str = "gallery-nav-state";

fn catalogue() -> Vec<Entry> {
    let widgets = Piece::ALL.into_iter().map(|p| Entry {
        key: p.slug(),
        title: p.title(),
        states: p
            .states()
            .iter()
            .map(|s| (s.key(), s.label().to_string()))
            .collect(),
        testid: STATE,
    });
    let fixtures = [&ACTIONS, &DIALOGS].into_iter().map(|f| Entry {
        key: f.key,
        title: f.title,
        states: f.cards().map(|(s, c)| (c.key, f.listed(s, c))).collect(),
        testid: "gallery-nav-card",
    });
    widgets.chain(fixtures).collect()
}

/// Whether every word of `needle` begins a word of `hay` (both already lower case): "pilot"
/// finds "AI Pilot usage" but not "Copilot", "low" finds "Low balance" but not "flows".
fn found(needle: &str, hay: &str) -> bool {
    let words = |t: &str| {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect::<Vec<_>>()
    };
    let hay = words(hay);
    words(needle)
        .iter()
        .all(|w| hay.iter().any(|h| h.starts_with(w.as_str())))
}

/// The catalogue: every widget and its states, each a link, narrowed by a search. A sticky
/// sidebar beside the cards; on a phone, a drawer behind a button.
#[component]
pub(super) fn Catalogue(
    /// The page's query (`?theme=…&width=…`), kept by every link.
    query: Memo<String>,
    /// The path shown now, marked as the current page.
    here: Memo<String>,
) -> impl IntoView {
    // Kept for the tab: opening a result (another route, a new page) keeps what was searched.
    const SEARCH_KEY: &str = "gallery-search";
    let needle = RwSignal::new(storage::get(Kept::Tab, SEARCH_KEY).unwrap_or_default());
    let open = RwSignal::new(false);
    let entries = std::sync::Arc::new(catalogue());
    // What the search keeps: each entry's index and its states' indexes.
    let kept = {
        let entries = entries.clone();
        Memo::new(move |_| needle.with(|n| search(&entries, &n.trim().to_lowercase())))
    };
    // One live region, kept while its text changes, so each count is announced.
    let count = {
        let entries = entries.clone();
        move || {
            let n = needle.with(|n| n.trim().to_string());
            if n.is_empty() {
                return String::new();
            }
            kept.with(|k| count_text(&entries, k, &n))
        }
    };
    let list = move || {
        let searching = needle.with(|n| !n.trim().is_empty());
        nav_list(&entries, kept.get(), &query.get(), &here.get(), searching)
    };
    view! {
        <aside class="gallery-side" class:open=move || open.get()>
            <button
                type="button"
                class="btn gallery-side-toggle"
                aria-expanded=move || open.get().to_string()
                aria-controls="gallery-nav"
                data-testid="gallery-catalogue-toggle"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Catalogue: every widget and state"
            </button>
            <nav id="gallery-nav" class="gallery-nav" aria-label="Gallery catalogue" data-testid="gallery-nav">
                <label class="field gallery-search">
                    <span class="field-label">"Find a widget or state"</span>
                    <input
                        class="input"
                        type="search"
                        placeholder="e.g. pilot huge"
                        data-testid="gallery-search"
                        prop:value=move || needle.get()
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            storage::set(Kept::Tab, SEARCH_KEY, &v);
                            needle.set(v);
                        }
                    />
                </label>
                <p class="gallery-search-count muted" role="status" data-testid="gallery-search-count">{count}</p>
                {list}
            </nav>
        </aside>
    }
}

type Matches = Vec<(usize, Vec<usize>)>;

/// The entries a search keeps (lowercased `n`; empty keeps all): each entry's index and its
/// states' indexes. A section whose title or key matches keeps every state.
fn search(entries: &[Entry], n: &str) -> Matches {
    entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let title = e.title.to_lowercase();
            let whole = n.is_empty() || found(n, &format!("{title} {}", e.key));
            let states: Vec<usize> = (0..e.states.len())
                .filter(|&j| {
                    let (key, label) = &e.states[j];
                    whole || found(n, &format!("{title} {} {key}", label.to_lowercase()))
                })
                .collect();
            (whole || !states.is_empty()).then_some((i, states))
        })
        .collect()
}

/// What a search `n` found: "3 states and 1 card in 2 sections", or that nothing matches.
fn count_text(entries: &[Entry], k: &Matches, n: &str) -> String {
    if k.is_empty() {
        return format!("Nothing matches \u{201c}{n}\u{201d}");
    }
    // A widget's states, and the dialogs' and header's cards, counted apart.
    let (mut states, mut cards) = (0, 0);
    for (i, found) in k {
        if entries[*i].testid == STATE {
            states += found.len();
        } else {
            cards += found.len();
        }
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let what = match (states, cards) {
        (s, 0) => plural(s, "state", "states"),
        (0, c) => plural(c, "card", "cards"),
        (s, c) => format!(
            "{} and {}",
            plural(s, "state", "states"),
            plural(c, "card", "cards")
        ),
    };
    format!("{what} in {}", plural(k.len(), "section", "sections"))
}

/// The catalogue's links: each kept section and its kept states, the one shown marked current;
/// every link keeps the page's query `q`.
fn nav_list(
    entries: &[Entry],
    kept: Matches,
    q: &str,
    here: &str,
    searching: bool,
) -> impl IntoView {
    let groups = kept
        .into_iter()
        .map(|(i, states)| {
            let e = &entries[i];
            let href = format!("/gallery/{}", e.key);
            let current = (here == href).then_some("page");
            let items = states
                .into_iter()
                .map(|j| {
                    let (key, label) = &e.states[j];
                    let href = format!("/gallery/{}/{key}", e.key);
                    let current = (here == href).then_some("page");
                    view! {
                        <li><a href=format!("{href}{q}") aria-current=current data-testid=e.testid>{label.clone()}</a></li>
                    }
                })
                .collect_view();
            view! {
                <li class="gallery-nav-widget">
                    <a href=format!("{href}{q}") aria-current=current data-testid="gallery-nav-widget">{e.title}</a>
                    <ul>{items}</ul>
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="gallery-nav-list">
            {(!searching).then(|| view! {
                <li class="gallery-nav-widget">
                    <a href=format!("/gallery{q}") aria-current=(here == "/gallery").then_some("page")>"Everything"</a>
                </li>
            })}
            {groups}
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_begin_words() {
        assert!(found(
            "pilot huge",
            "ai pilot usage huge figures ai-pilots huge"
        ));
        assert!(found("pilots", "ai pilot usage ai-pilots"));
        assert!(!found(
            "pilot",
            "copilot credit usage by user copilot-users"
        ));
        assert!(!found("low", "smart flow credit usage flows"));
        assert!(found("low", "credit balance low balance low-balance"));
        assert!(found("", "anything"));
        assert!(!found("zebra", "credit balance"));
    }
}
