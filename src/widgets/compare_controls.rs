use crate::domain::CompareWith;
use leptos::prelude::*;

/// "Compare with" and "Show % value" (usable once a comparison is chosen).
#[component]
pub fn CompareControls(
    compare: RwSignal<CompareWith>,
    show_percent: RwSignal<bool>,
) -> impl IntoView {
    let none = move || compare.get() == CompareWith::None;
    view! {
        <div class="field">
            <label class="field-label">
                "Compare with"
                <select
                    class="input"
                    data-testid="compare-with"
                    prop:value=move || compare.get().key()
                    on:change=move |ev| {
                        let c = CompareWith::from_key(&event_target_value(&ev)).unwrap_or_default();
                        compare.set(c);
                        if c == CompareWith::None {
                            show_percent.set(false);
                        }
                    }
                >
                    {CompareWith::ALL.into_iter().map(|c| view! { <option value=c.key()>{c.label()}</option> }).collect_view()}
                </select>
            </label>
        </div>
        <div class="field show-percent">
            <label class="check" title=move || if none() { "Choose a comparison first" } else { "" }>
                <input
                    type="checkbox"
                    data-testid="show-percent"
                    disabled=none
                    aria-describedby=move || none().then_some("show-percent-hint")
                    prop:checked=move || show_percent.get()
                    on:change=move |ev| show_percent.set(event_target_checked(&ev))
                />
                "Show % value"
            </label>
            <Show when=none>
                <span class="field-hint muted" id="show-percent-hint">"Choose a comparison first"</span>
            </Show>
        </div>
    }
}
