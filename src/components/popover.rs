//! A button with a panel below it (the profile menu, the demo settings): Escape or a click
//! outside closes it.

use leptos::prelude::*;

#[component]
pub fn Popover(
    /// Whether the panel shows; the trigger toggles it.
    open: RwSignal<bool>,
    /// The wrapper's class (the panel is positioned against it).
    class: &'static str,
    /// The button that opens the panel.
    #[prop(into)]
    trigger: ViewFn,
    /// The panel.
    children: ChildrenFn,
) -> impl IntoView {
    view! {
        <div class=class on:keydown=move |ev| {
            if ev.key() == "Escape" {
                open.set(false);
            }
        }>
            {trigger.run()}
            <Show when=move || open.get()>
                <div class="menu-backdrop" on:click=move |_| open.set(false)></div>
                {children()}
            </Show>
        </div>
    }
}
