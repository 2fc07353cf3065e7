//! The pager under a table: Previous, "Page 2 of 7", Next; focus stays on a pager button when
//! the one pressed becomes disabled.

use crate::domain::table::TableState;
use leptos::prelude::*;

/// The pager of a table listing `title`, over its `state`; `pages` and `current_page` count
/// the pages of the rows shown.
pub(super) fn pager(
    title: &'static str,
    state: RwSignal<TableState>,
    pages: impl Fn() -> usize + Copy + Send + Sync + 'static,
    current_page: impl Fn() -> usize + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let prev_button = NodeRef::<leptos::html::Button>::new();
    let next_button = NodeRef::<leptos::html::Button>::new();
    view! {
        <nav class="pager" aria-label=format!("Pages of {title}")>
            <button
                class="btn"
                data-testid="page-prev"
                node_ref=prev_button
                disabled=move || current_page() == 0
                on:click=move |_| {
                    state.update(|s| s.page = s.page.saturating_sub(1));
                    // The first page disables this button: focus moves to Next, not to the page.
                    if state.with_untracked(|s| s.page == 0) {
                        focus(next_button);
                    }
                }
            >
                "Previous"
            </button>
            <span class="muted" data-testid="page-status">{move || format!("Page {} of {}", current_page() + 1, pages())}</span>
            <button
                class="btn"
                data-testid="page-next"
                node_ref=next_button
                disabled=move || { current_page() + 1 >= pages() }
                on:click=move |_| {
                    // Read before writing: the page count reads the same state.
                    let last = pages() - 1;
                    state.update(|s| s.page = (s.page + 1).min(last));
                    // The last page disables this button: focus moves to Previous.
                    if state.with_untracked(|s| s.page >= last) {
                        focus(prev_button);
                    }
                }
            >
                "Next"
            </button>
        </nav>
    }
}

/// Moves focus to `button` once the page shows the change: the button the admin pressed has just
/// become disabled (the first or the last page), and focus would otherwise fall to the page.
fn focus(button: NodeRef<leptos::html::Button>) {
    request_animation_frame(move || {
        if let Some(b) = button.try_get_untracked().flatten() {
            let _ = b.focus();
        }
    });
}
