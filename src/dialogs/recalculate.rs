use super::Modal;
use crate::api::types::{JobStatus, Open, RecalcJob};
use crate::api::{ApiError, UsageApi};
use crate::platform::storage::{self, Kept};
use crate::state::app_context::AppContext;
use crate::state::preview::Preview;
use leptos::prelude::*;

/// A recalculation in progress, kept by the dashboard so that closing the dialog does not lose
/// it: its completion still refreshes every widget.
#[derive(Clone, Debug, PartialEq)]
pub enum RecalcState {
    Idle,
    Running(RecalcJob),
    /// Still running, but the last check did not settle it: a failed poll about to be retried,
    /// or a state this version does not know. The text says which.
    Checking(RecalcJob, String),
    Done(RecalcJob),
    Failed(ApiError),
}

impl RecalcState {
    pub fn is_running(&self) -> bool {
        matches!(self, RecalcState::Running(_) | RecalcState::Checking(..))
    }
}

/// Where the running job's id is kept, so that leaving and re-entering the dashboard (or a
/// reload) resumes following it instead of starting a second one.
const JOB_KEY: &str = "credit-dash:recalculation-job";
/// Checks of one job before the app stops following it (about five minutes at 500 ms).
const MAX_POLLS: u32 = 600;
/// Answers in a state this version does not know before the app gives up on the job.
const MAX_UNKNOWN: u32 = 40;
/// Failed checks in a row that are retried (with backoff) before the failure is shown.
const MAX_FAILED_POLLS: u32 = 6;

/// Starts a recalculation and follows it until it ends (the gallery: nothing is remembered).
pub fn start_recalculation(app: AppContext, state: RwSignal<RecalcState>) {
    start(app, state, false);
}

/// Starts a recalculation for the dashboard: its id is remembered for this tab until it ends.
pub fn start_remembered(app: AppContext, state: RwSignal<RecalcState>) {
    start(app, state, true);
}

fn start(app: AppContext, state: RwSignal<RecalcState>, remember: bool) {
    if state.get_untracked().is_running() {
        return;
    }
    let api = app.api();
    state.set(RecalcState::Running(RecalcJob {
        job_id: String::new(),
        status: JobStatus::Queued.into(),
        progress: 0.0,
        started_at: String::new(),
        finished_at: None,
        error: None,
    }));
    leptos::task::spawn_local(async move {
        match api.start_recalculation().await {
            Ok(job) => {
                if remember {
                    storage::set(Kept::Tab, JOB_KEY, &job.job_id);
                }
                follow(api, app, state, job, remember).await;
            }
            Err(e) => state.set(RecalcState::Failed(e)),
        }
    });
}

/// Resumes following the job this tab started, if one is remembered (after leaving the
/// dashboard or reloading the page).
pub fn resume_remembered(app: AppContext, state: RwSignal<RecalcState>) {
    let Some(job_id) = storage::get(Kept::Tab, JOB_KEY).filter(|id| !id.is_empty()) else {
        return;
    };
    if state.get_untracked().is_running() {
        return;
    }
    let job = RecalcJob {
        job_id,
        status: JobStatus::Running.into(),
        progress: 0.0,
        started_at: String::new(),
        finished_at: None,
        error: None,
    };
    state.set(RecalcState::Running(job.clone()));
    let api = app.api();
    leptos::task::spawn_local(async move {
        follow(api, app, state, job, true).await;
    });
}

