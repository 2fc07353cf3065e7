use leptos::prelude::*;

/// The whole page when `/config.json` cannot be used: what was wrong and how to fix it. The app
/// does not start, and never falls back to demo data.
#[component]
pub fn ConfigError(
    /// What was wrong, and how to fix it.
    problem: String,
) -> impl IntoView {
    view! {
        <main class="page config-error" id="main">
            <section class="card" role="alert" data-testid="config-error">
                <h1>"The dashboard is not configured correctly"</h1>
                <p>{problem}</p>
                <p class="muted">
                    "No figures are shown until this is fixed: the dashboard never shows demo data in place of your account's."
                </p>
                <p>
                    <button
                        class="btn btn-primary"
                        on:click=|_| {
                            if let Some(w) = web_sys::window() {
                                let _ = w.location().reload();
                            }
                        }
                    >
                        "Reload"
                    </button>
                </p>
            </section>
        </main>
    }
}
