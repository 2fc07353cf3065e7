use super::Modal;
use crate::api::types::{JobStatus, RecalcJob};
use crate::api::ApiError;
use crate::app::{use_app, AppContext};
use leptos::prelude::*;

/// A recalculation in progress, kept by the dashboard so that closing the dialog does not lose
/// it: its completion still refreshes every widget.
#[derive(Clone, Debug, PartialEq)]
pub enum RecalcState {
    Idle,
    Running(RecalcJob),
    Done(RecalcJob),
    Failed(ApiError),
}

/// Starts a recalculation and follows it until it ends.
pub fn start_recalculation(app: AppContext, state: RwSignal<RecalcState>) {
    if matches!(state.get_untracked(), RecalcState::Running(_)) {
        return;
    }
    let api = app.api();
    state.set(RecalcState::Running(RecalcJob {
        job_id: String::new(),
        status: JobStatus::Queued,
        progress: 0.0,
        started_at: String::new(),
        finished_at: None,
        error: None,
    }));
    leptos::task::spawn_local(async move {
        let mut job = match api.start_recalculation().await {
            Ok(j) => j,
            Err(e) => {
                state.set(RecalcState::Failed(e));
                return;
            }
        };
        for _ in 0..600 {
            state.set(RecalcState::Running(job.clone()));
            match job.status {
                JobStatus::Succeeded => {
                    app.data_changed();
                    state.set(RecalcState::Done(job));
                    return;
                }
                JobStatus::Failed => {
                    let message = job.error.clone().unwrap_or_else(|| "the job failed".into());
                    state.set(RecalcState::Failed(ApiError::Server {
                        status: 500,
                        message: Some(message),
                    }));
                    return;
                }
                _ => {}
            }
            gloo_timers::future::TimeoutFuture::new(500).await;
            job = match api.recalculation(&job.job_id).await {
                Ok(j) => j,
                Err(e) => {
                    state.set(RecalcState::Failed(e));
                    return;
                }
            };
        }
        state.set(RecalcState::Failed(ApiError::Timeout { seconds: 300 }));
    });
}

#[component]
pub fn RecalculateDialog(open: RwSignal<bool>, state: RwSignal<RecalcState>) -> impl IntoView {
    let app = use_app();
    view! {
        <Modal open=open testid="dialog-recalculate" title="Recalculate usage">
            <div class="dialog-body">
                <p class="muted">
                    "Recounts this cycle's usage from the latest events. It takes a few seconds; you can close this window and keep working — the dashboard refreshes when it is done."
                </p>
                {move || match state.get() {
                    RecalcState::Idle => ().into_any(),
                    RecalcState::Running(j) => {
                        let pct = (j.progress * 100.0).round();
                        view! {
                            <div class="progress" role="progressbar" aria-label="Recalculation" aria-valuemin="0" aria-valuemax="100"
                                aria-valuenow=pct data-testid="recalculate-progress">
                                <div class="progress-fill" style=format!("width: {pct}%")></div>
                            </div>
                            <p class="muted" role="status">{format!("Recalculating… {pct}%")}</p>
                        }
                            .into_any()
                    }
                    RecalcState::Done(_) => {
                        view! { <p class="notice notice-ok" role="status" data-testid="recalculate-done">"Done: every figure is up to date."</p> }.into_any()
                    }
                    RecalcState::Failed(e) => {
                        view! {
                            <p class="notice notice-error" role="alert" data-testid="recalculate-failure">
                                {format!("The recalculation failed: {}", e.message())}
                            </p>
                        }
                            .into_any()
                    }
                }}
                <div class="dialog-actions">
                    <button type="button" class="btn" on:click=move |_| open.set(false)>
                        {move || if matches!(state.get(), RecalcState::Running(_)) { "Close (keeps running)" } else { "Close" }}
                    </button>
                    <button
                        type="button"
                        class="btn btn-primary"
                        data-testid="recalculate-start"
                        disabled=move || matches!(state.get(), RecalcState::Running(_))
                        on:click=move |_| start_recalculation(app, state)
                    >
                        {move || match state.get() {
                            RecalcState::Running(_) => "Recalculating…",
                            RecalcState::Failed(_) => "Try again",
                            _ => "Start recalculation",
                        }}
                    </button>
                </div>
            </div>
        </Modal>
    }
}
