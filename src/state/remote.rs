//! Loading data for a widget (a hook, not a component): refetches when its key changes, keeps the last figures visible
//! while loading, cancels the request nobody waits for any more, and never lets a late answer
//! for an older key replace a newer one.

use crate::api::ApiError;
use futures::future::{abortable, AbortHandle};
use leptos::prelude::*;
use std::future::Future;

#[derive(Clone, Debug, PartialEq)]
pub enum Remote<T> {
    /// A request is under way; the previous answer, if any, stays on screen meanwhile.
    Loading(Option<T>),
    Ready(T),
    Failed(ApiError),
    /// A refresh failed for a reason that may pass (5xx, time-out, network, 429): the last
    /// figures stay on screen, dimmed, under the error.
    Stale(ApiError, T),
}

/// Whether figures newer than those on screen are on their way, or failed to come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Newer {
    No,
    Loading,
    Failed,
}

impl Newer {
    pub fn of<T>(remote: &Remote<T>) -> Self {
        match remote {
            Remote::Loading(Some(_)) => Newer::Loading,
            Remote::Stale(..) => Newer::Failed,
            _ => Newer::No,
        }
    }
}

impl<T> Remote<T> {
    /// The same state over a part of the answer.
    pub fn map_ref<U>(&self, f: impl Fn(&T) -> U) -> Remote<U> {
        match self {
            Remote::Loading(previous) => Remote::Loading(previous.as_ref().map(&f)),
            Remote::Ready(t) => Remote::Ready(f(t)),
            Remote::Failed(e) => Remote::Failed(e.clone()),
            Remote::Stale(e, t) => Remote::Stale(e.clone(), f(t)),
        }
    }

    /// The failure shown, with or without figures kept.
    pub fn error(&self) -> Option<&ApiError> {
        match self {
            Remote::Failed(e) | Remote::Stale(e, _) => Some(e),
            _ => None,
        }
    }
}

impl<T> Remote<T> {
    /// The newest answer, even while a refresh loads, borrowed (read it inside `with`).
    pub fn latest_ref(&self) -> Option<&T> {
        match self {
            Remote::Ready(t) | Remote::Loading(Some(t)) | Remote::Stale(_, t) => Some(t),
            _ => None,
        }
    }

    /// The newest answer, moved out (no copy of a large report).
    fn into_latest(self) -> Option<T> {
        match self {
            Remote::Ready(t) | Remote::Loading(Some(t)) | Remote::Stale(_, t) => Some(t),
            _ => None,
        }
    }
}

impl<T: Clone> Remote<T> {
    /// The newest answer, even while a refresh loads.
    pub fn latest(&self) -> Option<T> {
        self.latest_ref().cloned()
    }
}

/// Data a component waits for and the way to ask again.
pub struct Fetched<T: 'static> {
    pub state: RwSignal<Remote<T>>,
    /// Asks again with the same key.
    pub retry: Callback<()>,
}

impl<T> Clone for Fetched<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Fetched<T> {}

impl<T: Clone + Send + Sync + 'static> Fetched<T> {
    /// The newest answer, even while a refresh loads (tracked).
    pub fn latest(&self) -> Option<T> {
        self.state.with(Remote::latest)
    }

    /// The failure shown, if any (tracked).
    pub fn error(&self) -> Option<ApiError> {
        self.state.with(|s| s.error().cloned())
    }
}

/// What a finished request does to its state, once it is known to be the newest.
pub(super) type Settle = Box<dyn FnOnce()>;

/// A request under way, ending in what it does to its state.
pub(super) type Started = std::pin::Pin<Box<dyn Future<Output = Settle>>>;

