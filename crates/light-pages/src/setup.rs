//! The setup form: its fields' checks, "link opened", and the submit sent without a page
//! load, so a mistake keeps everything typed, the password too. The server stays the
//! authority: its answer decides, and without this script the form posts as it is.

use domain::{FormField, Sentence, SetupDraft, SetupError, invite_page};
use web_sys::{Element, Event, HtmlElement, HtmlFormElement};

use crate::dom::{append, by_id, element, on};
use crate::username::{Availability, Checker};
use crate::words::{say, t};
use crate::{api, dom, fields, not_saved, password};

pub fn enhance() {
    let Some(form) = by_id::<HtmlFormElement>(invite_page::SETUP_FORM) else { return };
    let Some(token) = form
        .query_selector(&format!("input[name={}]", invite_page::TOKEN_FIELD))
        .ok()
        .flatten()
        .and_then(|input| input.get_attribute("value"))
    else {
        return;
    };
    fields::enhance();
    password::enhance();
    let username = Checker::enhance(&token);
    opened(token.clone());
    crate::passkey::enhance(token.clone(), username.clone());
    fields::replay_typed();

    let sending = std::rc::Rc::new(std::cell::Cell::new(false));
    let target = form.clone();
    on(&target, "submit", move |event: Event| {
        event.prevent_default();
        if sending.replace(true) {
            return;
        }
        let (form, token, username, sending) =
            (form.clone(), token.clone(), username.clone(), sending.clone());
        wasm_bindgen_futures::spawn_local(async move {
            submit(&form, &token, username.as_ref()).await;
            sending.set(false);
        });
    });
}

/// Tells the dashboard a person opened the link: a mail scanner's plain GET never runs this.
fn opened(token: String) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Some(fields) = api::fields(&[(invite_page::TOKEN_FIELD, &token)]) {
            let _ = api::call(invite_page::INVITATION_OPENED, &fields).await;
        }
    });
}

/// What was typed, all but the password.
pub(crate) fn draft() -> SetupDraft {
    SetupDraft {
        email: fields::chosen_email().map(|input| input.value()),
        full_name: fields::value(FormField::FullName),
        phone: fields::value(FormField::Phone),
        username: fields::value(FormField::Username),
    }
}

async fn submit(form: &HtmlFormElement, token: &str, username: Option<&Checker>) {
    if let Some(username) = username {
        username.cancel();
    }
    let button = dom::submit_button(form);
    let label = button.as_ref().and_then(|b| b.text_content());
    if let Some(button) = &button {
        button.set_disabled(true);
        button.set_text_content(Some(&t("setup-creating")));
    }
    let sent = draft();
    // The form's own action: the password's, or the school account's (which has none).
    let action =
        form.get_attribute("action").unwrap_or_else(|| invite_page::ACCEPT_INVITATION.into());
    let password = fields::input(FormField::Password).map(|input| input.value());
    let mut pairs = vec![
        (invite_page::TOKEN_FIELD, token),
        (FormField::FullName.name(), sent.full_name.as_str()),
        (FormField::Phone.name(), sent.phone.as_str()),
        (FormField::Username.name(), sent.username.as_str()),
    ];
    if let Some(password) = &password {
        pairs.push((FormField::Password.name(), password));
    }
    if let Some(email) = &sent.email {
        pairs.push((FormField::Email.name(), email));
    }
    let answer = match api::fields(&pairs) {
        Some(fields) => api::call(&action, &fields).await,
        None => None,
    };
    let problem = match answer {
        // Created and signed in: on to the account page.
        Some(answer) if answer.ok() => {
            dom::go_to(answer.location.as_deref().unwrap_or("/account?welcome=1"));
            return;
        }
        Some(answer) => {
            serde_json::from_str::<SetupError>(&answer.body).unwrap_or(SetupError::Unexpected)
        }
        None => SetupError::Network("no answer".into()),
    };
    if let Some(button) = &button {
        button.set_disabled(false);
        button.set_text_content(label.as_deref());
    }
    refused(problem, sent, username);
}

/// Shows why no account was created: beside each field and in the summary. A link that
/// stopped working has its own page, which shows what was typed.
pub(crate) fn refused(problem: SetupError, sent: SetupDraft, username: Option<&Checker>) {
    fields::clear_all();
    match &problem {
        SetupError::Fields(errors) => {
            for error in errors {
                fields::show(error.field, Some(&say(&error.message)));
            }
        }
        SetupError::UsernameTaken { suggestions } => {
            fields::show(FormField::Username, Some(&say(&problem.message())));
            if let Some(username) = username {
                username.show(Availability::Taken(suggestions));
            }
        }
        SetupError::Link(_) => {
            not_saved::keep(&sent);
            if let Some(path) = dom::path() {
                dom::go_to(&format!("{path}?not_created=1"));
            }
            return;
        }
        _ => {}
    }
    summarise(&problem);
}

/// The list at the top, each problem linked to its field; focused, so it is read out.
fn summarise(problem: &SetupError) {
    let (Some(summary), Some(list)) = (
        by_id::<HtmlElement>(invite_page::ERROR_SUMMARY),
        by_id::<Element>(invite_page::ERROR_SUMMARY_LIST),
    ) else {
        return;
    };
    list.set_text_content(None);
    let links: Vec<(&str, String)> = match problem {
        SetupError::Fields(errors) => {
            errors.iter().map(|e| (e.field.input_id(), say(&e.message))).collect()
        }
        SetupError::UsernameTaken { .. } => {
            vec![(FormField::Username.input_id(), say(&problem.message()))]
        }
        _ => Vec::new(),
    };
    if links.is_empty() {
        if let Some(sentence) = element("p", None, Some(&say(&problem.message()))) {
            append(&list, &[&sentence]);
        }
    } else if let Some(items) = element("ul", None, None) {
        for (id, message) in links {
            let (Some(item), Some(link)) =
                (element("li", None, None), element("a", None, Some(&message)))
            else {
                continue;
            };
            let _ = link.set_attribute("href", &format!("#{id}"));
            append(&item, &[&link]);
            append(&items, &[&item]);
        }
        append(&list, &[&items]);
    }
    summary.set_hidden(false);
    let _ = summary.focus();
}
