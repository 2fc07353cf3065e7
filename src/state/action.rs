//! An action the admin starts (an export, a long job): one at a time, its outcome kept for the
//! view, and cancelled when its component leaves the page (a hook, so no component spawns a
//! task of its own).

use futures::future::{abortable, AbortHandle};
use leptos::prelude::*;
use std::future::Future;

/// What [`use_action`] gives.
pub struct Action<I: 'static, O: 'static> {
    /// Whether the action is under way.
    pub pending: RwSignal<bool>,
    /// How the last run ended (none before the first, and while one is under way).
    pub outcome: RwSignal<Option<O>>,
    /// Starts the action with its input, unless it is already under way.
    pub run: Callback<I>,
    /// Stops the run under way, if any; it leaves no outcome.
    pub cancel: Callback<()>,
}

impl<I, O> Clone for Action<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, O> Copy for Action<I, O> {}

/// Runs `act(input)` on [`Action::run`], one run at a time.
pub fn use_action<I, O, F, Fut>(act: F) -> Action<I, O>
where
    I: 'static,
    O: Send + Sync + 'static,
    F: Fn(I) -> Fut + 'static,
    Fut: Future<Output = O> + 'static,
{
    let pending = RwSignal::new(false);
    let outcome = RwSignal::new(None::<O>);
    let act = StoredValue::new_local(act);
    let task = StoredValue::new(None::<AbortHandle>);
    let run = Callback::new(move |input: I| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        outcome.set(None);
        let (work, handle) = abortable(act.with_value(|f| f(input)));
        task.set_value(Some(handle));
        leptos::task::spawn_local(async move {
            if let Ok(o) = work.await {
                outcome.try_set(Some(o));
                pending.try_set(false);
            }
        });
    });
    let cancel = Callback::new(move |()| {
        if let Some(t) = task.get_value() {
            t.abort();
        }
        pending.set(false);
    });
    on_cleanup(move || {
        if let Some(Some(t)) = task.try_get_value() {
            t.abort();
        }
    });
    Action {
        pending,
        outcome,
        run,
        cancel,
    }
}
