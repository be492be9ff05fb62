//! A modal dialog on the native `<dialog>` element: the browser traps focus inside it,
//! closes it on Escape and returns focus to what opened it.

use leptos::{html, prelude::*};

#[component]
pub fn Modal(
    /// Open while true.
    #[prop(into)]
    open: Signal<bool>,
    /// Called when the person closes it (Escape or the close button).
    on_close: Callback<()>,
    /// The heading's id, which labels the dialog.
    id: &'static str,
    title: Signal<String>,
    #[prop(optional)] class: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        if open.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        } else if dialog.open() {
            dialog.close();
        }
    });
    let heading = format!("{id}-title");
    let labelled_by = heading.clone();
    view! {
        <dialog node_ref=dialog class=format!("modal {class}") aria-labelledby=labelled_by
            on:close=move |_| on_close.run(())>
            <div class="modal-head">
                <h2 id=heading>{move || title.get()}</h2>
                <button type="button" class="icon-button" aria-label=super::words::t("admin-close")
                    on:click=move |_| on_close.run(())>"×"</button>
            </div>
            // Rendered only while open, so each opening starts fresh.
            <Show when=move || open.get()>{children()}</Show>
        </dialog>
    }
}
