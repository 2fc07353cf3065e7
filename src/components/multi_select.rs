use crate::platform::ids::unique_id;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// One choice of a multi-select.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub id: String,
    pub label: String,
    pub detail: Option<String>,
}

/// Most choices listed at once; a search narrows the rest.
const SHOWN: usize = 150;

/// A button that opens a list of labelled checkboxes. No selection means "all".
#[component]
pub fn MultiSelect(
    /// What is chosen ("Teams", "Users").
    label: &'static str,
    /// Plural noun for the button ("teams").
    noun: &'static str,
    /// Test hook on the button.
    #[prop(into)]
    testid: String,
    /// The choices offered.
    #[prop(into)]
    options: Signal<Vec<Choice>>,
    /// The chosen ids.
    #[prop(into)]
    selected: Signal<Vec<String>>,
    /// Called with the new selection when it is applied (Done, or a click outside the list).
    on_change: Callback<Vec<String>>,
) -> impl IntoView {
    let list_id = unique_id(&format!("{testid}-list"));
    let menu = NodeRef::<leptos::html::Div>::new();
    // The search is kept while the list is closed, as typed.
    let search = RwSignal::new(String::new());
    let picker = Picker {
        open: RwSignal::new(false),
        draft: RwSignal::new(None),
        selected,
        on_change,
        button: NodeRef::new(),
        by_key: StoredValue::new(false),
    };
    let Picker {
        open,
        button,
        by_key,
        ..
    } = picker;
    let summary = move || summary_text(&selected.get(), options, noun);
    // Opened from the keyboard (ArrowDown, or Enter or Space on the button), focus moves into the
    // list: its search, or its first choice. A pointer leaves it on the button, so a phone's
    // keyboard does not cover the list.
    Effect::new(move |_| {
        if let Some(menu) = menu.get() {
            if !by_key.get_value() {
                return;
            }
            if let Ok(Some(first)) = menu.query_selector("input") {
                if let Some(first) = first.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = first.focus();
                }
            }
        }
    });
    // Arrow keys move between the search and the choices; Home and End reach the first and the
    // last choice; Escape closes and gives focus back to the button.
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let key = ev.key();
        if !open.get_untracked() {
            let on_button = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlButtonElement>().ok())
                .is_some_and(|b| b.class_list().contains("multi-button"));
            if on_button && key == "ArrowDown" {
                ev.prevent_default();
                by_key.set_value(true);
                open.set(true);
            }
            return;
        }
        if key == "Escape" {
            ev.prevent_default();
            ev.stop_propagation();
            picker.close(false);
            return;
        }
        if let Some(menu) = menu.get_untracked() {
            move_focus(&ev, &menu);
        }
    };
    view! {
        <div class="multi" on:keydown=on_key>
            <span class="field-label">{label}</span>
            <button
                class="btn multi-button"
                data-testid=testid
                node_ref=button
                aria-haspopup="true"
                aria-expanded=move || open.get().to_string()
                aria-controls=list_id.clone()
                aria-label=move || format!("{label}: {}", summary())
                on:click=move |ev| {
                    // A click without a pointer (detail 0) is Enter or Space.
                    by_key.set_value(ev.detail() == 0);
                    if open.get_untracked() {
                        picker.close(true);
                    } else {
                        open.set(true);
                    }
                }
            >
                <span class="multi-summary" dir="auto">{summary}</span>
                <span aria-hidden="true" class="chev">"▾"</span>
            </button>
            <Show when=move || open.get()>
                {choices_menu(picker, options, (label, noun), list_id.clone(), menu, search)}
            </Show>
        </div>
    }
}

/// The state of a multi-select's list while it is open.
#[derive(Clone, Copy)]
struct Picker {
    open: RwSignal<bool>,
    /// The boxes change a draft while the list is open (issue 28 item 14): Done or a click
    /// outside applies it, Escape discards it, Clear empties it.
    draft: RwSignal<Option<Vec<String>>>,
    selected: Signal<Vec<String>>,
    on_change: Callback<Vec<String>>,
    button: NodeRef<leptos::html::Button>,
    /// Whether the list was opened from the keyboard.
    by_key: StoredValue<bool>,
}

impl Picker {
    /// The ids ticked in the list: the draft, or the selection before any change.
    fn ticked(&self) -> Vec<String> {
        self.draft.get().unwrap_or_else(|| self.selected.get())
    }

    fn toggle(&self, id: String, on: bool) {
        let mut sel = self
            .draft
            .get_untracked()
            .unwrap_or_else(|| self.selected.get_untracked());
        if on {
            if !sel.contains(&id) {
                sel.push(id);
            }
        } else {
            sel.retain(|s| *s != id);
        }
        self.draft.set(Some(sel));
    }

