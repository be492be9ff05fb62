//! A passkey instead of a password, on the setup form, where this browser can make one (it
//! has WebAuthn's JSON helpers and a built-in authenticator that verifies the person). The
//! passkey block then replaces the password; "Use a password instead" swaps them back.
//!
//! Creating one is two calls around the browser's prompt: the server checks the form and
//! answers with the creation options; the browser makes the passkey; the server verifies it
//! and creates the account in the same step that ends the link. A refusal shows as the
//! password's submit shows it.

use domain::{FormField, SetupError, invite_page};
use web_sys::{HtmlButtonElement, HtmlElement, HtmlInputElement};

use crate::dom::{by_id, on};
use crate::username::Checker;
use crate::{api, dom, setup};

pub fn enhance(token: String, username: Option<Checker>) {
    let (Some(passkey_way), Some(password_way)) = (
        by_id::<HtmlElement>(invite_page::PASSKEY_WAY),
        by_id::<HtmlElement>(invite_page::PASSWORD_WAY),
    ) else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        if !passkey_browser::can_create().await {
            return;
        }
        let use_passkey = by_id::<HtmlElement>(invite_page::USE_PASSKEY);
        let show = {
            let (passkey_way, password_way, use_passkey) =
                (passkey_way.clone(), password_way.clone(), use_passkey.clone());
            move |passkey: bool| {
                passkey_way.set_hidden(!passkey);
                if let Some(field) = by_id::<HtmlInputElement>(FormField::Password.input_id()) {
                    field.set_required(!passkey);
                    if let Ok(Some(block)) = field.closest(".field") {
                        let _ = block.toggle_attribute_with_force("hidden", passkey);
                    }
                }
                if let Some(submit) = dom::submit_button(&password_way) {
                    submit.set_hidden(passkey);
                }
                if let Some(link) = &use_passkey {
                    link.set_hidden(passkey);
                }
            }
        };
        show(true);
        if let Some(link) = by_id::<HtmlElement>(invite_page::USE_PASSWORD) {
            let show = show.clone();
            on(&link, "click", move |_| {
                show(false);
                let _ = by_id::<HtmlElement>(FormField::Password.input_id()).map(|f| f.focus());
            });
        }
        if let Some(link) = use_passkey {
            let show = show.clone();
            on(&link, "click", move |_| show(true));
        }
        let Some(button) = by_id::<HtmlButtonElement>(invite_page::PASSKEY_CREATE) else {
            return;
        };
        let busy = std::rc::Rc::new(std::cell::Cell::new(false));
        let target = button.clone();
        on(&target, "click", move |_| {
            if busy.replace(true) {
                return;
            }
            let (button, token, username, busy) =
                (button.clone(), token.clone(), username.clone(), busy.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let label = button.text_content();
                button.set_disabled(true);
                button.set_text_content(Some(&crate::words::t("setup-waiting-for-passkey")));
                create(&token, username.as_ref()).await;
                button.set_disabled(false);
                button.set_text_content(label.as_deref());
                busy.set(false);
            });
        });
    });
}

async fn create(token: &str, username: Option<&Checker>) {
    if let Some(username) = username {
        username.cancel();
    }
    let sent = setup::draft();
    let mut pairs = vec![
        (invite_page::TOKEN_FIELD, token),
        (FormField::FullName.name(), sent.full_name.as_str()),
        (FormField::Phone.name(), sent.phone.as_str()),
        (FormField::Username.name(), sent.username.as_str()),
    ];
    if let Some(email) = &sent.email {
        pairs.push((FormField::Email.name(), email));
    }
    let begun = match api::fields(&pairs) {
        Some(fields) => api::call(invite_page::PASSKEY_SETUP_BEGIN, &fields).await,
        None => None,
    };
    let options = match begun {
        Some(answer) if answer.ok() => serde_json::from_str::<String>(&answer.body).ok(),
        Some(answer) => return setup::refused(refusal(&answer.body), sent, username),
        None => return setup::refused(SetupError::Network("no answer".into()), sent, username),
    };
    let Some(options) = options else {
        return setup::refused(SetupError::Unexpected, sent, username);
    };
    let credential = match passkey_browser::create(&options).await {
        Ok(credential) => credential,
        Err(failure) => {
            return setup::refused(
                SetupError::Passkey(domain::Sentence::message(&failure)),
                sent,
                username,
            );
        }
    };
    let pairs = [(invite_page::TOKEN_FIELD, token), (invite_page::CREDENTIAL_FIELD, &credential)];
    let finished = match api::fields(&pairs) {
        Some(fields) => api::call(invite_page::PASSKEY_SETUP_FINISH, &fields).await,
        None => None,
    };
    match finished {
        Some(answer) if answer.ok() => {
            dom::go_to(answer.location.as_deref().unwrap_or("/account?welcome=1"));
        }
        Some(answer) => setup::refused(refusal(&answer.body), sent, username),
        None => setup::refused(SetupError::Network("no answer".into()), sent, username),
    }
}

fn refusal(body: &str) -> SetupError {
    serde_json::from_str::<SetupError>(body).unwrap_or(SetupError::Unexpected)
}
