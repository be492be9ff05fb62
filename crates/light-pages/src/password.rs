//! The password: the strength hint while typing, show/hide, and the policy's check when the
//! person leaves it (the same rule and sentence as the server's).

use domain::{
    Email, FormField, Message, Password, PasswordContext, PasswordPolicy, Sentence, Strength,
    invite_page,
};
use web_sys::{Element, HtmlButtonElement, HtmlInputElement};

use crate::dom::{append, by_id, element, on};
use crate::fields;
use crate::words::{say, t};

pub fn enhance() {
    let Some(input) = fields::input(FormField::Password) else { return };
    // The server states its policy on the input; a page without it keeps the default.
    let policy = input
        .get_attribute("data-min-length")
        .and_then(|n| n.parse().ok())
        .map(|min_length| PasswordPolicy { min_length })
        .unwrap_or_default();

    if let Some(hint) = by_id::<Element>(invite_page::PASSWORD_STRENGTH) {
        let typed = input.clone();
        on(&input, "input", move |_| show_strength(&hint, &typed.value(), &policy));
    }
    fields::check(FormField::Password, move |raw| verdict(raw, &policy));
    if let Some(toggle) = by_id::<HtmlButtonElement>(invite_page::PASSWORD_TOGGLE) {
        toggle.set_hidden(false);
        let button = toggle.clone();
        on(&toggle, "click", move |_| flip(&input, &button));
    }
}

/// The policy's verdict, with the username and email as typed (a password can't contain them).
fn verdict(raw: &str, policy: &PasswordPolicy) -> Option<String> {
    let email = Email::parse(&fields::value(FormField::Email)).ok();
    let username = fields::value(FormField::Username);
    let context = PasswordContext {
        username: Some(username.trim()),
        email_local_part: email.as_ref().map(Email::local_part),
    };
    Password::parse(raw, policy, &context).err().map(|e| say(&e.message()))
}

/// "9 of 12 characters" under the minimum, then the estimated strength.
fn show_strength(hint: &Element, raw: &str, policy: &PasswordPolicy) {
    hint.set_text_content(None);
    if raw.is_empty() {
        return;
    }
    let length = raw.chars().count();
    let (class, text) = if length < policy.min_length {
        let progress = invite_page::password_progress(policy).text("count", length.to_string());
        ("weak", say(&progress))
    } else {
        let strength = Strength::estimate(raw);
        let class = match strength {
            Strength::Weak | Strength::Fair => "fair",
            Strength::Good => "good",
            Strength::Strong => "strong",
        };
        let named = t(&strength.message().id);
        (class, say(&Message::new("password-strength").text("strength", named)))
    };
    let meter = element("span", Some(&format!("meter meter-{class}")), None);
    let words = element("span", None, Some(&text));
    if let (Some(meter), Some(words)) = (meter, words) {
        let _ = meter.set_attribute("aria-hidden", "true");
        append(hint, &[&meter, &words]);
    }
}

fn flip(input: &HtmlInputElement, button: &HtmlButtonElement) {
    let show = input.type_() == "password";
    input.set_type(if show { "text" } else { "password" });
    let _ = button.set_attribute("aria-pressed", if show { "true" } else { "false" });
    button.set_text_content(Some(&t(if show { "password-hide" } else { "password-show" })));
}
