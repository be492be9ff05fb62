//! The Staff page's server functions: the list, and deactivating or reactivating an account.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::domain::{Cursor, StaffPage, StatusChangeReport};

/// The Staff list: every account, newest first, 50 a page after `after`.
#[server(prefix = "/api", endpoint = "staff_members", input = Json)]
pub async fn staff_members(after: Option<Cursor>) -> Result<StaffPage, ServerFnError> {
    use super::guard::{require, unexpected};
    use crate::server::auth::Access;

    let (state, admin) = require(Access::SuperAdmin).await?;
    state.accounts.staff(&admin, after).await.map_err(unexpected)
}

/// Deactivates an account: it can't sign in, its sessions end at once, and the pending
/// invitations it sent are revoked.
#[server(prefix = "/api", endpoint = "deactivate_account", input = Json)]
pub async fn deactivate_account(id: i64) -> Result<StatusChangeReport, ServerFnError> {
    use super::guard::require;
    use crate::server::auth::Access;

    let (state, admin) = require(Access::SuperAdmin).await?;
    state.accounts.deactivate(&admin, id).await.map_err(refusal)
}

/// Lets a deactivated account sign in again.
#[server(prefix = "/api", endpoint = "reactivate_account", input = Json)]
pub async fn reactivate_account(id: i64) -> Result<StatusChangeReport, ServerFnError> {
    use super::guard::require;
    use crate::server::auth::Access;

    let (state, admin) = require(Access::SuperAdmin).await?;
    state.accounts.reactivate(&admin, id).await.map_err(refusal)
}

/// A status change's refusal as a status and the sentence the admin can act on.
#[cfg(feature = "ssr")]
fn refusal(error: crate::server::services::StatusChangeError) -> ServerFnError {
    use super::guard::{fail, unexpected};
    use crate::server::services::StatusChangeError;
    use axum::http::StatusCode;

    let status = match &error {
        StatusChangeError::NotFound => StatusCode::NOT_FOUND,
        StatusChangeError::ActorDeactivated => StatusCode::FORBIDDEN,
        StatusChangeError::AlreadyActive(_)
        | StatusChangeError::AlreadyDeactivated(_)
        | StatusChangeError::LastSuperAdmin(_) => StatusCode::CONFLICT,
        StatusChangeError::Unexpected(_) => return unexpected(error),
    };
    fail(status, error)
}
