//! The names the invite pages' markup (rendered by the server, `src/pages/invite/`) and their
//! script (`crates/invite-page`) both use: element ids, form field names and the paths of
//! the server functions the script calls. Both sides take them from here, so a rename is one
//! edit that both follow; the server checks, when it compiles, that each path is its server
//! function's (`src/pages/invite/mod.rs`).

use crate::FormField;

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
/// The field carrying the authenticator's answer (JSON) to `PASSKEY_SETUP_FINISH`.
pub const CREDENTIAL_FIELD: &str = "credential";

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
    use super::FormField;

    #[test]
    fn each_fields_ids_are_made_from_its_name() {
        for field in FormField::ALL {
            assert_eq!(field.error_id(), format!("{}-error", field.name()));
            assert_eq!(field.hint_id(), format!("{}-hint", field.name()));
        }
    }
}