    /// Closes the list, applying the draft or not, and gives focus back to the button.
    fn close(&self, apply: bool) {
        if let Some(d) = self.draft.get_untracked() {
            if apply && d != self.selected.get_untracked() {
                self.on_change.run(d);
            }
        }
        self.draft.set(None);
        self.open.set(false);
        if let Some(b) = self.button.get_untracked() {
            let _ = b.focus();
        }
    }
}

/// The button's text: "All teams", the one team's name, or "3 teams".
fn summary_text(sel: &[String], options: Signal<Vec<Choice>>, noun: &str) -> String {
    match sel.len() {
        0 => format!("All {noun}"),
        1 => options
            .with(|o| o.iter().find(|c| c.id == sel[0]).map(|c| c.label.clone()))
            .unwrap_or_else(|| format!("1 {}", noun.trim_end_matches('s'))),
        n => format!("{n} {noun}"),
    }
}

/// The choices that match the search, at most [`SHOWN`] of them, and how many match in all.
fn matching(options: Signal<Vec<Choice>>, search: RwSignal<String>) -> Memo<(Vec<Choice>, usize)> {
    Memo::new(move |_| {
        let needle = search.get().trim().to_lowercase();
        options.with(|o| {
            let matching: Vec<Choice> = o
                .iter()
                .filter(|c| {
                    needle.is_empty()
                        || c.label.to_lowercase().contains(&needle)
                        || c.detail
                            .as_ref()
                            .is_some_and(|d| d.to_lowercase().contains(&needle))
                })
                .cloned()
                .collect();
            let total = matching.len();
            (matching.into_iter().take(SHOWN).collect::<Vec<_>>(), total)
        })
    })
}

/// Moves focus in the open list for an arrow key, Home or End.
fn move_focus(ev: &web_sys::KeyboardEvent, menu: &web_sys::HtmlDivElement) {
    let Ok(list) = menu.query_selector_all("input") else {
        return;
    };
    let items: Vec<web_sys::HtmlInputElement> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect();
    if items.is_empty() {
        return;
    }
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let at = active.and_then(|a| items.iter().position(|i| a == ***i));
    let in_search = at.is_some_and(|i| items[i].type_() == "search");
    let last = items.len() - 1;
    let next = match ev.key().as_str() {
        "ArrowDown" => at.map_or(0, |i| (i + 1).min(last)),
        "ArrowUp" => at.map_or(0, |i| i.saturating_sub(1)),
        // In the search box these keys move the caret.
        "Home" if !in_search => usize::from(items[0].type_() == "search").min(last),
        "End" if !in_search => last,
        _ => return,
    };
    ev.prevent_default();
    let _ = items[next].focus();
}

/// The open list: its search, the choices, Clear and Done.
fn choices_menu(
    picker: Picker,
    options: Signal<Vec<Choice>>,
    (label, noun): (&'static str, &'static str),
    list_id: String,
    menu: NodeRef<leptos::html::Div>,
    search: RwSignal<String>,
) -> impl IntoView {
    let shown = matching(options, search);
    view! {
        <div class="menu-backdrop" on:click=move |_| picker.close(true)></div>
        <div class="menu multi-menu" id=list_id role="group" aria-label=label node_ref=menu>
            <Show when=move || options.with(|o| o.len() > 8)>
                <input
                    class="input"
                    type="search"
                    placeholder=format!("Search {noun}")
                    aria-label=format!("Search {noun}")
                    prop:value=move || search.get()
                    on:input=move |ev| search.set(event_target_value(&ev))
                />
            </Show>
            <div class="multi-list">
                <For
                    each=move || shown.get().0
                    key=|c| c.id.clone()
                    children=move |c| {
                        let id = c.id.clone();
                        let checked_id = c.id.clone();
                        view! {
                            <label class="multi-option">
                                <input
                                    type="checkbox"
                                    prop:checked=move || picker.ticked().contains(&checked_id)
                                    on:change=move |ev| picker.toggle(id.clone(), event_target_checked(&ev))
                                />
                                <span class="multi-label" dir="auto">{c.label.clone()}</span>
                                {c.detail.clone().map(|d| view! { <span class="multi-detail">{d}</span> })}
                            </label>
                        }
                    }
                />
                <Show when=move || shown.with(|s| s.0.is_empty())>
                    <p class="muted multi-empty">"Nothing matches."</p>
                </Show>
                <Show when=move || shown.with(|s| s.1 > s.0.len())>
                    <p class="muted multi-empty">
                        {move || shown.with(|s| format!("{} more: search to narrow.", s.1 - s.0.len()))}
                    </p>
                </Show>
            </div>
            <div class="multi-actions">
                <button class="btn btn-ghost" on:click=move |_| picker.draft.set(Some(Vec::new()))>"Clear"</button>
                <button class="btn btn-primary" on:click=move |_| picker.close(true)>"Done"</button>
            </div>
        </div>
    }
}