async fn sleep_ms(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

/// How long to wait before checking again after the `failures`-th failed check in a row: the
/// server's `Retry-After` when it gave one, else 1, 2, 4, 8 … seconds, at most 30.
pub fn poll_backoff_ms(error: &ApiError, failures: u32) -> u32 {
    match error {
        ApiError::RateLimited {
            retry_after: Some(s),
        } => s.saturating_mul(1000).min(300_000),
        _ => 1000u32
            .saturating_mul(1 << failures.saturating_sub(1).min(5))
            .min(30_000),
    }
}

async fn follow(
    api: UsageApi,
    app: AppContext,
    state: RwSignal<RecalcState>,
    mut job: RecalcJob,
    remember: bool,
) {
    let end = |s: RecalcState, forget: bool| {
        if remember && forget {
            storage::remove(Kept::Tab, JOB_KEY);
        }
        state.set(s);
    };
    let mut failures = 0u32;
    let mut unknown = 0u32;
    for _ in 0..MAX_POLLS {
        match &job.status {
            Open::Known(JobStatus::Succeeded) => {
                app.data_changed();
                end(RecalcState::Done(job), true);
                return;
            }
            Open::Known(JobStatus::Failed) => {
                let message = job.error.clone().unwrap_or_else(|| "the job failed".into());
                end(
                    RecalcState::Failed(ApiError::Server {
                        status: 500,
                        message: Some(message),
                    }),
                    true,
                );
                return;
            }
            Open::Unknown(raw) => {
                unknown += 1;
                if unknown > MAX_UNKNOWN {
                    end(
                        RecalcState::Failed(ApiError::Malformed {
                            endpoint: "/credits/recalculate/{job_id}".into(),
                            detail: format!("the job stayed in a state this app does not know (\u{201c}{raw}\u{201d})"),
                        }),
                        true,
                    );
                    return;
                }
                state.set(RecalcState::Checking(
                    job.clone(),
                    format!("The service reports a state this app does not know (\u{201c}{raw}\u{201d}); still checking."),
                ));
            }
            Open::Known(_) => state.set(RecalcState::Running(job.clone())),
        }
        sleep_ms(500).await;
        // A failed check is not a failed job: retry it with backoff before saying so.
        loop {
            match api.recalculation(&job.job_id).await {
                Ok(next) => {
                    failures = 0;
                    job = next;
                    break;
                }
                Err(e) if e.retryable() && failures < MAX_FAILED_POLLS => {
                    failures += 1;
                    let wait = poll_backoff_ms(&e, failures);
                    state.set(RecalcState::Checking(
                        job.clone(),
                        format!(
                            "Checking on the recalculation failed: {} Checking again in {} s.",
                            e.message(),
                            wait.div_ceil(1000)
                        ),
                    ));
                    sleep_ms(wait).await;
                }
                Err(e) => {
                    // An ended session keeps the job remembered, to follow it after signing in.
                    let forget = !matches!(e, ApiError::Unauthorized);
                    end(RecalcState::Failed(e), forget);
                    return;
                }
            }
        }
    }
    end(
        RecalcState::Failed(ApiError::Timeout { seconds: 300 }),
        true,
    );
}

#[component]
pub fn RecalculateDialog(
    open: RwSignal<bool>,
    state: RwSignal<RecalcState>,
    /// Why the viewer may not start one (not an admin), if so.
    #[prop(optional, into)]
    denied: Signal<Option<String>>,
) -> impl IntoView {
    let app = AppContext::expect();
    // The gallery shows dialogs in place and never remembers jobs (it has accounts of its own).
    let remember = !Preview::current().inline_dialogs;
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
                        on:click=move |_| {
                            if remember { start_remembered(app, state) } else { start_recalculation(app, state) }
                        }
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
    let pct = (j.progress.clamp(0.0, 1.0) * 100.0).round();
    view! {
        <div class="progress" role="progressbar" aria-label="Recalculation" aria-valuemin="0" aria-valuemax="100"
            aria-valuenow=pct data-testid="recalculate-progress">
            <div class="progress-fill" style=format!("width: {pct}%")></div>
        </div>
        <p class="muted" role="status">{format!("Recalculating… {pct}%")}</p>
        {note.map(|n| view! { <p class="notice notice-warn" role="status" data-testid="recalculate-checking">{n}</p> })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_polls_back_off_and_honour_retry_after() {
        let server = ApiError::Server {
            status: 503,
            message: None,
        };
        let waits: Vec<u32> = (1..=8).map(|n| poll_backoff_ms(&server, n)).collect();
        assert_eq!(
            waits,
            vec![1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]
        );
        let limited = ApiError::RateLimited {
            retry_after: Some(7),
        };
        assert_eq!(poll_backoff_ms(&limited, 1), 7000);
        let no_hint = ApiError::RateLimited { retry_after: None };
        assert_eq!(poll_backoff_ms(&no_hint, 2), 2000);
    }
}
