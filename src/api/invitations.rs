//! The Super-Admin's invitation server functions.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::domain::{InvitationPage, ListQuery, StatusCounts, Timestamp};

/// One page of the Invites table and the counts for the status chips.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitesView {
    pub page: InvitationPage,
    pub counts: StatusCounts,
    /// The server's clock when it answered, so relative times read the same on the server
    /// and in the browser.
    pub now: Timestamp,
}

#[server(prefix = "/api", endpoint = "invitation_overview", input = Json)]
pub async fn invitation_overview(query: ListQuery) -> Result<InvitesView, ServerFnError> {
    use super::guard::{require, unexpected};
    use crate::server::auth::Access;

    let (state, _admin) = require(Access::SuperAdmin).await?;
    let page = state.invitations.list(&query).await.map_err(unexpected)?;
    let counts = state.invitations.counts().await.map_err(unexpected)?;
    Ok(InvitesView { page, counts, now: state.clock.now() })
}
