//! The one switch over the account every page starts from: loading, failed with Retry, or
//! ready, when `render` draws the page's part for it.

use crate::api::types::Account;
use crate::components::error_notice::ErrorNotice;
use crate::state::app_context::AppContext;
use leptos::prelude::*;

#[component]
pub fn AccountGate<F>(
    /// What shows while the account loads ("Loading your account…").
    #[prop(default = "Loading your account…")]
    loading: &'static str,
    /// Draws the part of the page that needs the account.
    render: F,
) -> impl IntoView
where
    F: Fn(Account) -> AnyView + Send + Sync + 'static,
{
    let app = AppContext::expect();
    move || match app.account.get() {
        None => view! { <p class="muted" data-testid="loading">{loading}</p> }.into_any(),
        Some(Err(e)) => view! { <ErrorNotice error=e on_retry=app.retry_account /> }.into_any(),
        Some(Ok(account)) => render(account),
    }
}
