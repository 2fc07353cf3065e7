use crate::api::ApiError;
use crate::components::chart::LibraryFailed;
use leptos::prelude::*;
use std::time::Duration;

/// What a notice says went wrong: a request of the usage service, or the chart library, which
/// the page loads from its own origin.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    Api(ApiError),
    ChartLibrary(LibraryFailed),
}

impl From<ApiError> for Problem {
    fn from(e: ApiError) -> Self {
        Problem::Api(e)
    }
}

impl From<LibraryFailed> for Problem {
    fn from(e: LibraryFailed) -> Self {
        Problem::ChartLibrary(e)
    }
}

impl Problem {
    /// A short machine-readable kind, for `data-error-kind` (`asset` for the chart library).
    pub fn kind(&self) -> &'static str {
        match self {
            Problem::Api(e) => e.kind(),
            Problem::ChartLibrary(_) => "asset",
        }
    }

    /// The sentence shown to the admin.
    pub fn message(&self) -> String {
        match self {
            Problem::Api(e) => e.message(),
            Problem::ChartLibrary(e) => e.message(),
        }
    }

    /// Whether a Retry button makes sense (see [`ApiError::offers_retry`]); loading the library
    /// again may always help.
    pub fn offers_retry(&self) -> bool {
        match self {
            Problem::Api(e) => e.offers_retry(),
            Problem::ChartLibrary(_) => true,
        }
    }

    /// Seconds to wait before trying again, when the server said.
    pub fn wait_seconds(&self) -> Option<u32> {
        match self {
            Problem::Api(e) => e.wait_seconds(),
            Problem::ChartLibrary(_) => None,
        }
    }
}

/// A failed request: what went wrong in the admin's words, and a Retry when trying again can
/// help. After a 429 the Retry waits out the server's `Retry-After` first; an ended session or a
/// missing permission offers none (the page says how to sign in; an admin grants access).
#[component]
pub fn ErrorNotice(
    /// The typed failure.
    #[prop(into)]
    error: Problem,
    /// Tries the request again.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let kind = error.kind();
    let message = error.message();
    let wait = RwSignal::new(error.wait_seconds().unwrap_or(0));
    if wait.get_untracked() > 0 {
        if let Ok(handle) = set_interval_with_handle(
            move || wait.update(|w| *w = w.saturating_sub(1)),
            Duration::from_secs(1),
        ) {
            on_cleanup(move || handle.clear());
        }
    }
    let retry = on_retry.filter(|_| error.offers_retry());
    view! {
        <div class="notice notice-error" role="alert" data-testid="error" data-error-kind=kind>
            <div class="notice-body">
                <p>{message}</p>
            </div>
            {retry
                .map(|retry| {
                    view! {
                        <button
                            class="btn"
                            data-testid="retry"
                            on:click=move |_| retry.run(())
                            disabled=move || { wait.get() > 0 }
                        >
                            {move || match wait.get() {
                                0 => "Retry".to_string(),
                                s => format!("Retry in {s} s"),
                            }}
                        </button>
                    }
                })}
        </div>
    }
}

/// A one-line failure of something secondary (teams and users, auto-recharge settings, chart
/// marks), under the part of the page it belongs to. Retry only where it can help: an ended
/// session is the page's notice, a missing permission is said as such.
#[component]
pub fn InlineFailure(
    /// The hook for tests.
    testid: &'static str,
    /// What could not be loaded, as a sentence's subject ("Teams and users").
    what: &'static str,
    /// The failure.
    error: ApiError,
    /// Tries again.
    on_retry: Callback<()>,
) -> impl IntoView {
    let (text, retry) = match &error {
        ApiError::Unauthorized => (
            format!("{what} could not be loaded: your session has ended."),
            false,
        ),
        ApiError::Forbidden => (
            format!("{what}: you don't have permission to see this."),
            false,
        ),
        _ => (format!("{what} could not be loaded. "), true),
    };
    view! {
        <p class="field-error" role="alert" data-testid=testid data-error-kind=error.kind()>
            {text}
            {retry.then(|| view! { <button class="btn-link" on:click=move |_| on_retry.run(())>"Retry"</button> })}
        </p>
    }
}
