//! The `bulk_jobs` and `bulk_job_rows` tables: bulk invites handed to the server, claimed by
//! one worker at a time under a lease, and each row's outcome. A row turns `invited` in the
//! transaction that creates its invitation (`mark_invited`), and only from waiting, so a
//! retried job cannot invite a row twice.

use super::{
    BulkJobRecord, BulkOutcome, BulkRowRecord, BulkRowRef, Conflict, NewBulkJob, Store, StoreError,
    Tx,
    error::{corrupt, stored_role},
    on,
};
use crate::domain::Timestamp;

/// A job with its counts, read in one statement.
const JOB: &str = "SELECT j.id, j.created_by, j.creator_name, j.created_at, j.finished_at, \
    (SELECT COUNT(*) FROM bulk_job_rows r WHERE r.job_id = j.id) AS total, \
    (SELECT COUNT(*) FROM bulk_job_rows r WHERE r.job_id = j.id AND r.outcome = 'invited') \
        AS invited, \
    (SELECT COUNT(*) FROM bulk_job_rows r WHERE r.job_id = j.id AND r.outcome = 'refused') \
        AS refused \
    FROM bulk_jobs j";

#[derive(sqlx::FromRow)]
struct JobRow {
    id: i64,
    created_by: i64,
    creator_name: String,
    created_at: i64,
    finished_at: Option<i64>,
    total: i64,
    invited: i64,
    refused: i64,
}

impl From<JobRow> for BulkJobRecord {
    fn from(row: JobRow) -> Self {
        BulkJobRecord {
            id: row.id,
            created_by: row.created_by,
            creator_name: row.creator_name,
            created_at: Timestamp(row.created_at),
            finished_at: row.finished_at.map(Timestamp),
            total: row.total,
            invited: row.invited,
            refused: row.refused,
        }
    }
}

#[derive(sqlx::FromRow)]
struct RowRow {
    line: i64,
    email: String,
    role: String,
    outcome: Option<String>,
    message: String,
    language: Option<String>,
}

impl TryFrom<RowRow> for BulkRowRecord {
    type Error = StoreError;
    fn try_from(row: RowRow) -> Result<Self, StoreError> {
        let outcome = match row.outcome.as_deref() {
            None => None,
            Some("invited") => Some(BulkOutcome::Invited),
            Some("refused") => Some(BulkOutcome::Refused(row.message)),
            Some(other) => return Err(corrupt("bulk row outcome", other)),
        };
        Ok(BulkRowRecord {
            line: row.line,
            email: row.email,
            role: stored_role(&row.role)?,
            outcome,
            language: row.language,
        })
    }
}

impl Store {
    /// Stores a job and all its rows, waiting, in one transaction; returns its id.
    pub async fn create_bulk_job(&self, job: NewBulkJob) -> Result<i64, StoreError> {
        let mut tx = self.write().await?;
        super::users::require_active_actor(&mut tx, &job.actor).await?;
        let sql = "INSERT INTO bulk_jobs (created_by, creator_name, created_at) \
                   VALUES ($1, $2, $3) RETURNING id";
        let (id,): (i64,) = on!(tx.conn(), |c| {
            sqlx::query_as(sql)
                .bind(job.actor.user_id)
                .bind(&job.actor.name)
                .bind(job.now.0)
                .fetch_one(c)
                .await
        })?;
        let sql = "INSERT INTO bulk_job_rows (job_id, line, email, role, language) \
                   VALUES ($1, $2, $3, $4, $5)";
        for row in &job.rows {
            on!(tx.conn(), |c| {
                sqlx::query(sql)
                    .bind(id)
                    .bind(row.line)
                    .bind(&row.email)
                    .bind(row.role.as_str())
                    .bind(row.language.as_ref().map(|l| l.as_str()))
                    .execute(c)
                    .await
                    .map(|_| ())
            })?;
        }
        tx.commit().await?;
        Ok(id)
    }

    pub async fn bulk_job(&self, id: i64) -> Result<Option<BulkJobRecord>, StoreError> {
        let sql = format!("{JOB} WHERE j.id = $1");
        let row: Option<JobRow> =
            on!(self.read(), |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)?;
        Ok(row.map(Into::into))
    }

    /// The job to show on the Invites page: the oldest unfinished one, else the newest.
    pub async fn current_bulk_job(&self) -> Result<Option<BulkJobRecord>, StoreError> {
        let sql = format!(
            "{JOB} WHERE j.id = COALESCE( \
                 (SELECT MIN(id) FROM bulk_jobs WHERE finished_at IS NULL), \
                 (SELECT MAX(id) FROM bulk_jobs))"
        );
        let row: Option<JobRow> =
            on!(self.read(), |c| sqlx::query_as(&sql).fetch_optional(c).await)?;
        Ok(row.map(Into::into))
    }

