//! Server functions, grouped by area. Each is thin: check access, call a service, map the
//! outcome to a status and a sentence.

pub mod account;
pub mod auth;
pub mod bulk;
pub mod dev_mailbox;
#[cfg(feature = "ssr")]
pub mod guard;
pub mod invitations;
pub mod passkeys;
pub mod recovery;
pub mod school;
pub mod setup;
pub mod staff;

use leptos::prelude::ServerFnError;

/// The sentence to show a person for a failed server call: the server's own sentence (every
/// refusal carries one, see `guard::fail`), or, when the call never got an answer, that the
/// server could not be reached. Never the framework's wording.
pub fn error_sentence(error: &ServerFnError) -> String {
    match error {
        ServerFnError::ServerError(message) => message.clone(),
        _ => crate::components::words::t("network-unreachable"),
    }
}
