//! The recalculation dialog: starts one and shows how it goes (see `state::recalculation`).

use super::Modal;
use crate::api::types::RecalcJob;
use crate::state::recalculation::{RecalcState, Recalculation};
use leptos::prelude::*;

#[component]
pub fn RecalculateDialog(
    open: RwSignal<bool>,
    /// The recalculation the dialog starts and shows.
    recalc: Recalculation,
    /// Why the viewer may not start one (not an admin), if so.
    #[prop(optional, into)]
    denied: Signal<Option<String>>,
) -> impl IntoView {
    let Recalculation { state, start } = recalc;
    view! {
        <Modal open=open testid="dialog-recalculate" title="Recalculate usage">
            <div class="dialog-body">
                <p class="muted">
                    "Recounts this cycle's usage from the latest events. It takes a few seconds; you can close this window and keep working — the dashboard refreshes when it is done."
                </p>
                {move || match state.get() {
                    RecalcState::Idle => ().into_any(),
                    RecalcState::Running(j) => progress(&j, None).into_any(),
                    RecalcState::Checking(j, note) => progress(&j, Some(note)).into_any(),
                    RecalcState::Done(_) => {
                        view! { <p class="notice notice-ok" role="status" data-testid="recalculate-done">"Done: every figure is up to date."</p> }.into_any()
                    }
                    RecalcState::Failed(e) => {
                        view! {
                            <p class="notice notice-error" role="alert" data-testid="recalculate-failure" data-error-kind=e.kind()>
                                {format!("The recalculation failed: {}", e.message())}
                            </p>
                        }
                            .into_any()
                    }
                }}
                {move || denied.get().map(|why| view! { <p class="field-hint muted" data-testid="recalculate-denied">{why}</p> })}
                <div class="dialog-actions">
                    <button type="button" class="btn" on:click=move |_| open.set(false)>
                        {move || if state.get().is_running() { "Close (keeps running)" } else { "Close" }}
                    </button>
                    <button
                        type="button"
                        class="btn btn-primary"
                        data-testid="recalculate-start"
                        disabled=move || state.get().is_running() || denied.get().is_some()
                        on:click=move |_| start.run(())
                    >
                        {move || match state.get() {
                            s if s.is_running() => "Recalculating…",
                            RecalcState::Failed(_) => "Try again",
                            _ => "Start recalculation",
                        }}
                    </button>
                </div>
            </div>
        </Modal>
    }
}

fn progress(j: &RecalcJob, note: Option<String>) -> impl IntoView {
    // A whole percent (an integer also writes its text without float formatting).
    let pct = (j.progress.clamp(0.0, 1.0) * 100.0).round() as u8;
    view! {
        <div class="progress" role="progressbar" aria-label="Recalculation" aria-valuemin="0" aria-valuemax="100"
            aria-valuenow=pct data-testid="recalculate-progress">
            <div class="progress-fill" style=format!("width: {pct}%")></div>
        </div>
        <p class="muted" role="status">{format!("Recalculating… {pct}%")}</p>
        {note.map(|n| view! { <p class="notice notice-warn" role="status" data-testid="recalculate-checking">{n}</p> })}
    }
}
