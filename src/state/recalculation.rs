//! A recalculation of the cycle's usage: started, followed until it ends, and remembered for
//! the tab so that a reload follows the same job. The app provides one (the gallery's cards one
//! each), so that it goes on while the admin moves between pages.

use super::action::use_action;
use super::app_context::AppContext;
use crate::api::types::{JobStatus, Open, RecalcJob};
use crate::api::{ApiError, UsageApi};
use crate::platform::storage::{self, Kept};
use leptos::prelude::*;

/// A recalculation in progress, kept by the app so that closing the dialog or leaving the
/// dashboard does not lose it: its completion still refreshes every figure.
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

/// What [`use_recalculation`] gives.
#[derive(Clone, Copy)]
pub struct Recalculation {
    /// Where the job stands; the dialog and the dashboard's button show it.
    pub state: RwSignal<RecalcState>,
    /// Starts a recalculation and follows it until it ends, unless one is running.
    pub start: Callback<()>,
}

impl Recalculation {
    /// The recalculation the app (or a gallery card) provides.
    pub fn expect() -> Self {
        expect_context::<Recalculation>()
    }
}

/// A recalculation, followed while its owner is there (the app's: on every page). `remember`
/// (the app's; not a gallery card's, which has an account of its own) keeps the job's id for
/// this tab until it ends, and follows a job this tab started and left running again after a
/// reload, never starting a second one.
pub fn use_recalculation(remember: bool) -> Recalculation {
    let app = AppContext::expect();
    let state = RwSignal::new(RecalcState::Idle);
    // Follows the job given, or starts one first.
    let job = use_action(move |job: Option<RecalcJob>| {
        let api = app.api();
        async move {
            let job = match job {
                Some(job) => job,
                None => match api.start_recalculation().await {
                    Ok(job) => {
                        if remember {
                            storage::set(Kept::Tab, JOB_KEY, &job.job_id);
                        }
                        job
                    }
                    Err(e) => {
                        state.set(RecalcState::Failed(e));
                        return;
                    }
                },
            };
            follow(api, app, state, job, remember).await;
        }
    });
    let start = Callback::new(move |()| {
        if state.get_untracked().is_running() {
            return;
        }
        state.set(RecalcState::Running(job_of(
            String::new(),
            JobStatus::Queued,
        )));
        job.run.run(None);
    });
    if let Some(job_id) = remember
        .then(|| storage::get(Kept::Tab, JOB_KEY))
        .flatten()
        .filter(|id| !id.is_empty())
    {
        let remembered = job_of(job_id, JobStatus::Running);
        state.set(RecalcState::Running(remembered.clone()));
        job.run.run(Some(remembered));
    }
    // The demo switched in place to another account: a job of the one before is not this
    // account's, so it is no longer followed, nor remembered.
    Effect::new(move |seen: Option<u64>| {
        let now = app.demo_generation.get();
        if seen.is_some_and(|s| s != now) {
            job.cancel.run(());
            if remember {
                storage::remove(Kept::Tab, JOB_KEY);
            }
            state.set(RecalcState::Idle);
        }
        now
    });
    Recalculation { state, start }
}

/// A job as known before the service's first answer about it.
fn job_of(job_id: String, status: JobStatus) -> RecalcJob {
    RecalcJob {
        job_id,
        status: status.into(),
        progress: 0.0,
        started_at: String::new(),
        finished_at: None,
        error: None,
    }
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
