//! A field's message beside it: the text, `aria-invalid` and the `field-invalid` style, as
//! the server renders them after a refused submit.

use domain::{Email, FormField, PersonName, PhoneNumber};
use web_sys::{Element, HtmlInputElement};

use crate::dom::{by_id, on};

/// Shows `message` beside `field`'s input, or clears it.
pub fn show(field: FormField, message: Option<&str>) {
    let id = field.input_id();
    if let Some(error) = by_id::<Element>(&format!("{id}-error")) {
        error.set_text_content(message);
    }
    if let Some(input) = by_id::<Element>(id) {
        let _ =
            input.set_attribute("aria-invalid", if message.is_some() { "true" } else { "false" });
        if let Ok(Some(wrapper)) = input.closest(".field") {
            let _ = wrapper.class_list().toggle_with_force("field-invalid", message.is_some());
        }
    }
}

/// Clears every field's message.
pub fn clear_all() {
    for field in ALL {
        show(field, None);
    }
}

const ALL: [FormField; 5] = [
    FormField::Email,
    FormField::FullName,
    FormField::Phone,
    FormField::Username,
    FormField::Password,
];

/// The input of `field`, when the page has it (the email only on the first admin's form).
pub fn input(field: FormField) -> Option<HtmlInputElement> {
    by_id(field.input_id())
}

/// The typed value of `field`, or "".
pub fn value(field: FormField) -> String {
    input(field).map(|input| input.value()).unwrap_or_default()
}

/// Checks `field` with `check` each time the person leaves it.
pub fn check_on_blur(field: FormField, check: fn(&str) -> Option<String>) {
    let Some(input) = input(field) else { return };
    let target = input.clone();
    on(&target, "blur", move |_| {
        show(field, check(&input.value()).as_deref());
    });
}

/// The checks of the plain fields, by the domain's parsers.
pub fn enhance() {
    // The readonly email of an invitation has no name and is not sent: nothing to check.
    if input(FormField::Email).is_some_and(|input| !input.read_only()) {
        check_on_blur(FormField::Email, |v| Email::parse(v).err().map(|e| e.to_string()));
    }
    check_on_blur(FormField::FullName, |v| PersonName::parse(v).err().map(|e| e.to_string()));
    check_on_blur(FormField::Phone, |v| PhoneNumber::parse(v).err().map(|e| e.to_string()));
}
