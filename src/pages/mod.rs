//! One module per page.

pub mod account;
pub mod admin;
pub mod dev_mailbox;
pub mod home;
pub mod invite;
pub mod light;
pub mod login;
pub mod not_found;
pub mod recovery;
