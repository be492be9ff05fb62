//! Domain types shared by the server and the browser: pure parsing, no I/O. Raw strings
//! become these types once, at the edge; code past that edge never re-validates.

pub mod bulk;
pub mod email;
pub mod export;
pub mod invitation;
pub mod invite_page;
pub mod language;
pub mod message;
pub mod passkey;
pub mod password;
pub mod person;
pub mod role;
pub mod school_notice;
pub mod setup;
pub mod staff;
pub mod staff_pages;
pub mod text;
pub mod time;
pub mod username;

pub use bulk::{
    BulkJobRow, BulkJobView, BulkRow, BulkRowInput, BulkRowResult, BulkVerdict, MAX_BULK_ROWS,
    parse_bulk,
};
pub use email::{Email, EmailError};
pub use export::{EXPORT_PATH, ExportFilter, status_chip};
pub use invitation::{
    ChangeStamp, Cursor, Delivery, EmailAvailability, EventAction, HistoryEvent, InvitationPage,
    InvitationStatus, InvitationSummary, Lifecycle, LinkState, ListQuery, SortKey, StatusCounts,
};
pub use language::Language;
pub use message::{Arg, Counted, Message, Sentence, Words};
pub use passkey::{PasskeyName, PasskeyNameError, PasskeyView, SchoolWay, SignInWays};
pub use password::{Password, PasswordContext, PasswordError, PasswordPolicy, Strength};
pub use person::{PersonName, PersonNameError, PhoneNumber, PhoneNumberError};
pub use role::{Role, RoleError};
pub use setup::{FieldError, FormField, RefusedSetup, SetupDraft, SetupError, UsernameCheck};
pub use staff::{
    AccountChange, AccountStatus, SignInLinkSent, StaffMember, StaffPage, StatusChangeReport,
};
pub use time::{LocalTime, Timestamp};
pub use username::{Username, UsernameError};
