//! How storage fails: the store's error, the outages it can be read as, and the uniqueness
//! rules a write can run into.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database is unavailable: {0}")]
    Unavailable(#[source] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("could not create the database folder {path}: {source}")]
    Folder { path: String, source: std::io::Error },
    /// The account the write is made in the name of is no longer active (checked inside the
    /// write's own transaction); nothing was changed.
    #[error("the acting account was deactivated")]
    ActorInactive,
    /// A uniqueness rule refused the write; nothing was changed.
    #[error("{0:?}")]
    Conflict(Conflict),
    #[error("unexpected stored value: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Database(sqlx::Error),
    /// The failure of a transaction that several changes shared (a group commit's): each of
    /// them fails with it.
    #[error(transparent)]
    Shared(std::sync::Arc<StoreError>),
}

/// A failure of the database itself rather than of the request: the answer is 503 and a
/// sentence, never a 500.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outage {
    /// It can't be reached: down, restarting, the pool exhausted.
    Unreachable,
    /// It answers but can't store anything: the disk is full or the file read-only.
    CannotWrite,
}

impl crate::domain::Sentence for Outage {
    fn message(&self) -> crate::domain::Message {
        crate::domain::Message::new(match self {
            Outage::Unreachable => "outage-unreachable",
            Outage::CannotWrite => "outage-cannot-write",
        })
    }
}

impl StoreError {
    /// Whether this is the database failing (and how), rather than a fault in the request.
    pub fn outage(&self) -> Option<Outage> {
        match self {
            StoreError::Unavailable(_) => Some(Outage::Unreachable),
            StoreError::Database(sqlx::Error::Database(error)) => database_outage(error.as_ref()),
            StoreError::Shared(error) => error.outage(),
            _ => None,
        }
    }
}

fn database_outage(error: &dyn sqlx::error::DatabaseError) -> Option<Outage> {
    if let Some(sqlite) = error.try_downcast_ref::<sqlx::sqlite::SqliteError>() {
        // The primary result code is the low byte of the extended one.
        let code: i32 = sqlx::error::DatabaseError::code(sqlite)?.parse().ok()?;
        return match code & 0xff {
            8 | 10 | 13 => Some(Outage::CannotWrite), // READONLY, IOERR, FULL
            5 | 6 | 14 => Some(Outage::Unreachable),  // BUSY, LOCKED, CANTOPEN
            _ => None,
        };
    }
    let code = error.code()?;
    match code.as_ref() {
        "25006" => Some(Outage::CannotWrite), // read_only_sql_transaction
        c if c.starts_with("53") => Some(Outage::CannotWrite), // disk full, out of memory
        c if c.starts_with("08") || c.starts_with("57P") => Some(Outage::Unreachable),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    /// An account already has this email.
    UserExists,
    /// An open invitation already has this email.
    AlreadyInvited,
    UsernameTaken,
    /// The bulk job row was already done (by an earlier try of its job).
    BulkRowDone,
    /// This passkey (its credential id) is already stored, on some account.
    PasskeyTaken,
    /// This school account is already linked (to some account), or the account has one.
    SchoolAccountTaken,
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                StoreError::Unavailable(e)
            }
            _ => StoreError::Database(e),
        }
    }
}

/// The rules of the schema a person's input can run into, each with the conflict it means, by
/// the name each backend reports: Postgres names the index (or the constraint a trigger
/// raises); SQLite names a unique index's table and columns, and a trigger's rule by its
/// message. Any other violation (a link's secret used twice, a primary key) is never the
/// person's doing: it stays an unexpected error rather than get a sentence that would be
/// wrong. `tests/api/contract/conflicts.rs` checks that every unique index and every rule a
/// trigger raises, in both schemas, is here or listed as never from input.
pub const CONFLICT_RULES: &[(&str, &str, Conflict)] = &[
    ("users_email_key", "users.email_key", Conflict::UserExists),
    ("users_username_key", "users.username_key", Conflict::UsernameTaken),
    ("invitations_open_email", "invitations.email_key", Conflict::AlreadyInvited),
    // A trigger's: no open invitation for an address an account has.
    ("invitations_account_exists", "invitations_account_exists", Conflict::UserExists),
    ("passkeys_credential_id", "passkeys.credential_id", Conflict::PasskeyTaken),
    (
        "school_accounts_identity",
        "school_accounts.issuer, school_accounts.subject",
        Conflict::SchoolAccountTaken,
    ),
    ("school_accounts_user", "school_accounts.user_id", Conflict::SchoolAccountTaken),
];

/// The rule a trigger raises, in both schemas, when an invitation is made in the name of an
/// account that is no longer active: the write's `ActorInactive`, not a conflict.
pub const ACTOR_RULE: &str = "invitations_actor_active";

/// SQLite's extended result code for a trigger's `RAISE(ABORT, …)`.
const SQLITE_CONSTRAINT_TRIGGER: &str = "1811";
/// Postgres's code for a trigger's `RAISE EXCEPTION` that names no code of its own.
const POSTGRES_RAISE_EXCEPTION: &str = "P0001";

/// Whether `error` broke the schema's rule reported as `postgres` (the index's or raised
/// constraint's name) or as `sqlite` (a unique index's table and columns, or the message a
/// trigger raised); false for any other error.
fn broke(error: &sqlx::Error, postgres: &str, sqlite: &str) -> bool {
    let Some(db) = error.as_database_error() else { return false };
    let raised = db
        .code()
        .is_some_and(|code| code == SQLITE_CONSTRAINT_TRIGGER || code == POSTGRES_RAISE_EXCEPTION);
    if !db.is_unique_violation() && !raised {
        return false;
    }
    let reported = match db.message().strip_prefix("UNIQUE constraint failed: ") {
        Some(columns) => columns,
        None if raised => db.message(),
        None => "",
    };
    db.constraint() == Some(postgres) || reported == sqlite
}

/// Maps a violation of one of the schema's rules to its conflict, by the rule's name; `None`
/// for any other error, and for a rule no conflict is kept for.
fn conflict_of(error: &sqlx::Error) -> Option<Conflict> {
    CONFLICT_RULES
        .iter()
        .find_map(|(name, reported, conflict)| broke(error, name, reported).then_some(*conflict))
}

/// Turns a broken rule of the schema into its error (a conflict, or `ActorInactive`), anything
/// else into a store error.
pub(super) fn classify(error: sqlx::Error) -> StoreError {
    if broke(&error, ACTOR_RULE, ACTOR_RULE) {
        return StoreError::ActorInactive;
    }
    match conflict_of(&error) {
        Some(conflict) => StoreError::Conflict(conflict),
        None => error.into(),
    }
}

/// The store is closing: whatever was asked of it was not done.
pub(super) fn closed() -> StoreError {
    StoreError::Unavailable(sqlx::Error::PoolClosed)
}

/// A stored value the store can't read back: a corrupt row, never the request's fault.
pub(super) fn corrupt(what: &str, raw: impl std::fmt::Debug) -> StoreError {
    StoreError::Corrupt(format!("{what} {raw:?}"))
}

/// A stored role, read back.
pub(super) fn stored_role(raw: &str) -> Result<crate::domain::Role, StoreError> {
    crate::domain::Role::parse(raw).map_err(|_| corrupt("role", raw))
}
