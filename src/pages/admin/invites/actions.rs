//! The row actions: Resend, Revoke (confirmed first), Correct email and History. Each shows
//! that it is working, then a toast with the outcome; a refusal is said in words the admin
//! can act on.

use leptos::prelude::*;

use crate::components::resource::load;
use crate::components::task::Tasks;

use crate::api::error_sentence;
use crate::api::invitations::{
    correct_invitation_email, invitation_history, resend_invitation, revoke_invitation,
};
use crate::components::words::{say, t};
use crate::components::{modal::Modal, toast::Toasts};
use crate::domain::{Email, InvitationSummary, Message, Sentence};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowAction {
    Resend(InvitationSummary),
    Revoke(InvitationSummary),
    CorrectEmail(InvitationSummary),
    History(InvitationSummary),
}

#[component]
pub fn RowActions(acting: RwSignal<Option<RowAction>>, reload: RwSignal<u64>) -> impl IntoView {
    let tasks = Tasks::of_this_view();
    let toasts = expect_context::<Toasts>();
    let done = move || {
        acting.set(None);
        reload.update(|n| *n += 1);
    };
    // Resend needs no confirmation: it only sends a new link.
    Effect::new(move |_| {
        if let Some(RowAction::Resend(item)) = acting.get() {
            tasks.spawn(async move {
                match resend_invitation(item.id).await {
                    Ok(()) => toasts.success(say(&Message::new("invite-resent")
                        .text("email", &item.email)
                        .number("count", item.resend_count + 1)
                        .number("max", item.max_resends))),
                    Err(e) => toasts.error(error_sentence(&e)),
                }
                done();
            });
        }
    });
    let showing = move |which: fn(&RowAction) -> bool| {
        Signal::derive(move || acting.with(|a| a.as_ref().is_some_and(which)))
    };
    let revoking = showing(|a| matches!(a, RowAction::Revoke(_)));
    let correcting = showing(|a| matches!(a, RowAction::CorrectEmail(_)));
    let history = showing(|a| matches!(a, RowAction::History(_)));
    let close = Callback::new(move |_| acting.set(None));
    let item = move || match acting.get() {
        Some(
            RowAction::Revoke(item) | RowAction::CorrectEmail(item) | RowAction::History(item),
        ) => Some(item),
        _ => None,
    };
    let email_of = move || item().map(|i| i.email).unwrap_or_default();

    view! {
        <Modal open=revoking on_close=close id="revoke" title=Signal::derive(|| t("invite-revoke-title"))>
            {move || item().map(|item| view! { <ConfirmRevoke item on_done=Callback::new(move |_| done())/> })}
        </Modal>
        <Modal open=correcting on_close=close id="correct" title=Signal::derive(move || say(&Message::new("invite-correct-title").text("email", email_of())))>
            {move || item().map(|item| view! { <CorrectEmail item on_done=Callback::new(move |_| done())/> })}
        </Modal>
        <Modal open=history on_close=close id="history" class="drawer" title=Signal::derive(move || say(&Message::new("invite-history-title").text("email", email_of())))>
            {move || item().map(|item| view! { <History item/> })}
        </Modal>
    }
}

#[component]
fn ConfirmRevoke(item: InvitationSummary, on_done: Callback<()>) -> impl IntoView {
    let tasks = Tasks::of_this_view();
    let toasts = expect_context::<Toasts>();
    let pending = RwSignal::new(false);
    let email = item.email.clone();
    let revoke = move |_| {
        pending.set(true);
        let (id, email) = (item.id, item.email.clone());
        tasks.spawn(async move {
            match revoke_invitation(id).await {
                Ok(()) => {
                    toasts.success(say(&Message::new("invite-revoked-done").text("email", email)))
                }
                Err(e) => toasts.error(error_sentence(&e)),
            }
            pending.set(false);
            on_done.run(());
        });
    };
    view! {
        <p>{say(&Message::new("invite-revoke-warning").text("email", email))}</p>
        <div class="modal-actions">
            <button type="button" class="button secondary" on:click=move |_| on_done.run(())>{t("page-cancel")}</button>
            <button type="button" class="button danger" disabled=move || pending.get() on:click=revoke>
                {move || t(if pending.get() { "invite-revoking" } else { "invite-revoke" })}
            </button>
        </div>
    }
}

#[component]
fn CorrectEmail(item: InvitationSummary, on_done: Callback<()>) -> impl IntoView {
    let tasks = Tasks::of_this_view();
    let toasts = expect_context::<Toasts>();
    let pending = RwSignal::new(false);
    let typed = RwSignal::new(item.email.clone());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let email = typed.get_untracked();
        if let Err(e) = Email::parse(&email) {
            error.set(Some(say(&e.message())));
            return;
        }
        pending.set(true);
        let id = item.id;
        tasks.spawn(async move {
            let outcome = correct_invitation_email(id, email.clone()).await;
            // Before `on_done`, which closes the dialog and with it this form's state.
            pending.set(false);
            match outcome {
                Ok(()) => {
                    let corrected = Message::new("invite-corrected").text("email", email.trim());
                    toasts.success(say(&corrected));
                    on_done.run(());
                }
                Err(e) => error.set(Some(error_sentence(&e))),
            }
        });
    };
    view! {
        <form class="form" novalidate on:submit=submit>
            <p class="muted">{t("invite-correct-hint")}</p>
            <div class="field" class:field-invalid=move || error.get().is_some()>
                <label for="correct-email">{t("invite-email-address")}</label>
                <p class="field-error" id="correct-email-error">{move || error.get()}</p>
                <input id="correct-email" type="email" autocomplete="off" autocapitalize="none" spellcheck="false"
                    prop:value=move || typed.get() aria-describedby="correct-email-error"
                    on:input=move |ev| { typed.set(event_target_value(&ev)); error.set(None); }/>
            </div>
            <div class="modal-actions">
                <button type="button" class="button secondary" on:click=move |_| on_done.run(())>{t("page-cancel")}</button>
                <button type="submit" class="button" disabled=move || pending.get()>
                    {move || t(if pending.get() { "invite-sending" } else { "invite-send-here" })}
                </button>
            </div>
        </form>
    }
}

#[component]
fn History(item: InvitationSummary) -> impl IntoView {
    let events = load(move || item.id, invitation_history);
    view! {
        <Suspense fallback=|| view! { <p>{t("invite-history-loading")}</p> }>
            {move || events.get().map(|result| match result {
                Ok(events) => view! {
                    <ol class="history">
                        {events.into_iter().map(|event| view! {
                            <li>
                                <time>{event.at.text}</time>
                                <p><strong>{say(&event.action.message())}</strong>" · "{event.actor}</p>
                                {(!event.details.is_empty()).then(|| view! { <p class="muted">{event.details}</p> })}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any(),
                Err(e) => view! { <p class="alert" role="alert">{error_sentence(&e)}</p> }.into_any(),
            })}
        </Suspense>
    }
}
