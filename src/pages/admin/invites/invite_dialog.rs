//! "Invite User": role and email, with the address checked while typing (debounced) against
//! accounts and open invitations. The server checks again, atomically, on submit.

use std::time::Duration;

use leptos::prelude::*;

use crate::components::task::Tasks;

use crate::api::error_sentence;
use crate::api::invitations::{CreateInvitation, check_invite_email};
use crate::components::words::{say, t, use_words};
use crate::components::{debounce::Debounce, modal::Modal, toast::Toasts};
use crate::domain::{Email, EmailAvailability, Message, Role, Sentence};

const DEBOUNCE: Duration = Duration::from_millis(300);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Check {
    Idle,
    Checking,
    Answer(EmailAvailability),
}

#[component]
pub fn InviteDialog(open: RwSignal<bool>, on_invited: Callback<i64>) -> impl IntoView {
    let tasks = Tasks::of_this_view();
    let toasts = expect_context::<Toasts>();
    let create = ServerAction::<CreateInvitation>::new();
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Teacher);
    // Empty: the school's language.
    let language = RwSignal::new(String::new());
    let languages = use_words().languages.clone();
    let check = RwSignal::new(Check::Idle);
    let asked = StoredValue::new(0u64);
    let debounce = Debounce::new(DEBOUNCE);

    // Each opening starts empty.
    Effect::new(move |_| {
        if open.get() {
            email.set(String::new());
            language.set(String::new());
            check.set(Check::Idle);
            create.value().set(None);
        }
    });
    let on_input = move |ev| {
        let typed = event_target_value(&ev);
        email.set(typed.clone());
        debounce.cancel();
        let ticket = asked.get_value() + 1;
        asked.set_value(ticket);
        if typed.trim().is_empty() || Email::parse(&typed).is_err() {
            check.set(Check::Idle);
            return;
        }
        check.set(Check::Checking);
        debounce.run(move || {
            tasks.spawn(async move {
                let answer = check_invite_email(typed).await;
                if asked.get_value() == ticket {
                    check.set(match answer {
                        Ok(answer) => Check::Answer(answer),
                        // Not a verdict: the submit checks again.
                        Err(_) => Check::Idle,
                    });
                }
            });
        });
    };
    let on_blur = move |_| {
        if let Err(e) = Email::parse(&email.get_untracked())
            && !email.get_untracked().trim().is_empty()
        {
            check.set(Check::Answer(EmailAvailability::Invalid(e.message())));
        }
    };
    let blocked = move || {
        matches!(
            check.get(),
            Check::Answer(
                EmailAvailability::UserExists
                    | EmailAvailability::AlreadyInvited
                    | EmailAvailability::Invalid(_)
            )
        )
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if blocked() || create.pending().get_untracked() {
            return;
        }
        let typed = email.get_untracked();
        if let Err(e) = Email::parse(&typed) {
            check.set(Check::Answer(EmailAvailability::Invalid(e.message())));
            return;
        }
        create.dispatch(CreateInvitation {
            email: typed,
            role: role.get_untracked().label().into(),
            language: Some(language.get_untracked()).filter(|tag| !tag.is_empty()),
        });
    };
    // The outcome: close and confirm, or say why in the dialog.
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            let sent = Message::new("invite-sent").text("email", email.get_untracked().trim());
            toasts.success(say(&sent));
            open.set(false);
            on_invited.run(id);
        }
    });
    let server_error =
        move || create.value().get().and_then(Result::err).map(|e| error_sentence(&e));
    let status = move || match check.get() {
        Check::Idle => None,
        Check::Checking => Some(("muted", t("invite-checking"))),
        Check::Answer(EmailAvailability::Available) => Some(("ok", t("invite-email-free"))),
        Check::Answer(EmailAvailability::UserExists) => {
            Some(("taken", t("invite-email-user-exists")))
        }
        Check::Answer(EmailAvailability::AlreadyInvited) => {
            Some(("taken", t("invite-email-invited")))
        }
        Check::Answer(EmailAvailability::Invalid(message)) => {
            Some(("taken", format!("✗ {}", say(&message))))
        }
    };

    view! {
        <Modal open id="invite" title=Signal::derive(|| t("invite-user"))
            on_close=Callback::new(move |_| open.set(false))>
            <form class="form" novalidate on:submit=submit>
                <div class="field">
                    <label for="invite-role">{t("invite-role")}</label>
                    <select id="invite-role" on:change=move |ev| {
                        role.set(Role::parse_invitable(&event_target_value(&ev)).unwrap_or(Role::Teacher))
                    }>
                        <option value="Teacher" selected=move || role.get() == Role::Teacher>
                            {say(&Role::Teacher.message())}
                        </option>
                        <option value="Admin Staff" selected=move || role.get() == Role::AdminStaff>
                            {say(&Role::AdminStaff.message())}
                        </option>
                    </select>
                </div>
                <div class="field">
                    <label for="invite-language">{t("invite-language")}</label>
                    <p class="field-hint" id="invite-language-hint">{t("invite-language-hint")}</p>
                    <select id="invite-language" aria-describedby="invite-language-hint"
                        on:change=move |ev| language.set(event_target_value(&ev))>
                        <option value="" selected=move || language.get().is_empty()>
                            {t("invite-school-default")}
                        </option>
                        {languages.clone().into_iter().map(|(tag, name)| {
                            let value = tag.clone();
                            view! {
                                <option value=tag.clone() lang=tag selected=move || language.get() == value>
                                    {name}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="invite-email">{t("invite-email-address")}</label>
                    <input id="invite-email" type="email" autocomplete="off" autocapitalize="none"
                        spellcheck="false" required prop:value=move || email.get()
                        aria-describedby="invite-email-status"
                        aria-invalid=move || blocked().to_string()
                        on:input=on_input on:blur=on_blur/>
                    <p class="field-status" id="invite-email-status" aria-live="polite">
                        {move || status().map(|(class, text)| view! { <span class=class>{text}</span> })}
                    </p>
                </div>
                {move || server_error().map(|message| view! { <p class="alert" role="alert">{message}</p> })}
                <div class="modal-actions">
                    <button type="button" class="button secondary" on:click=move |_| open.set(false)>{t("page-cancel")}</button>
                    <button type="submit" class="button" disabled=move || blocked() || create.pending().get()>
                        {move || t(if create.pending().get() { "invite-inviting" } else { "invite-send" })}
                    </button>
                </div>
            </form>
        </Modal>
    }
}
