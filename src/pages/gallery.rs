use leptos::prelude::*;

/// The widget gallery for designers.
#[component]
pub fn GalleryPage() -> impl IntoView {
    view! {
        <div class="page-head">
            <div class="titles">
                <h1>"Widget gallery"</h1>
                <p class="muted">"Every widget in every state, from the mock engine."</p>
            </div>
        </div>
    }
}
