//! What the tests stand on: a database per test (`db`), the services over it with a clock
//! the test moves (`service`), the HTTP application in-process (`http`) and a real SMTP
//! server (`smtp_sink`).

pub mod authenticator;
pub mod db;
pub mod http;
pub mod oidc;
pub mod service;
pub mod smtp_sink;

/// What a refusal says to a person, in English.
pub fn said(why: &impl staff_onboarding::domain::Sentence) -> String {
    staff_onboarding::server::i18n::english(why)
}
