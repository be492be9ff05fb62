//! The passkey block of the sign-in, recovery and account pages (`domain::staff_pages`),
//! shown where this browser can do its ceremony: sign in with a passkey (by a prompt, or
//! picked from the username field's autofill), add one to the account, or make one from a
//! sign-in link. Each is two calls around the browser's prompt: the server answers with the
//! options; the browser makes or uses the passkey; the server checks the answer and sends
//! the browser on (its `Location`). A refusal is said in the block.

use std::{cell::RefCell, rc::Rc};

use domain::Sentence;
use domain::staff_pages::{self as page, Ceremony};
use wasm_bindgen_futures::spawn_local;
use web_sys::{AbortController, AbortSignal, HtmlButtonElement, HtmlElement, HtmlInputElement};

use crate::dom::{by_id, on};
use crate::words::{say, t};
use crate::{api, dom};

pub fn enhance() {
    let Some(block) = by_id::<HtmlElement>(page::PASSKEY_BLOCK) else { return };
    let Some(ceremony) =
        block.get_attribute(page::CEREMONY_ATTRIBUTE).and_then(|name| Ceremony::from_name(&name))
    else {
        return;
    };
    let token = block.get_attribute(page::TOKEN_ATTRIBUTE);
    spawn_local(async move {
        let able = match ceremony.creates() {
            true => passkey_browser::can_create().await,
            false => passkey_browser::can_sign_in(),
        };
        if !able {
            return;
        }
        block.set_hidden(false);
        let autofill = Autofill::default();
        if ceremony == Ceremony::SignIn && passkey_browser::offers_autofill().await {
            autofill.wait();
        }
        let Some(button) = by_id::<HtmlButtonElement>(page::PASSKEY_BUTTON) else { return };
        let busy = Rc::new(std::cell::Cell::new(false));
        let target = button.clone();
        on(&target, "click", move |_| {
            if busy.replace(true) {
                return;
            }
            // The autofill's wait would hold the browser's one WebAuthn request.
            autofill.stop();
            let (button, token, busy) = (button.clone(), token.clone(), busy.clone());
            spawn_local(async move {
                let label = button.text_content();
                button.set_disabled(true);
                button.set_text_content(Some(&t("setup-waiting-for-passkey")));
                problem(None);
                match run(ceremony, token.as_deref(), None).await {
                    Ok(next) => return dom::go_to(&next),
                    Err(Refused::Browser(failure)) => problem(Some(&say(&failure.message()))),
                    Err(Refused::Said(sentence)) => problem(Some(&sentence)),
                }
                button.set_disabled(false);
                button.set_text_content(label.as_deref());
                busy.set(false);
            });
        });
    });
}

/// Why a ceremony came to nothing: the browser's failure, or the server's refusal in words.
enum Refused {
    Browser(passkey_browser::Failure),
    Said(String),
}

/// Runs `ceremony`; where the server sends the browser next, or why not. With `autofill`,
/// the browser waits for a passkey picked in the username's suggestions.
async fn run(
    ceremony: Ceremony,
    token: Option<&str>,
    autofill: Option<&AbortSignal>,
) -> Result<String, Refused> {
    let (begin, finish) = ceremony.paths();
    let token: Vec<_> = token.map(|token| (page::TOKEN_FIELD, token)).into_iter().collect();
    let (_, options) = call(begin, &token).await.map_err(Refused::Said)?;
    let options = serde_json::from_str::<String>(&options)
        .map_err(|_| Refused::Said(t("network-unreachable")))?;
    let credential = match ceremony.creates() {
        true => passkey_browser::create(&options).await,
        false => passkey_browser::get(&options, autofill.is_some(), autofill).await,
    }
    .map_err(Refused::Browser)?;
    let mut fields = token;
    fields.push((page::CREDENTIAL_FIELD, &credential));
    let next = next_field();
    if let Some(next) = next.as_deref().filter(|next| !next.is_empty()) {
        fields.push((page::NEXT_FIELD, next));
    }
    let (location, _) = call(finish, &fields).await.map_err(Refused::Said)?;
    Ok(location.unwrap_or_else(|| "/account".to_owned()))
}

/// Posts `fields` to the server function at `path`: its `Location` and body, or its refusal
/// in words (the server's own sentence, `ServerError|…`).
async fn call(path: &str, fields: &[(&str, &str)]) -> Result<(Option<String>, String), String> {
    let params = api::fields(fields).ok_or_else(|| t("network-unreachable"))?;
    let answer = api::send(path, &params).await?;
    Ok((answer.location, answer.body))
}

/// The sign-in form's "where to go next", if any.
fn next_field() -> Option<String> {
    let selector = format!("input[name={}]", page::NEXT_FIELD);
    let input = dom::document()?.query_selector(&selector).ok().flatten()?;
    Some(wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(input).ok()?.value())
}

/// Says `sentence` in the block, or hides what it said.
fn problem(sentence: Option<&str>) {
    if let Some(problem) = by_id::<HtmlElement>(page::PASSKEY_PROBLEM) {
        problem.set_text_content(sentence);
        problem.set_hidden(sentence.is_none());
    }
}

/// The username autofill's wait for a passkey, which a press of the button stops.
#[derive(Clone, Default)]
struct Autofill(Rc<RefCell<Option<AbortController>>>);

impl Autofill {
    /// Waits, in the background, for a passkey picked in the username's suggestions, then
    /// signs in with it. Only a refusal by the server is said: the wait ending (stopped, or
    /// nothing picked) is not news.
    fn wait(&self) {
        let Ok(controller) = AbortController::new() else { return };
        let signal = controller.signal();
        *self.0.borrow_mut() = Some(controller);
        spawn_local(async move {
            match run(Ceremony::SignIn, None, Some(&signal)).await {
                Ok(next) => dom::go_to(&next),
                Err(Refused::Said(sentence)) => problem(Some(&sentence)),
                Err(Refused::Browser(_)) => {}
            }
        });
    }

    fn stop(&self) {
        if let Some(controller) = self.0.borrow_mut().take() {
            controller.abort();
        }
    }
}
