//! Sending a change to the server from a dialog (a hook): one at a time, pending while under
//! way, its failure kept for the form (which keeps what the admin typed), and never cancelled
//! by the dialog closing or the page changing: a change that was sent lands, and what it does
//! afterwards happens only while its owner is still there (`try_`, never a panic).

use crate::api::ApiError;
use leptos::prelude::*;
use std::future::Future;

/// What [`use_write`] gives.
pub struct Write<I: 'static> {
    /// Whether a change is under way.
    pub pending: RwSignal<bool>,
    /// Why the last change failed, until the next is sent.
    pub failure: RwSignal<Option<ApiError>>,
    /// Sends a change, unless one is already under way.
    pub send: Callback<I>,
}

impl<I> Clone for Write<I> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I> Copy for Write<I> {}

/// Sends `write(input)` on [`Write::send`]; `done` takes the server's answer to a change that
/// succeeded.
pub fn use_write<I, T, F, Fut>(write: F, done: impl Fn(T) + 'static) -> Write<I>
where
    I: 'static,
    T: 'static,
    F: Fn(I) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let write = StoredValue::new_local(write);
    let done = StoredValue::new_local(done);
    let send = Callback::new(move |input: I| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        failure.set(None);
        let Some(request) = write.try_with_value(|w| w(input)) else {
            return;
        };
        leptos::task::spawn_local(async move {
            match request.await {
                Ok(answer) => {
                    done.try_with_value(|d| d(answer));
                }
                Err(e) => {
                    failure.try_set(Some(e));
                }
            }
            pending.try_set(false);
        });
    });
    Write {
        pending,
        failure,
        send,
    }
}
