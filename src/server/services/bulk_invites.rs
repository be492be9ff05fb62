//! Bulk invites that outlive the browser tab: one request stores the checked list as a job,
//! and a worker in each server process claims unfinished jobs under a lease and invites row by
//! row through the same service call as a single invite. A row is marked in its invitation's
//! own transaction, so a job retried after a crash or a restart invites no row twice; a
//! crashed worker's lease runs out and any process resumes the job.

use std::{sync::Arc, time::Duration};

use tokio::sync::{Notify, watch};

use super::{InvitationService, InviteError};
use crate::domain::{
    BulkJobRow, BulkJobView, BulkRowInput, BulkRowResult, MAX_BULK_ROWS, Timestamp,
};
use crate::server::{
    auth::CurrentUser,
    clock::Clock,
    school::SchoolZone,
    store::{
        Actor, BulkJobRecord, BulkOutcome, BulkRowRecord, BulkRowRef, NewBulkJob, NewBulkRow,
        Store, StoreError,
    },
};

/// How long a claimed job stays its worker's without a sign of life; renewed as rows go.
pub const BULK_LEASE: Duration = Duration::from_secs(30);
/// How often an idle worker looks for a job another process's crash left behind.
const POLL: Duration = Duration::from_secs(5);
/// How long a finished job stays on the Invites page.
const SHOWN_FOR: Duration = Duration::from_secs(24 * 3600);
/// Rows read per round.
const BATCH: u32 = 50;

#[derive(Debug, thiserror::Error)]
pub enum BulkError {
    #[error("There are no rows to invite. Check the list and try again.")]
    Empty,
    #[error("At most {MAX_BULK_ROWS} rows at a time. Split the list and invite in parts.")]
    TooMany,
    #[error("That bulk invite doesn't exist.")]
    NotFound,
    #[error("Your account was deactivated, so nothing was changed.")]
    ActorDeactivated,
    #[error(transparent)]
    Unexpected(#[from] StoreError),
}

pub struct BulkInvites {
    store: Arc<Store>,
    invitations: Arc<InvitationService>,
    clock: Arc<dyn Clock>,
    zone: SchoolZone,
    /// Notified when a job is stored, so this process's worker starts it at once.
    wake: Arc<Notify>,
}

impl BulkInvites {
    pub fn new(
        store: Arc<Store>,
        invitations: Arc<InvitationService>,
        clock: Arc<dyn Clock>,
        zone: SchoolZone,
    ) -> Self {
        Self { store, invitations, clock, zone, wake: Arc::default() }
    }

    /// Stores the rows as a job for the worker; returns it as the dialog shows it.
    pub async fn start(
        &self,
        actor: &CurrentUser,
        rows: Vec<BulkRowInput>,
    ) -> Result<BulkJobView, BulkError> {
        match rows.len() {
            0 => return Err(BulkError::Empty),
            n if n > MAX_BULK_ROWS => return Err(BulkError::TooMany),
            _ => {}
        }
        let rows = rows
            .into_iter()
            .map(|row| NewBulkRow {
                line: i64::try_from(row.line).unwrap_or(i64::MAX),
                email: row.email,
                role: row.role,
                language: row.language,
            })
            .collect();
        let job = NewBulkJob { actor: actor.actor(), now: self.clock.now(), rows };
        let id = self.store.create_bulk_job(job).await.map_err(|error| match error {
            StoreError::ActorInactive => BulkError::ActorDeactivated,
            other => other.into(),
        })?;
        self.wake.notify_one();
        self.job(id).await
    }

    /// A job with all its rows.
    pub async fn job(&self, id: i64) -> Result<BulkJobView, BulkError> {
        let job = self.store.bulk_job(id).await?.ok_or(BulkError::NotFound)?;
        let limit = u32::try_from(MAX_BULK_ROWS).unwrap_or(u32::MAX);
        let rows = self.store.bulk_rows(id, false, limit).await?;
        Ok(self.view(job, rows))
    }

    /// The job the Invites page shows any Super-Admin: one still running, else the latest if
    /// it finished within a day. Without its rows (`job` has them).
    pub async fn current(&self) -> Result<Option<BulkJobView>, StoreError> {
        let day_ago = Timestamp(self.clock.now().0.saturating_sub(SHOWN_FOR.as_millis() as i64));
        Ok(self
            .store
            .current_bulk_job()
            .await?
            .filter(|job| job.finished_at.is_none_or(|at| at > day_ago))
            .map(|job| self.view(job, Vec::new())))
    }

