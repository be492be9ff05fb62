//! The plain forms of the pages after setup (sign-in, "forgot", a sign-in link's password,
//! every change on the account page), sent without a page load: a refusal is said above the
//! form and everything typed stays, as it would not after a plain post's round trip; a change
//! that went through goes where the server sends the browser (its `Location`), as the plain
//! post would have. Without this script each is a plain form (post/redirect/get).
//!
//! The setup form is sent by `setup`; a form that leaves the site's server functions (a trip
//! to the school's provider) is posted as it is, its button disabled so a double tap sends it
//! once.

use std::{cell::Cell, rc::Rc};

use wasm_bindgen::JsCast;
use web_sys::{Element, Event, FormData, HtmlFormElement, UrlSearchParams};

use crate::dom::{document, on, submit_button, window};
use crate::words::t;
use crate::{api, dom};

/// Where the page's server functions are.
const SERVER_FUNCTIONS: &str = "/api/";

pub fn enhance() {
    let Some(forms) = document().and_then(|d| d.query_selector_all("form").ok()) else { return };
    let mut posted_as_they_are = Vec::new();
    for form in (0..forms.length()).filter_map(|i| forms.item(i)) {
        let Ok(form) = form.dyn_into::<HtmlFormElement>() else { continue };
        // The attribute, not `form.id`: a form with a field named "id" (a passkey's rename
        // form) answers `form.id` with that field, which wasm-bindgen can't read as a string.
        if form.get_attribute("id").as_deref() == Some(domain::invite_page::SETUP_FORM) {
            continue;
        }
        let action = form.get_attribute("action").unwrap_or_default();
        if action.starts_with(SERVER_FUNCTIONS) {
            send_without_reload(form, action);
        } else if let Some(button) = submit_button(&form).filter(|b| !b.disabled()) {
            // One disabled by the page stays so, whatever the history does.
            posted_as_they_are.push(button.clone());
            on(&form, "submit", move |_| button.set_disabled(true));
        }
    }
    // Enabled again when the browser shows the page from its history.
    if let Some(window) = window() {
        on(&window, "pageshow", move |_| {
            for button in &posted_as_they_are {
                button.set_disabled(false);
            }
        });
    }
}

fn send_without_reload(form: HtmlFormElement, action: String) {
    let sending = Rc::new(Cell::new(false));
    let target = form.clone();
    on(&target, "submit", move |event: Event| {
        event.prevent_default();
        if sending.replace(true) {
            return;
        }
        let (form, action, sending) = (form.clone(), action.clone(), sending.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let button = submit_button(&form);
            if let Some(button) = &button {
                button.set_disabled(true);
            }
            match send(&form, &action).await {
                Ok(next) => return dom::go_to(&next),
                Err(sentence) => say(&form, &sentence),
            }
            if let Some(button) = &button {
                button.set_disabled(false);
            }
            sending.set(false);
        });
    });
}

/// Sends `form` to its server function: where to go next, or the refusal in words.
async fn send(form: &HtmlFormElement, action: &str) -> Result<String, String> {
    let unreachable = || t("network-unreachable");
    let data = FormData::new_with_form(form).map_err(|_| unreachable())?;
    let fields =
        UrlSearchParams::new_with_str_sequence_sequence(&data).map_err(|_| unreachable())?;
    let answer = api::send(action, &fields).await?;
    // No `Location`: the plain post would have come back to this page.
    Ok(answer.location.or_else(|| window()?.location().href().ok()).unwrap_or_default())
}

/// Says `sentence` in the alert just above `form`, made the first time.
fn say(form: &HtmlFormElement, sentence: &str) {
    let previous = form.previous_element_sibling().filter(is_our_alert);
    let alert = match previous {
        Some(alert) => alert,
        None => {
            let Some(alert) = dom::element("p", Some("alert"), None) else { return };
            let _ = alert.set_attribute("role", "alert");
            let _ = alert.set_attribute(ALERT_MARK, "");
            let _ = form.before_with_node_1(&alert);
            alert
        }
    };
    alert.set_text_content(Some(sentence));
}

/// The attribute marking an alert this script put above a form.
const ALERT_MARK: &str = "data-refusal";

fn is_our_alert(element: &Element) -> bool {
    element.has_attribute(ALERT_MARK)
}
