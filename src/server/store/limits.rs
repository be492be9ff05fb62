//! The tables behind the limits every server shares: `rate_limits` (an allowance per bucket
//! and subject) and `sign_in_devices` (browsers an account signed in from). Each check is
//! one statement, atomic on its row, so N servers on one database enforce one limit.
//!
//! An allowance is GCRA: `tat` is when the subject's allowance would be whole again if it
//! made one more request. A request at `now` is let in while `tat - now <= tolerance`
//! (`interval` times the burst, less one), and moves `tat` to `max(tat, now) + interval`.
//!
//! `now` is the later of the request's own clock reading and `seen`, the latest reading the
//! row was judged at: a request reads the clock before it waits its turn to write, so one
//! that read it first may write last, and judged at its own reading it would find the burst
//! spent "after" it.

use super::{Store, StoreError, on};
use crate::domain::Timestamp;

/// How an allowance refills: one request per `interval_ms`, `tolerance_ms` of burst.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowance {
    pub interval_ms: i64,
    pub tolerance_ms: i64,
}

/// What a known browser's check answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceCheck {
    /// Not a live device of this account (unknown, another account's, or dead).
    Unknown,
    Allowed,
    /// Its own limit is used up for now.
    Limited,
}

impl Store {
    /// Takes one request from `subject`'s allowance in `bucket`: whether it was let in.
    pub async fn take_allowance(
        &self,
        bucket: &str,
        subject: &str,
        allowance: Allowance,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        // A refused request changes nothing (the WHERE fails, and no row comes back).
        let now_sql = "(CASE WHEN rate_limits.seen > $3 THEN rate_limits.seen ELSE $3 END)";
        let sql = format!(
            "INSERT INTO rate_limits (bucket, subject, tat, seen) VALUES ($1, $2, $3 + $4, $3) \
             ON CONFLICT (bucket, subject) DO UPDATE \
             SET tat = CASE WHEN rate_limits.tat > {now_sql} THEN rate_limits.tat \
                            ELSE {now_sql} END + $4, \
                 seen = {now_sql} \
             WHERE rate_limits.tat - {now_sql} <= $5 \
             RETURNING tat"
        );
        let row: Option<(i64,)> = on!(self.writer(), |c| sqlx::query_as(&sql)
            .bind(bucket)
            .bind(subject)
            .bind(now.0)
            .bind(allowance.interval_ms)
            .bind(allowance.tolerance_ms)
            .fetch_optional(c)
            .await)?;
        Ok(row.is_some())
    }

    /// Deletes the allowances that are whole again: they hold nothing a new row wouldn't.
    pub async fn sweep_allowances(&self, now: Timestamp) -> Result<u64, StoreError> {
        let sql = "DELETE FROM rate_limits WHERE tat <= $1";
        let done = on!(self.writer(), |c| sqlx::query(sql)
            .bind(now.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(done)
    }

    /// Remembers a browser `user_id` signed in from, by its secret's hash.
    pub async fn add_device(
        &self,
        id: &[u8; 32],
        user_id: i64,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let sql = "INSERT INTO sign_in_devices (id, user_id, tat, seen, created_at, last_used_at) \
                   VALUES ($1, $2, $3, $3, $3, $3)";
        on!(self.writer(), |c| sqlx::query(sql)
            .bind(&id[..])
            .bind(user_id)
            .bind(now.0)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Takes one sign-in from the allowance of device `id` of `user_id`, unless it has had
    /// `max_failures` wrong passwords in a row.
    pub async fn check_device(
        &self,
        id: &[u8; 32],
        user_id: i64,
        allowance: Allowance,
        max_failures: i64,
        now: Timestamp,
    ) -> Result<DeviceCheck, StoreError> {
        // Every SET expression reads the row as it was, so `allowed` and `tat` agree.
        let now_sql = "(CASE WHEN seen > $3 THEN seen ELSE $3 END)";
        let sql = format!(
            "UPDATE sign_in_devices SET \
             allowed = (tat - {now_sql} <= $5), \
             tat = CASE WHEN tat - {now_sql} > $5 THEN tat \
                        WHEN tat > {now_sql} THEN tat + $4 ELSE {now_sql} + $4 END, \
             seen = {now_sql} \
             WHERE id = $1 AND user_id = $2 AND failures < $6 \
             RETURNING allowed"
        );
        let row: Option<(bool,)> = on!(self.writer(), |c| sqlx::query_as(&sql)
            .bind(&id[..])
            .bind(user_id)
            .bind(now.0)
            .bind(allowance.interval_ms)
            .bind(allowance.tolerance_ms)
            .bind(max_failures)
            .fetch_optional(c)
            .await)?;
        Ok(match row {
            None => DeviceCheck::Unknown,
            Some((true,)) => DeviceCheck::Allowed,
            Some((false,)) => DeviceCheck::Limited,
        })
    }

    /// Records the outcome of a checked device's sign-in: a success clears its failures, a
    /// wrong password adds one. Returns the failures in a row now.
    pub async fn device_outcome(
        &self,
        id: &[u8; 32],
        succeeded: bool,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        let sql = "UPDATE sign_in_devices \
                   SET failures = CASE WHEN $2 THEN 0 ELSE failures + 1 END, \
                       last_used_at = CASE WHEN $2 THEN $3 ELSE last_used_at END \
                   WHERE id = $1 RETURNING failures";
        let row: Option<(i64,)> = on!(self.writer(), |c| sqlx::query_as(sql)
            .bind(&id[..])
            .bind(succeeded)
            .bind(now.0)
            .fetch_optional(c)
            .await)?;
        Ok(row.map_or(0, |(failures,)| failures))
    }

    /// Forgets browsers unused since `before`, and those that stopped counting as known.
    pub async fn sweep_devices(
        &self,
        before: Timestamp,
        max_failures: i64,
    ) -> Result<u64, StoreError> {
        let sql = "DELETE FROM sign_in_devices WHERE last_used_at < $1 OR failures >= $2";
        let done = on!(self.writer(), |c| sqlx::query(sql)
            .bind(before.0)
            .bind(max_failures)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(done)
    }
}
