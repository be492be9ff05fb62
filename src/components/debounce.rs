//! Debouncing for checks while typing: only the last of quickly repeated calls runs, a fixed
//! delay after it, and never once the view that made the debouncer is gone.

use std::time::Duration;

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Debounce {
    delay: Duration,
    pending: StoredValue<Option<TimeoutHandle>>,
}

impl Debounce {
    pub fn new(delay: Duration) -> Self {
        let debounce = Self { delay, pending: StoredValue::new(None) };
        on_cleanup(move || debounce.cancel());
        debounce
    }

    /// Forgets the call waiting to run, if any.
    pub fn cancel(self) {
        if let Some(Some(timer)) = self.pending.try_get_value() {
            timer.clear();
        }
        self.pending.try_set_value(None);
    }

    /// Runs `work` after the delay, unless another call (or `cancel`) comes first.
    pub fn run(self, work: impl FnOnce() + 'static) {
        self.cancel();
        self.pending.try_set_value(set_timeout_with_handle(work, self.delay).ok());
    }
}
