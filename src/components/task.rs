//! Work a view starts in the background (a server call from a click, a debounced check):
//! it ends with the view. A task that outlived its page (a username check answered after
//! the setup form navigated to the account page, say) would touch signals that were disposed
//! with the page, and that panics the whole WASM module.

use std::{
    future::Future,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    task::Poll,
};

use leptos::prelude::*;

/// The tasks of one component: made in the component's body, they stop with it. Tied to the
/// component rather than to the event handler that starts them, since a handler's own owner
/// may be a branch the task's first update replaces (a `<Show>` turning from "Preview" to
/// "Sending", say).
#[derive(Clone, Copy)]
pub struct Tasks {
    alive: StoredValue<Arc<AtomicBool>>,
}

impl Tasks {
    /// The tasks of the component being built now.
    pub fn of_this_view() -> Self {
        let alive = Arc::new(AtomicBool::new(true));
        on_cleanup({
            let alive = alive.clone();
            move || alive.store(false, Ordering::SeqCst)
        });
        Self { alive: StoredValue::new(alive) }
    }

    /// Runs `task` until it ends or the view is gone: once the view is disposed the task is
    /// never polled again, so nothing after its next `.await` runs.
    pub fn spawn(self, task: impl Future<Output = ()> + 'static) {
        let Some(alive) = self.alive.try_get_value() else { return };
        let mut task = Box::pin(task);
        #[allow(clippy::disallowed_methods)] // the one place that spawns
        leptos::task::spawn_local(std::future::poll_fn(move |cx| {
            if !alive.load(Ordering::SeqCst) {
                return Poll::Ready(());
            }
            task.as_mut().poll(cx)
        }));
    }
}
