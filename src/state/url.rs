//! Choices kept in the page's URL query, so that a link and Back keep them.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;

/// Goes to this page with another query: a new history entry, so Back undoes the change. The
/// page stays where it is scrolled (a choice in a widget far down is made where it is seen).
pub fn use_query_navigator() -> impl Fn(ParamsMap) + Clone + 'static {
    let navigate = use_navigate();
    let location = use_location();
    move |q: ParamsMap| {
        navigate(
            &format!(
                "{}{}",
                location.pathname.get_untracked(),
                q.to_query_string()
            ),
            NavigateOptions {
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    }
}

/// Sets one parameter of this page's query, keeping the others; an empty value removes it.
/// A navigation, as [`use_query_navigator`]'s: Back undoes it.
pub fn use_query_param() -> impl Fn(String, String) + Clone + 'static {
    let query = use_query_map();
    let go = use_query_navigator();
    move |name: String, value: String| {
        let mut q = query.get_untracked();
        q.remove(&name);
        if !value.is_empty() {
            q.insert(name, value);
        }
        go(q);
    }
}

/// Whether the comma-separated value of `param` holds `token` (`w.copilot=group:team`), and a
/// way to set it, keeping the value's other tokens and the rest of the query as they are (on
/// the dashboard page; a gallery card keeps it to itself).
pub fn url_flag(param: &'static str, token: &'static str) -> (Memo<bool>, Callback<bool>) {
    // A gallery card keeps its own choice: many cards of one widget share a page.
    if !crate::state::dash::DashFilters::expect().in_url {
        let on = RwSignal::new(false);
        return (
            Memo::new(move |_| on.get()),
            Callback::new(move |v| on.set(v)),
        );
    }
    let query = use_query_map();
    let set_param = use_query_param();
    let on = Memo::new(move |_| {
        query.with(|q| {
            q.get_str(param)
                .is_some_and(|v| v.split(',').any(|t| t == token))
        })
    });
    let set = Callback::new(move |want: bool| {
        let mut tokens: Vec<String> = query.with_untracked(|q| {
            q.get_str(param)
                .unwrap_or_default()
                .split(',')
                .filter(|t| !t.is_empty() && *t != token)
                .map(String::from)
                .collect()
        });
        if want {
            tokens.push(token.to_string());
        }
        set_param(param.to_string(), tokens.join(","));
    });
    (on, set)
}
