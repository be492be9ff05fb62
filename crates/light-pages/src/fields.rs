//! A field's message beside it: the text, `aria-invalid` and the `field-invalid` style, as
//! the server renders them after a refused submit.

use domain::{Email, FormField, PersonName, PhoneNumber, Sentence};
use web_sys::{Element, HtmlInputElement};

use crate::dom::{by_id, on};
use crate::words::say;

/// Shows `message` beside `field`'s input, or clears it.
pub fn show(field: FormField, message: Option<&str>) {
    if let Some(error) = by_id::<Element>(field.error_id()) {
        error.set_text_content(message);
    }
    if let Some(input) = by_id::<Element>(field.input_id()) {
        let _ =
            input.set_attribute("aria-invalid", if message.is_some() { "true" } else { "false" });
        if let Ok(Some(wrapper)) = input.closest(".field") {
            let _ = wrapper.class_list().toggle_with_force("field-invalid", message.is_some());
        }
    }
}

/// Clears every field's message.
pub fn clear_all() {
    for field in FormField::ALL {
        show(field, None);
    }
}

/// The input of `field`, when the page has it (the email only on the first admin's form).
pub fn input(field: FormField) -> Option<HtmlInputElement> {
    by_id(field.input_id())
}

/// The email input when the person chooses the account's email (the first admin's form). An
/// invitation's own address is shown readonly, without a name: it is neither sent nor checked.
pub fn chosen_email() -> Option<HtmlInputElement> {
    input(FormField::Email).filter(|input| !input.read_only())
}

/// The typed value of `field`, or "".
pub fn value(field: FormField) -> String {
    input(field).map(|input| input.value()).unwrap_or_default()
}

/// Whether `field` shows a message now.
pub fn shows_error(field: FormField) -> bool {
    input(field).and_then(|input| input.get_attribute("aria-invalid")).as_deref() == Some("true")
}

/// Checks `field` with `check` when the person leaves it, and while they correct it: a
/// message that no longer applies goes as soon as the value is right ("reward early, punish
/// late"). Waiting for the blur would move the page under their finger as they tap the
/// button below, and the tap would miss it.
pub fn check(field: FormField, check: impl Fn(&str) -> Option<String> + Clone + 'static) {
    let Some(input) = input(field) else { return };
    let (left, check_left) = (input.clone(), check.clone());
    on(&input, "blur", move |_| {
        // A field left empty is said at the submit, not as the person moves on: passing by
        // isn't a mistake, and a message appearing above the button as they tap it would
        // move the button from under their finger.
        if !left.value().trim().is_empty() {
            show(field, check_left(&left.value()).as_deref());
        }
    });
    let typed = input.clone();
    on(&input, "input", move |_| {
        if shows_error(field) {
            show(field, check(&typed.value()).as_deref());
        }
    });
}

/// The checks of the plain fields, by the domain's parsers.
pub fn enhance() {
    if chosen_email().is_some() {
        check(FormField::Email, |v| Email::parse(v).err().map(|e| say(&e.message())));
    }
    check(FormField::FullName, |v| PersonName::parse(v).err().map(|e| say(&e.message())));
    check(FormField::Phone, |v| PhoneNumber::parse(v).err().map(|e| say(&e.message())));
}

/// What was typed (or filled in by the browser) before this script arrived counts: each
/// field holding a value is told it was just typed in, so it gets the same checks, the
/// username its live verdict and the password its strength. A field whose message the server
/// rendered (a refused plain submit) keeps it: the server has judged that value already.
pub fn replay_typed() {
    for field in FormField::ALL {
        let Some(input) = input(field) else { continue };
        if input.read_only() || input.value().is_empty() || shows_error(field) {
            continue;
        }
        if let Ok(typed) = web_sys::Event::new("input") {
            let _ = input.dispatch_event(&typed);
        }
    }
}
