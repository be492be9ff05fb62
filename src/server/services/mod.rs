//! The rules of the product, testable without HTTP. Server functions and handlers only call
//! these.

pub mod accounts;
pub mod bulk_invites;
pub mod expiry_digests;
pub mod invitations;
pub mod passkeys;
pub mod recovery;
pub mod school;
pub mod sign_in;
pub mod tokens;

pub use accounts::{
    AccountService, CreateAccountError, LanguageRefused, NewSuperAdmin, StatusChangeError,
};
pub use bulk_invites::{BulkError, BulkInvites};
pub use expiry_digests::ExpiryDigests;
pub use invitations::{
    AcceptError, AcceptInput, AcceptedAccount, EmailAvailability, FieldError, FormField,
    InvitationService, InviteError, InvitePolicy, NewWayIn, UsernameCheck,
};
pub use passkeys::{AccountPasskeys, Begun, PasskeySetup, RelyingParty, WaysError};
pub use recovery::{Recovery, RecoveryError};
pub use school::SchoolSignIn;
pub use sign_in::{SignInAttempt, SignInError, SignInService, SignedIn};
