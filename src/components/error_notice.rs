use crate::api::ApiError;
use leptos::prelude::*;

/// A failed request: what went wrong in the admin's words, and a Retry when trying again helps.
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
    view! {
        <div class="notice notice-error" role="alert" data-testid="error" data-error-kind=kind>
            <div class="notice-body">
                <p>{message}</p>
            </div>
            {on_retry
                .map(|retry| {
                    view! {
                        <button class="btn" data-testid="retry" on:click=move |_| retry.run(())>
                            "Retry"
                        </button>
                    }
                })}
        </div>
    }
}