    /// Works until `shutdown`: each unfinished job to its end, oldest first.
    pub async fn run(self: Arc<Self>, mut shutdown: watch::Receiver<bool>) {
        while !*shutdown.borrow() {
            let worked = tokio::select! {
                result = self.work_once() => result.unwrap_or_else(|error| {
                    tracing::warn!(error = %format!("{error:#}"), "bulk invite round failed");
                    false
                }),
                _ = shutdown.changed() => break,
            };
            if !worked {
                tokio::select! {
                    () = self.wake.notified() => {},
                    () = tokio::time::sleep(POLL) => {},
                    _ = shutdown.changed() => {},
                }
            }
        }
    }

    /// Claims one unfinished job and works it to its end. `false` when there was none.
    pub async fn work_once(&self) -> anyhow::Result<bool> {
        let now = self.clock.now();
        let Some(job_id) = self.store.claim_bulk_job(now, now.plus(BULK_LEASE)).await? else {
            return Ok(false);
        };
        let job = self.store.bulk_job(job_id).await?.ok_or(BulkError::NotFound)?;
        let mut lease_until = now.plus(BULK_LEASE);
        loop {
            let rows = self.store.bulk_rows(job_id, true, BATCH).await?;
            if rows.is_empty() {
                self.store.finish_bulk_job(job_id, self.clock.now()).await?;
                return Ok(true);
            }
            // Each row's invitation checks, in its own transaction, that the creator is still
            // active: a deactivation at any moment stops the rows after it.
            let actor = Actor { user_id: Some(job.created_by), name: job.creator_name.clone() };
            for row in rows {
                let at = BulkRowRef { job_id, line: row.line };
                self.invite(&actor, &row, at).await?;
                let now = self.clock.now();
                if now.plus(BULK_LEASE / 2) >= lease_until {
                    lease_until = now.plus(BULK_LEASE);
                    self.store.renew_bulk_lease(job_id, lease_until).await?;
                }
            }
        }
    }

    /// One row through the single-invite call; a refusal is kept with its sentence. A failure
    /// of the database stops the job here, to be resumed when its lease runs out.
    async fn invite(
        &self,
        actor: &Actor,
        row: &BulkRowRecord,
        at: BulkRowRef,
    ) -> anyhow::Result<()> {
        let role = row.role.label();
        let language = row.language.as_deref();
        match self.invitations.invite_bulk_row(actor, &row.email, role, language, at).await {
            Ok(_) | Err(InviteError::BulkRowDone) => Ok(()),
            Err(InviteError::Unexpected(error)) => Err(error),
            Err(InviteError::ActorDeactivated) => {
                let why = format!("Not sent: {}'s account was deactivated.", actor.name);
                self.store.refuse_bulk_row(at, &why, self.clock.now()).await?;
                Ok(())
            }
            Err(refusal) => {
                // Kept as the dashboard shows it, which speaks English for now.
                let why = crate::server::i18n::english(&refusal);
                self.store.refuse_bulk_row(at, &why, self.clock.now()).await?;
                Ok(())
            }
        }
    }

    fn view(&self, job: BulkJobRecord, rows: Vec<BulkRowRecord>) -> BulkJobView {
        let count = |n: i64| u32::try_from(n).unwrap_or(0);
        BulkJobView {
            id: job.id,
            by: job.creator_name,
            started_at: self.zone.local(job.created_at),
            finished_at: job.finished_at.map(|at| self.zone.local(at)),
            total: count(job.total),
            invited: count(job.invited),
            refused: count(job.refused),
            rows: rows
                .into_iter()
                .map(|row| BulkJobRow {
                    line: usize::try_from(row.line).unwrap_or(0),
                    email: row.email,
                    role: row.role,
                    result: match row.outcome {
                        None => BulkRowResult::Waiting,
                        Some(BulkOutcome::Invited) => BulkRowResult::Invited,
                        Some(BulkOutcome::Refused(why)) => BulkRowResult::Refused(why),
                    },
                })
                .collect(),
        }
    }
}
