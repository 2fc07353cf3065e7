//! A labelled `<select>` over an enum's values (date preset, compare with, frequency, demo
//! scenario): keys as values, labels as text, the label tied to the control by a unique id.

use crate::domain::Keyed;
use crate::platform::ids::unique_id;
use leptos::prelude::*;

#[component]
pub fn EnumSelect<T>(
    /// The field's label.
    label: &'static str,
    /// The select's `data-testid`.
    #[prop(into)]
    testid: String,
    /// The value shown.
    #[prop(into)]
    value: Signal<T>,
    /// Called with the value chosen (never with a key the enum does not know).
    on_change: Callback<T>,
    /// The values offered, when not all of them.
    #[prop(optional)]
    options: Option<&'static [T]>,
) -> impl IntoView
where
    T: Keyed + Send + Sync,
{
    let id = unique_id(&testid);
    let options = options.unwrap_or(T::ALL);
    view! {
        <label class="field-label" for=id.clone()>{label}</label>
        <select
            id=id
            class="input"
            data-testid=testid
            prop:value=move || value.get().key()
            on:change=move |ev| {
                if let Some(v) = T::from_key(&event_target_value(&ev)) {
                    on_change.run(v);
                }
            }
        >
            {options.iter().map(|v| view! { <option value=v.key()>{v.label()}</option> }).collect_view()}
        </select>
    }
}
