use crate::api::ApiError;
use leptos::prelude::*;
use std::time::Duration;

/// A failed request: what went wrong in the admin's words, and a Retry when trying again can
/// help. After a 429 the Retry waits out the server's `Retry-After` first; an ended session or a
/// missing permission offers none (the page says how to sign in; an admin grants access).
#[component]
pub fn ErrorNotice(
    /// The typed failure.
    error: ApiError,
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
