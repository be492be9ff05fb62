//! Bulk jobs: what a job is made of, and how far it got.

use super::Actor;
use crate::domain::{Language, Role, Timestamp};

/// One row of a bulk job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BulkRowRef {
    pub job_id: i64,
    pub line: i64,
}

/// A bulk invite handed to the server: who, when, and its rows as the admin checked them.
#[derive(Debug, Clone)]
pub struct NewBulkJob {
    pub actor: Actor,
    pub now: Timestamp,
    pub rows: Vec<NewBulkRow>,
}

#[derive(Debug, Clone)]
pub struct NewBulkRow {
    pub line: i64,
    pub email: String,
    pub role: Role,
    /// `None`: the school's language.
    pub language: Option<Language>,
}

/// A bulk job and how far it got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkJobRecord {
    pub id: i64,
    pub created_by: i64,
    pub creator_name: String,
    pub created_at: Timestamp,
    pub finished_at: Option<Timestamp>,
    pub total: i64,
    pub invited: i64,
    pub refused: i64,
}

/// A bulk job's row: what to invite, and what came of it (`None` while waiting).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkRowRecord {
    pub line: i64,
    pub email: String,
    pub role: Role,
    pub outcome: Option<BulkOutcome>,
    /// The language its invitation is to be written in, as asked for (checked when invited).
    pub language: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulkOutcome {
    Invited,
    /// Not invited, and why, in the words the admin reads.
    Refused(String),
}