    /// A job's rows in line order, at most `limit`; `waiting_only` for the ones a worker
    /// still has to do.
    pub async fn bulk_rows(
        &self,
        job_id: i64,
        waiting_only: bool,
        limit: u32,
    ) -> Result<Vec<BulkRowRecord>, StoreError> {
        let waiting = if waiting_only { "AND outcome IS NULL" } else { "" };
        let sql = format!(
            "SELECT line, email, role, outcome, message, language FROM bulk_job_rows \
             WHERE job_id = $1 {waiting} ORDER BY line LIMIT $2"
        );
        let rows: Vec<RowRow> = on!(self.read(), |c| {
            sqlx::query_as(&sql).bind(job_id).bind(i64::from(limit)).fetch_all(c).await
        })?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// Claims the oldest unfinished job whose lease has run out (or never was), until
    /// `until`. Several workers never hold one job at once.
    pub async fn claim_bulk_job(
        &self,
        now: Timestamp,
        until: Timestamp,
    ) -> Result<Option<i64>, StoreError> {
        let sql = format!(
            "UPDATE bulk_jobs SET lease_until = $2 WHERE id = ( \
                 SELECT id FROM bulk_jobs WHERE finished_at IS NULL \
                 AND (lease_until IS NULL OR lease_until <= $1) ORDER BY id LIMIT 1 {}) \
             RETURNING id",
            self.skip_locked()
        );
        let row: Option<(i64,)> = on!(self.writer(), |c| {
            sqlx::query_as(&sql).bind(now.0).bind(until.0).fetch_optional(c).await
        })?;
        Ok(row.map(|(id,)| id))
    }

    /// Extends a claimed job's lease.
    pub async fn renew_bulk_lease(&self, job_id: i64, until: Timestamp) -> Result<(), StoreError> {
        let sql = "UPDATE bulk_jobs SET lease_until = $2 WHERE id = $1";
        on!(self.writer(), |c| {
            sqlx::query(sql).bind(job_id).bind(until.0).execute(c).await.map(|_| ())
        })?;
        Ok(())
    }

    /// Marks a waiting row refused, with the sentence that says why. `false` when it was
    /// already done (invited by an earlier try).
    pub async fn refuse_bulk_row(
        &self,
        row: BulkRowRef,
        message: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write().await?;
        let changed =
            settle(&mut tx, row, &BulkOutcome::Refused(message.to_owned()), None, now).await?;
        tx.commit().await?;
        Ok(changed)
    }

    /// Finishes a job with no waiting rows left; `false` if some are still waiting.
    pub async fn finish_bulk_job(&self, job_id: i64, now: Timestamp) -> Result<bool, StoreError> {
        let sql = "UPDATE bulk_jobs SET finished_at = $2, lease_until = NULL \
                   WHERE id = $1 AND finished_at IS NULL AND NOT EXISTS \
                   (SELECT 1 FROM bulk_job_rows WHERE job_id = $1 AND outcome IS NULL)";
        let changed = on!(self.writer(), |c| {
            sqlx::query(sql).bind(job_id).bind(now.0).execute(c).await.map(|d| d.rows_affected())
        })?;
        Ok(changed > 0)
    }
}

/// Marks a waiting row invited, inside the transaction that creates its invitation; refuses
/// with `BulkRowDone` (and so rolls the invitation back) when the row was already done.
pub(super) async fn mark_invited(
    tx: &mut Tx,
    row: BulkRowRef,
    invitation_id: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    match settle(tx, row, &BulkOutcome::Invited, Some(invitation_id), now).await? {
        true => Ok(()),
        false => Err(StoreError::Conflict(Conflict::BulkRowDone)),
    }
}

/// Gives a row its outcome, only while it is waiting: `false` when it was already done.
async fn settle(
    tx: &mut Tx,
    row: BulkRowRef,
    outcome: &BulkOutcome,
    invitation_id: Option<i64>,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let (stored, message) = match outcome {
        BulkOutcome::Invited => ("invited", ""),
        BulkOutcome::Refused(why) => ("refused", why.as_str()),
    };
    let sql = "UPDATE bulk_job_rows                SET outcome = $3, message = $4, invitation_id = $5, done_at = $6                WHERE job_id = $1 AND line = $2 AND outcome IS NULL";
    let changed = on!(tx.conn(), |c| {
        sqlx::query(sql)
            .bind(row.job_id)
            .bind(row.line)
            .bind(stored)
            .bind(message)
            .bind(invitation_id)
            .bind(now.0)
            .execute(c)
            .await
            .map(|d| d.rows_affected())
    })?;
    Ok(changed > 0)
}
