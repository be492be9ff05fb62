//! The names the invite pages' markup (rendered by the server, `src/pages/invite/`) and their
//! script (`crates/light-pages`) both use: element ids, form field names and the paths of
//! the server functions the script calls. Both sides take them from here, so a rename is one
//! edit that both follow; the server checks, when it compiles, that each path is its server
//! function's (`src/pages/invite/mod.rs`).

use crate::message::{Message, Sentence};
use crate::{
    EmailError, FormField, PasskeyNameError, PasswordError, PasswordPolicy, PersonNameError,
    PhoneNumberError, UsernameError, username,
};

/// The setup form.
pub const SETUP_FORM: &str = "setup-form";
/// The "send me a new link" form of a dead link's page.
pub const NEW_LINK_FORM: &str = "new-link-form";
/// The box listing what needs correcting after a refused submit, and its list.
pub const ERROR_SUMMARY: &str = "error-summary";
pub const ERROR_SUMMARY_LIST: &str = "error-summary-list";
/// The password's show/hide button and its strength hint.
pub const PASSWORD_TOGGLE: &str = "password-toggle";
pub const PASSWORD_STRENGTH: &str = "password-strength";
/// Where the username's live check says what it found.
pub const USERNAME_STATUS: &str = "username-status";
/// The "account not created" notice, which the script fills with what was typed.
pub const NOT_SAVED: &str = "not-saved";

/// The two ways of signing in the setup form offers where the browser can make a passkey:
/// each way's block, the passkey's button, and the links that switch between them.
pub const PASSKEY_WAY: &str = "passkey-way";
pub const PASSWORD_WAY: &str = "password-way";
pub const PASSKEY_CREATE: &str = "passkey-create";
pub const USE_PASSWORD: &str = "use-password";
pub const USE_PASSKEY: &str = "use-passkey";

/// The hidden field carrying the link's secret (the visible ones are `FormField::name`).
pub const TOKEN_FIELD: &str = "token";

/// Server functions the script calls, by path.
pub const INVITATION_OPENED: &str = "/api/invitation_opened";
pub const ACCEPT_INVITATION: &str = "/api/accept_invitation";
pub const CHECK_USERNAME: &str = "/api/check_username";
pub const PASSKEY_SETUP_BEGIN: &str = "/api/passkey_setup_begin";
pub const PASSKEY_SETUP_FINISH: &str = "/api/passkey_setup_finish";
/// Where a "Continue with…" form goes: the trip to the school's provider (a plain route,
/// `api::school::trips`, not a server function).
pub const SCHOOL_START: &str = "/auth/school/start";
/// The field carrying the authenticator's answer (JSON) to `PASSKEY_SETUP_FINISH`.
pub const CREDENTIAL_FIELD: &str = "credential";

/// The element holding the page's words (`Words`, JSON) for its script.
pub const WORDS: &str = "page-words";

/// The messages with numbers that the pages and their script may show: limits the browser
/// states but can't word itself (the page's words carry them written out, in the page's
/// language, with the right plural form). Every other message is worded from its identifier.
pub fn numbered(policy: &PasswordPolicy) -> Vec<Message> {
    let mut all: Vec<Message> = [
        EmailError::TooLong.message(),
        PersonNameError::TooLong.message(),
        PhoneNumberError::TooShort.message(),
        PhoneNumberError::TooLong.message(),
        UsernameError::TooShort.message(),
        UsernameError::TooLong.message(),
        PasswordError::TooShort(policy.min_length).message(),
        PasswordError::TooLong(PasswordPolicy::MAX_LENGTH).message(),
        PasskeyNameError::TooLong.message(),
        policy.in_words(),
        password_progress(policy),
        Message::new("bulk-too-many").number("max", crate::MAX_BULK_ROWS),
    ]
    .into();
    all.push(
        Message::new("setup-username-hint")
            .number("min", username::MIN_LEN)
            .number("max", username::MAX_LEN),
    );
    all
}

/// "9 of 12 characters", under the password while it is shorter than the policy's minimum;
/// the script fills in `count`.
pub fn password_progress(policy: &PasswordPolicy) -> Message {
    Message::new("password-progress").text("count", "").number("min", policy.min_length)
}

impl FormField {
    /// The form field's name, which is also its input's id.
    pub fn name(self) -> &'static str {
        self.input_id()
    }

    /// The id of the message shown under the field.
    pub fn error_id(self) -> &'static str {
        match self {
            FormField::Email => "email-error",
            FormField::FullName => "full_name-error",
            FormField::Phone => "phone-error",
            FormField::Username => "username-error",
            FormField::Password => "password-error",
        }
    }

    /// The id of the hint shown under the field's label.
    pub fn hint_id(self) -> &'static str {
        match self {
            FormField::Email => "email-hint",
            FormField::FullName => "full_name-hint",
            FormField::Phone => "phone-hint",
            FormField::Username => "username-hint",
            FormField::Password => "password-hint",
        }
    }

    pub const ALL: [FormField; 5] = [
        FormField::Email,
        FormField::FullName,
        FormField::Phone,
        FormField::Username,
        FormField::Password,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Email, Password, PasswordContext, PersonName, PhoneNumber, Username};

    /// Whatever is typed, a refusal with a number is one the page's words carry, with the
    /// same number.
    #[test]
    fn every_numbered_refusal_is_among_the_pages_words() {
        let policy = PasswordPolicy { min_length: 14 };
        let known = numbered(&policy);
        let samples = [
            String::new(),
            "a".into(),
            "ab".into(),
            "x".repeat(300),
            format!("{}@school.org", "a".repeat(250)),
            "+1 234".into(),
            "+1234567890123456789".into(),
            "short pass".into(),
            "ok name".into(),
        ];
        let mut said = Vec::new();
        for raw in &samples {
            said.extend(Email::parse(raw).err().map(|e| e.message()));
            said.extend(PersonName::parse(raw).err().map(|e| e.message()));
            said.extend(PhoneNumber::parse(raw).err().map(|e| e.message()));
            said.extend(Username::parse(raw).err().map(|e| e.message()));
            let context = PasswordContext::default();
            said.extend(Password::parse(raw, &policy, &context).err().map(|e| e.message()));
            said.extend(crate::PasskeyName::parse(raw).err().map(|e| e.message()));
        }
        let numbered_said: Vec<_> = said.iter().filter(|m| !m.args.is_empty()).collect();
        assert!(numbered_said.len() >= 6, "{numbered_said:?}");
        for message in numbered_said {
            assert!(known.contains(message), "{message:?} is not among the page's words");
        }
    }

    #[test]
    fn each_fields_ids_are_made_from_its_name() {
        for field in FormField::ALL {
            assert_eq!(field.error_id(), format!("{}-error", field.name()));
            assert_eq!(field.hint_id(), format!("{}-hint", field.name()));
        }
    }
}
