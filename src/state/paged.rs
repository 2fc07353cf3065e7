//! Loading a list page by page (a hook): the first page when the key changes, then the next
//! pages on demand, appended. Built on the one fetch hook's driver (`remote::drive`): the older
//! request is cancelled and only the newest first page settles; a next page still under way when
//! the key changes is cancelled with it, so it never lands in another list.

use super::remote::{drive, Remote, Settle, Started};
use crate::api::ApiError;
use futures::future::{abortable, AbortHandle};
use leptos::prelude::*;
use std::future::Future;

/// One page of a list and where the next one starts (none: this was the last).
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

/// What [`use_paged`] gives.
pub struct Paged<T: 'static> {
    /// The first page's request and every page loaded since, as one list. A new key starts from
    /// its first page with nothing kept (the rows of other filters would be read as these).
    pub state: RwSignal<Remote<Vec<T>>>,
    /// Where the next page starts, while there is one.
    pub next: RwSignal<Option<String>>,
    /// A next page is on its way.
    pub more_pending: RwSignal<bool>,
    /// Why the last next page could not be loaded (what is listed stays); kept while it is
    /// asked again, until a next page comes.
    pub more_failed: RwSignal<Option<ApiError>>,
    /// Asks for the next page (nothing while one is on its way or none is left).
    pub load_more: Callback<()>,
    /// Asks for the first page again, with the same key.
    pub retry: Callback<()>,
}

impl<T> Clone for Paged<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Paged<T> {}

/// Lists `fetch(key, cursor)` page by page: the first page now and whenever the signals `key`
/// reads change (`None`: nothing to ask, an empty list), the next ones on
/// [`Paged::load_more`]. `append` adds a page to the list (leaving out what it already has);
/// `on_more` is told how many items there were before a next page was added (to move the
/// keyboard on to the first new one).
pub fn use_paged<K, T, F, Fut>(
    key: impl Fn() -> Option<K> + 'static,
    fetch: F,
    append: fn(&mut Vec<T>, Vec<T>),
    on_more: Option<Callback<usize>>,
) -> Paged<T>
where
    K: Clone + 'static,
    T: Send + Sync + 'static,
    F: Fn(K, Option<String>) -> Fut + 'static,
    Fut: Future<Output = Result<Page<T>, ApiError>> + 'static,
{
    let state = RwSignal::new(Remote::<Vec<T>>::Loading(None));
    let next = RwSignal::new(None::<String>);
    let more_pending = RwSignal::new(false);
    let more_failed = RwSignal::new(None::<ApiError>);
    let fetch = StoredValue::new_local(fetch);
    // The key of the list shown, which its next pages are asked with.
    let listed = StoredValue::new_local(None::<K>);
    let more_task = StoredValue::new(None::<AbortHandle>);
    let cancel_more = move || {
        if let Some(Some(task)) = more_task.try_get_value() {
            task.abort();
        }
    };
    let retry = drive(
        Box::new(move || {
            let k = key();
            cancel_more();
            more_pending.set(false);
            more_failed.set(None);
            next.set(None);
            listed.set_value(k.clone());
            let Some(k) = k else {
                state.set(Remote::Ready(Vec::new()));
                return Box::pin(async { Box::new(|| ()) as Settle }) as Started;
            };
            state.set(Remote::Loading(None));
            let request = fetch.with_value(|f| f(k, None));
            Box::pin(async move {
                let result = request.await;
                Box::new(move || match result {
                    Ok(page) => {
                        next.set(page.next);
                        state.set(Remote::Ready(page.items));
                    }
                    Err(e) => state.set(Remote::Failed(e)),
                }) as Settle
            }) as Started
        }),
        None,
    );
    let load_more = Callback::new(move |()| {
        let (Some(cursor), Some(k)) = (next.get_untracked(), listed.get_value()) else {
            return;
        };
        if more_pending.get_untracked() {
            return;
        }
        more_pending.set(true);
        let before = state.with_untracked(|s| s.latest_ref().map_or(0, Vec::len));
        let (request, task) = abortable(fetch.with_value(|f| f(k, Some(cursor))));
        more_task.set_value(Some(task));
        leptos::task::spawn_local(async move {
            // Cancelled: the key changed, or the list left the page.
            let Ok(result) = request.await else {
                return;
            };
            more_pending.try_set(false);
            match result {
                Ok(page) => {
                    state.try_update(|s| {
                        if let Remote::Ready(items) = s {
                            append(items, page.items);
                        }
                    });
                    next.try_set(page.next);
                    more_failed.try_set(None);
                    if let Some(told) = on_more {
                        told.try_run(before);
                    }
                }
                Err(e) => {
                    more_failed.try_set(Some(e));
                }
            }
        });
    });
    on_cleanup(cancel_more);
    Paged {
        state,
        next,
        more_pending,
        more_failed,
        load_more,
        retry,
    }
}
