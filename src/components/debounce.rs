//! Debouncing for checks while typing: only the last of quickly repeated calls runs, a fixed
//! delay after it.

use std::time::Duration;

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Debounce {
    delay: Duration,
    pending: StoredValue<Option<TimeoutHandle>>,
}

impl Debounce {
    pub fn new(delay: Duration) -> Self {
        Self { delay, pending: StoredValue::new(None) }
    }

    /// Forgets the call waiting to run, if any.
    pub fn cancel(self) {
        if let Some(timer) = self.pending.get_value() {
            timer.clear();
        }
        self.pending.set_value(None);
    }

    /// Runs `work` after the delay, unless another call (or `cancel`) comes first.
    pub fn run(self, work: impl FnOnce() + 'static) {
        self.cancel();
        self.pending.set_value(set_timeout_with_handle(work, self.delay).ok());
    }
}
