//! Toasts: the outcome of an action, announced politely to screen readers, each with a close
//! button, gone by themselves after a few seconds.

use std::time::Duration;

use leptos::prelude::*;

const SHOWN_FOR: Duration = Duration::from_secs(6);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Toast {
    id: u64,
    error: bool,
    text: String,
}

/// The page's toasts; `provide` it once, then `expect_context::<Toasts>()`.
#[derive(Clone, Copy)]
pub struct Toasts {
    shown: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u64>,
}

impl Toasts {
    pub fn provide() -> Self {
        let toasts = Toasts { shown: RwSignal::new(Vec::new()), next_id: StoredValue::new(0) };
        provide_context(toasts);
        toasts
    }

    pub fn success(self, text: impl Into<String>) {
        self.push(false, text.into());
    }

    pub fn error(self, text: impl Into<String>) {
        self.push(true, text.into());
    }

    fn push(self, error: bool, text: String) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.shown.update(|shown| shown.push(Toast { id, error, text }));
        set_timeout(move || self.dismiss(id), SHOWN_FOR);
    }

    fn dismiss(self, id: u64) {
        self.shown.update(|shown| shown.retain(|t| t.id != id));
    }
}

#[component]
pub fn ToastRegion(toasts: Toasts) -> impl IntoView {
    view! {
        <div class="toasts" role="status" aria-live="polite">
            <For each=move || toasts.shown.get() key=|toast| toast.id let(toast)>
                <div class="toast" class:toast-error=toast.error>
                    <span class="toast-icon" aria-hidden="true">{if toast.error { "!" } else { "✓" }}</span>
                    <p>{toast.text.clone()}</p>
                    <button type="button" class="icon-button" aria-label=super::words::t("admin-dismiss")
                        on:click=move |_| toasts.dismiss(toast.id)>"×"</button>
                </div>
            </For>
        </div>
    }
}