/// Fetches `fetch(key())` now and whenever the signals `key` reads change.
///
/// Only what touches `T` is generic (marking the state loading, settling it); the effect, the
/// task, cancelling and the generation check are one copy for every answer type in [`drive`].
pub fn use_remote<K, T, F, Fut>(key: impl Fn() -> K + 'static, fetch: F) -> Fetched<T>
where
    K: 'static,
    T: Clone + Send + Sync + 'static,
    F: Fn(K) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = RwSignal::new(Remote::<T>::Loading(None));
    let retry = drive(starter(key, fetch, state), None);
    Fetched { state, retry }
}

/// [`use_remote`], with its first request sent at once instead of when effects first run (a
/// tick later): for the account, which every page waits for, so that it never queues behind
/// the answers a page prefetches. `key` must read no signal that its component sets later.
pub fn use_remote_now<K, T, F, Fut>(key: impl Fn() -> K + 'static, fetch: F) -> Fetched<T>
where
    K: 'static,
    T: Clone + Send + Sync + 'static,
    F: Fn(K) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = RwSignal::new(Remote::<T>::Loading(None));
    let key = std::rc::Rc::new(key);
    let track = {
        let key = key.clone();
        Box::new(move || {
            key();
        }) as Box<dyn Fn()>
    };
    let retry = drive(starter(move || key(), fetch, state), Some(track));
    Fetched { state, retry }
}

/// What starts one request of [`use_remote`]: marks the state loading (the last answer stays
/// on screen meanwhile) and settles it with the answer.
fn starter<K, T, F, Fut>(
    key: impl Fn() -> K + 'static,
    fetch: F,
    state: RwSignal<Remote<T>>,
) -> Box<dyn Fn() -> Started>
where
    K: 'static,
    T: Clone + Send + Sync + 'static,
    F: Fn(K) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    Box::new(move || {
        let k = key();
        // The last answer stays on screen while the new one loads: moved, not copied.
        state.update(|s| {
            let last = std::mem::replace(s, Remote::Loading(None)).into_latest();
            *s = Remote::Loading(last);
        });
        let request = fetch(k);
        Box::pin(async move {
            let result = request.await;
            Box::new(move || {
                state.update(|s| {
                    let last = std::mem::replace(s, Remote::Loading(None)).into_latest();
                    *s = match (result, last) {
                        (Ok(t), _) => Remote::Ready(t),
                        (Err(e), Some(last)) if e.retryable() => Remote::Stale(e, last),
                        (Err(e), _) => Remote::Failed(e),
                    };
                });
            }) as Settle
        }) as Started
    })
}

/// Runs `start` now, again whenever the signals it reads change or Retry is pressed; drops
/// (and so cancels) the request nobody waits for any more, and settles only the newest. With
/// `eager`, the first request starts at once, and the effect's first run only reads the key
/// (through `eager`) to follow its signals.
pub(super) fn drive(start: Box<dyn Fn() -> Started>, eager: Option<Box<dyn Fn()>>) -> Callback<()> {
    let retries = RwSignal::new(0u64);
    let generation = StoredValue::new(0u64);
    let in_flight: StoredValue<Option<AbortHandle>> = StoredValue::new(None);
    let launch = move |request: Started| {
        let gen = generation.get_value() + 1;
        generation.set_value(gen);
        // Dropping the older request's future aborts its HTTP call too.
        if let Some(old) = in_flight.get_value() {
            old.abort();
        }
        let (request, handle) = abortable(request);
        in_flight.set_value(Some(handle));
        leptos::task::spawn_local(async move {
            if let Ok(settle) = request.await {
                if generation.try_get_value() == Some(gen) {
                    settle();
                }
            }
        });
    };
    if eager.is_some() {
        launch(untrack(&start));
    }
    let track = eager;
    Effect::new(move |ran: Option<()>| {
        retries.track();
        match (&track, ran) {
            (Some(track), None) => track(),
            _ => launch(start()),
        }
    });

    on_cleanup(move || {
        if let Some(Some(h)) = in_flight.try_get_value() {
            h.abort();
        }
    });

    Callback::new(move |_| retries.update(|n| *n += 1))
}
