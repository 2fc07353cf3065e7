//! The head of a page: its heading, where it sits under Billing, what it is for, and its tools.

use crate::state::app_context::AppContext;
use leptos::prelude::*;
use leptos_router::components::A;

/// A page's head. `crumb` puts it under Billing ("Billing / History", the crumb being the page's
/// short name); `lead` says what the page is for; the children are the tools at its end.
#[component]
pub fn PageHead(
    /// The page's heading.
    title: &'static str,
    /// The page's name in the breadcrumb under Billing, when it is a page of Billing's.
    #[prop(optional)]
    crumb: Option<&'static str>,
    /// What the page is for, under the heading.
    #[prop(optional, into)]
    lead: Option<String>,
    /// The page's tools (links and buttons at the head's end).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let app = AppContext::expect();
    view! {
        <div class="page-head">
            <div class="titles">
                {crumb.map(|crumb| view! {
                    <nav class="breadcrumbs" aria-label="Breadcrumb">
                        <A href=app.link("/billing")>"Billing"</A>
                        <span aria-hidden="true">"/"</span>
                        <span aria-current="page">{crumb}</span>
                    </nav>
                })}
                <h1>{title}</h1>
                {lead.map(|lead| view! { <p class="muted">{lead}</p> })}
            </div>
            {children.map(|tools| view! { <div class="page-head-tools">{tools()}</div> })}
        </div>
    }
}
