//! The rules of the product, testable without HTTP. Server functions and handlers only call
//! these.

pub mod invitations;
pub mod tokens;

pub use invitations::{
    AcceptError, AcceptInput, AcceptedAccount, EmailAvailability, FieldError, FormField,
    InvitationService, InviteError, InvitePolicy, UsernameCheck,
};
