//! Bulk invite as a server-side job: hand over the checked rows, then follow the job.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::domain::{BulkJobView, BulkRowInput};

/// Stores the checked rows as a job that the server works through, tab open or not.
#[server(prefix = "/api", endpoint = "start_bulk_invite", input = Json)]
pub async fn start_bulk_invite(rows: Vec<BulkRowInput>) -> Result<BulkJobView, ServerFnError> {
    use super::guard::require;
    use crate::server::auth::Access;

    let (state, admin) = require(Access::SuperAdmin).await?;
    state.bulk.start(&admin, rows).await.map_err(refusal)
}

/// A job with every row's outcome so far.
#[server(prefix = "/api", endpoint = "bulk_invite_job", input = Json)]
pub async fn bulk_invite_job(id: i64) -> Result<BulkJobView, ServerFnError> {
    use super::guard::require;
    use crate::server::auth::Access;

    let (state, _admin) = require(Access::SuperAdmin).await?;
    state.bulk.job(id).await.map_err(refusal)
}

/// The job the Invites page shows: one still running, else the latest (without rows).
#[server(prefix = "/api", endpoint = "current_bulk_invite")]
pub async fn current_bulk_invite() -> Result<Option<BulkJobView>, ServerFnError> {
    use super::guard::{require, unexpected};
    use crate::server::auth::Access;

    let (state, _admin) = require(Access::SuperAdmin).await?;
    state.bulk.current().await.map_err(unexpected)
}

#[cfg(feature = "ssr")]
fn refusal(error: crate::server::services::BulkError) -> ServerFnError {
    use super::guard::{fail, unexpected};
    use crate::server::services::BulkError;
    use axum::http::StatusCode;

    let status = match &error {
        BulkError::Empty | BulkError::TooMany => StatusCode::UNPROCESSABLE_ENTITY,
        BulkError::NotFound => StatusCode::NOT_FOUND,
        BulkError::ActorDeactivated => StatusCode::FORBIDDEN,
        BulkError::Unexpected(_) => return unexpected(error),
    };
    fail(status, error)
}
