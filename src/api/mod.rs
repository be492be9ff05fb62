//! Server functions, grouped by area. Each is thin: check access, call a service, map the
//! outcome to a status and a sentence.

pub mod auth;
#[cfg(feature = "ssr")]
pub mod guard;
pub mod invitations;
pub mod setup;
