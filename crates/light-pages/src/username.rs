//! The username, checked while it is typed: first by the same parser as the server, then
//! (debounced) by the server, which offers free variants when the name is taken. Only the
//! newest answer counts: an older request may return after a newer one.

use std::cell::Cell;
use std::rc::Rc;

use domain::{FormField, Message, Sentence, Username, UsernameCheck, invite_page};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use crate::dom::{append, by_id, cancel_timer, element, on};
use crate::words::{say, t};
use crate::{api, fields};

const DEBOUNCE_MS: i32 = 350;

/// The status line under the field.
pub enum Availability<'a> {
    Unknown,
    Checking,
    Free(&'a str),
    Taken(&'a [String]),
}

/// The field's state: the newest question asked, the pending debounce, and whether the
/// status line says "Checking…".
#[derive(Clone)]
pub struct Checker {
    token: Rc<str>,
    input: HtmlInputElement,
    status: Element,
    asked: Rc<Cell<u64>>,
    timer: Rc<Cell<Option<i32>>>,
    checking: Rc<Cell<bool>>,
}

impl Checker {
    pub fn enhance(token: &str) -> Option<Checker> {
        let input = fields::input(FormField::Username)?;
        let status = by_id::<Element>(invite_page::USERNAME_STATUS)?;
        let checker = Checker {
            token: token.into(),
            input,
            status,
            asked: Rc::default(),
            timer: Rc::default(),
            checking: Rc::default(),
        };
        // Variants from a refused plain submit arrive as names; make them buttons.
        let kept: Vec<String> = checker
            .status
            .query_selector_all(".suggestions code")
            .ok()
            .map(|names| {
                (0..names.length()).filter_map(|i| names.item(i)?.text_content()).collect()
            })
            .unwrap_or_default();
        if !kept.is_empty() {
            checker.show(Availability::Taken(&kept));
        }
        let on_input = checker.clone();
        on(&checker.input, "input", move |_| on_input.typed());
        let on_blur = checker.clone();
        on(&checker.input, "blur", move |_| {
            // Left empty: said at the submit (see `fields::check`).
            let typed = on_blur.input.value();
            if typed.trim().is_empty() {
                return;
            }
            if let Err(error) = Username::parse(&typed) {
                fields::show(FormField::Username, Some(&say(&error.message())));
            }
        });
        // (While typing, `typed` clears the message once the name parses.)
        Some(checker)
    }

    /// A new question: every answer to an older one is dropped.
    fn ask(&self) -> u64 {
        if let Some(timer) = self.timer.take() {
            cancel_timer(timer);
        }
        self.asked.set(self.asked.get() + 1);
        self.asked.get()
    }

    /// The form is being sent, and the server checks the name itself: a check still waiting
    /// for its debounce would only race the account being created (and be told the link is
    /// used), and an answer still on its way is stale. A verdict already shown stays.
    pub fn cancel(&self) {
        self.ask();
        if self.checking.get() {
            self.show(Availability::Unknown);
        }
    }

    fn typed(&self) {
        let ticket = self.ask();
        match Username::parse(&self.input.value()) {
            Ok(username) => {
                fields::show(FormField::Username, None);
                self.show(Availability::Checking);
                let checker = self.clone();
                let name = username.to_string();
                // The ticket is looked at again when the debounce ends: a newer question or
                // the submit made this one stale, even where the timer could not be cleared.
                let timer = crate::dom::after(DEBOUNCE_MS, move || {
                    if checker.asked.get() == ticket {
                        wasm_bindgen_futures::spawn_local(async move {
                            checker.check(ticket, name).await
                        });
                    }
                });
                self.timer.set(timer);
            }
            // Say what is wrong when they leave the field, not at every keystroke.
            Err(_) => self.show(Availability::Unknown),
        }
    }

    async fn check(self, ticket: u64, name: String) {
        let answer = match api::fields(&[
            (invite_page::TOKEN_FIELD, &self.token),
            (FormField::Username.name(), &name),
        ]) {
            Some(fields) => api::call(invite_page::CHECK_USERNAME, &fields).await,
            None => None,
        };
        if self.asked.get() != ticket {
            return;
        }
        let check = answer
            .filter(api::Answer::ok)
            .and_then(|answer| serde_json::from_str::<UsernameCheck>(&answer.body).ok());
        match check {
            Some(UsernameCheck::Available) => self.show(Availability::Free(&name)),
            Some(UsernameCheck::Taken { suggestions }) => {
                self.show(Availability::Taken(&suggestions))
            }
            Some(UsernameCheck::Invalid(message)) => {
                fields::show(FormField::Username, Some(&say(&message)));
                self.show(Availability::Unknown);
            }
            // A failed check is not a verdict: the submit checks again.
            None => self.show(Availability::Unknown),
        }
    }

    /// Fills the field with a free variant the person picked.
    fn choose(&self, name: &str) {
        self.ask();
        self.input.set_value(name);
        let _ = self.input.focus();
        fields::show(FormField::Username, None);
        self.show(Availability::Free(name));
    }

    pub fn show(&self, availability: Availability) {
        self.checking.set(matches!(availability, Availability::Checking));
        self.status.set_text_content(None);
        let lines = match availability {
            Availability::Unknown => Vec::new(),
            Availability::Checking => {
                vec![element("p", Some("muted"), Some(&t("username-checking")))]
            }
            Availability::Free(name) => {
                let free = Message::new("username-available").text("name", name);
                vec![self.mark("ok", "✓ ", &say(&free))]
            }
            Availability::Taken(names) => {
                let taken =
                    t(if names.is_empty() { "username-taken" } else { "username-taken-free" });
                vec![self.mark("taken", "✗ ", &taken), self.variants(names)]
            }
        };
        for line in lines.into_iter().flatten() {
            let _ = self.status.append_child(&line);
        }
    }

    /// `<p class=…><span aria-hidden="true">{mark}</span>{text}</p>`
    fn mark(&self, class: &str, mark: &str, text: &str) -> Option<Element> {
        let line = element("p", Some(class), None)?;
        let symbol = element("span", None, Some(mark))?;
        let _ = symbol.set_attribute("aria-hidden", "true");
        let _ = line.append_child(&symbol);
        let _ = line.append_with_str_1(text);
        Some(line)
    }

    /// A button per free variant; pressing one fills the field in.
    fn variants(&self, names: &[String]) -> Option<Element> {
        let list = element("ul", Some("suggestions"), None)?;
        for name in names {
            let item = element("li", None, None)?;
            let button = element("button", Some("button secondary"), Some(name))?;
            let _ = button.set_attribute("type", "button");
            let checker = self.clone();
            let name = name.clone();
            on(button.unchecked_ref(), "click", move |_| checker.choose(&name));
            append(&item, &[&button]);
            append(&list, &[&item]);
        }
        Some(list)
    }
}
