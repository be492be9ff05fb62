//! The names the sign-in, recovery and account pages' markup (rendered by the server only,
//! `src/pages/`) and their script (`crates/light-pages`) both use, as `invite_page` is for
//! the invite pages. Everything on those pages works as plain forms; the script adds the one
//! thing a form can't do, a passkey ceremony, in one block each page renders hidden:
//! `<div id=PASSKEY_BLOCK data-ceremony=…>` holding a button and a place for its refusal.
//! The server checks, when it compiles, that each path is its server function's
//! (`src/pages/light.rs`).

/// The passkey block, hidden until the script finds the browser able to do its ceremony.
pub const PASSKEY_BLOCK: &str = "passkey-block";
/// The block's button, and where a refusal is said.
pub const PASSKEY_BUTTON: &str = "passkey-button";
pub const PASSKEY_PROBLEM: &str = "passkey-problem";
/// The block's attribute naming its ceremony (`Ceremony::name`), and, for a sign-in link's,
/// the attribute carrying the link's secret.
pub const CEREMONY_ATTRIBUTE: &str = "data-ceremony";
pub const TOKEN_ATTRIBUTE: &str = "data-token";
/// The sign-in form's hidden field: where to go once signed in.
pub const NEXT_FIELD: &str = "next";

/// A passkey block's ceremony: which page it is on, and so which server functions it calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ceremony {
    /// `/login`: sign in with a passkey, by a prompt or from the username's autofill.
    SignIn,
    /// `/account`: add a passkey to the signed-in account.
    Add,
    /// `/sign-in/{token}`: get back in by making a new passkey.
    Recover,
}

impl Ceremony {
    pub const ALL: [Ceremony; 3] = [Ceremony::SignIn, Ceremony::Add, Ceremony::Recover];

    pub fn name(self) -> &'static str {
        match self {
            Ceremony::SignIn => "sign-in",
            Ceremony::Add => "add",
            Ceremony::Recover => "recover",
        }
    }

    pub fn from_name(name: &str) -> Option<Ceremony> {
        Ceremony::ALL.into_iter().find(|ceremony| ceremony.name() == name)
    }

    /// The server functions it calls, by path: the one that answers with the options, and
    /// the one that takes the authenticator's answer (its field `CREDENTIAL_FIELD`).
    pub fn paths(self) -> (&'static str, &'static str) {
        match self {
            Ceremony::SignIn => (PASSKEY_SIGN_IN_BEGIN, PASSKEY_SIGN_IN_FINISH),
            Ceremony::Add => (ADD_PASSKEY_BEGIN, ADD_PASSKEY_FINISH),
            Ceremony::Recover => (RECOVER_PASSKEY_BEGIN, RECOVER_PASSKEY_FINISH),
        }
    }

    /// Whether it makes a passkey (else it uses one).
    pub fn creates(self) -> bool {
        self != Ceremony::SignIn
    }
}

pub const PASSKEY_SIGN_IN_BEGIN: &str = "/api/sign_in/passkey_begin";
pub const PASSKEY_SIGN_IN_FINISH: &str = "/api/sign_in/passkey";
pub const ADD_PASSKEY_BEGIN: &str = "/api/add_passkey_begin";
pub const ADD_PASSKEY_FINISH: &str = "/api/add_passkey_finish";
pub const RECOVER_PASSKEY_BEGIN: &str = "/api/recover_passkey_begin";
pub const RECOVER_PASSKEY_FINISH: &str = "/api/recover_passkey_finish";
/// The field carrying the authenticator's answer (JSON), and the sign-in link's secret.
pub const CREDENTIAL_FIELD: &str = "credential";
pub const TOKEN_FIELD: &str = "token";

/// What an account or sign-in page says after a plain form's change went through, named in
/// the address the server sends the browser back to (`?done=…`, post/redirect/get) by one of
/// these catalogue ids. A page says only these: an address can't make it say anything else.
pub mod done {
    pub const PASSWORD_SAVED: &str = "account-password-saved";
    pub const LANGUAGE_SAVED: &str = "account-language-saved";
    pub const SIGNED_OUT_ELSEWHERE: &str = "account-signed-out-elsewhere";
    pub const SCHOOL_UNLINKED: &str = "account-school-unlinked";
    pub const PASSKEY_ADDED: &str = "account-passkey-added";
    pub const PASSKEY_RENAMED: &str = "account-passkey-renamed";
    pub const PASSKEY_REMOVED: &str = "account-passkey-removed";
    pub const LINK_ASKED: &str = "sign-in-forgot-asked";

    pub const ALL: &[&str] = &[
        PASSWORD_SAVED,
        LANGUAGE_SAVED,
        SIGNED_OUT_ELSEWHERE,
        SCHOOL_UNLINKED,
        PASSKEY_ADDED,
        PASSKEY_RENAMED,
        PASSKEY_REMOVED,
        LINK_ASKED,
    ];

    /// The notice `raw` names, if it is one.
    pub fn find(raw: &str) -> Option<&'static str> {
        ALL.iter().copied().find(|id| *id == raw)
    }

    /// `path` with the notice `id` in its query.
    pub fn address(path: &str, id: &'static str) -> String {
        format!("{path}?done={id}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_ceremony_is_found_by_its_name() {
        for ceremony in Ceremony::ALL {
            assert_eq!(Ceremony::from_name(ceremony.name()), Some(ceremony));
        }
        assert_eq!(Ceremony::from_name("Sign-In"), None);
    }

    #[test]
    fn only_listed_notices_are_found() {
        for id in done::ALL {
            assert_eq!(done::find(id), Some(*id));
        }
        assert_eq!(done::find("account-password-saved "), None);
        assert_eq!(done::find("app-title"), None);
    }
}
