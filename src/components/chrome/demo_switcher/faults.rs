//! The demo's failing endpoints: one row an endpoint, a box to make it fail and, once ticked,
//! how it fails (its usual fault, a status a server sends, or what the road to it does).

use crate::api::demo::{Endpoint, Failure, Fault};
use leptos::prelude::*;

/// The rows of the failing endpoints, over `fail` (the `fail=` entries, `flows:429`).
pub(super) fn fail_rows(fail: RwSignal<Vec<String>>) -> impl IntoView {
    Endpoint::ALL
        .into_iter()
        .filter(|e| e.read_by_the_page())
        .map(|e| {
            let name = e.key();
            let entry = move || {
                fail.with(|f| {
                    f.iter()
                        .filter_map(|k| Failure::parse(k))
                        .find(|x| x.endpoint == e)
                })
            };
            let set = move |failure: Option<Failure>| {
                fail.update(|f| {
                    f.retain(|k| Failure::parse(k).is_none_or(|x| x.endpoint != e));
                    f.extend(failure.map(Failure::key));
                })
            };
            let fault_label = format!("How {} fails", e.label());
            view! {
                <div class="demo-fail">
                    <label class="check">
                        <input
                            type="checkbox"
                            data-testid=format!("demo-fail-{name}")
                            prop:checked=move || entry().is_some()
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                set(on.then(|| Failure::new(e, None)));
                            }
                        />
                        <span>{e.label()}</span>
                    </label>
                    <Show when=move || entry().is_some()>
                        <select
                            class="input demo-fault"
                            aria-label=fault_label.clone()
                            data-testid=format!("demo-fault-{name}")
                            on:change=move |ev| {
                                let fault = Fault::from_key(&event_target_value(&ev));
                                set(Some(Failure::new(e, fault)));
                            }
                        >
                            <option value="" prop:selected=move || entry().is_some_and(|x| x.fault.is_none())>
                                {Failure::new(e, None).fault().label()}
                            </option>
                            {Fault::NAMED
                                .into_iter()
                                .filter(move |f| *f != Failure::new(e, None).fault())
                                .map(|f| view! {
                                    <option value=f.key() prop:selected=move || entry().and_then(|x| x.fault) == Some(f)>
                                        {f.label()}
                                    </option>
                                })
                                .collect_view()}
                        </select>
                    </Show>
                </div>
            }
        })
        .collect_view()
}
