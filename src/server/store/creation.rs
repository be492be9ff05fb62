//! Creating an invitation: the one definition of its statements, in their order, that both
//! paths run. The group commit (`group_commit`: SQLite's invitations made at the same moment,
//! each in a savepoint of a shared transaction) and `Store::create_invitation_alone`
//! (Postgres's, and a bulk job's row) differ only in how many invitations share the
//! transaction.
//!
//! The rules a new invitation can break are the database's own, so its insert checks them
//! on either path, whatever runs before it: an open invitation with the address (the unique
//! index `invitations_open_email`) and an account with it (the trigger
//! `invitations_account_exists`, which comes first). The admin it is made in the name of is
//! checked before, inside the same transaction.

use super::{
    CreateInvitation, InvitationRecord, NewEvent, StoreError, error::corrupt, history, links,
    outbox, script::Script,
};
use crate::domain::Lifecycle;

/// Adds `new`'s statements to `script`: its row, its first link, its events and its emails,
/// then the one row it returns, its id and its link's id. `key` is its address's key.
pub(super) fn add<'q>(
    script: &mut Script<'q>,
    new: &'q CreateInvitation,
    key: &'q str,
) -> Result<(), StoreError> {
    let email = script.param(new.email.as_str())?;
    let key = script.param(key)?;
    let role = script.param(new.role.as_str())?;
    let by = script.param(new.actor.user_id)?;
    let name = script.param(new.actor.name.as_str())?;
    let at = script.param(new.now.0)?;
    let expires = script.param(new.link.expires_at.0)?;
    let language = script.param(new.language.as_ref().map(|l| l.as_str()))?;
    script.push(format!(
        "INSERT INTO invitations (email, email_key, role, state, invited_by, inviter_name, \
         resend_count, created_at, sent_at, expires_at, language) \
         VALUES ({email}, {key}, {role}, 'open', {by}, {name}, 0, {at}, {at}, {expires}, \
         {language})"
    ))?;
    // Its id is not known until inserted: it is the one open invitation with its address.
    let open = format!("email_key = {key} AND state = 'open'");
    let invitation = format!("(SELECT id FROM invitations WHERE {open})");
    links::add(script, &invitation, &new.link, &at)?;
    let events: Vec<(String, &NewEvent)> =
        new.events.iter().map(|event| (invitation.clone(), event)).collect();
    history::add(script, &events, &at)?;
    for message in &new.messages {
        outbox::add(script, &invitation, message, &at)?;
    }
    script.push_rows(format!("SELECT id, current_token_id FROM invitations WHERE {open}"))
}

/// The invitation `new` made, as stored under `id` with its link `token_id`: exactly what was
/// inserted, not read back, which would cost the one writer a round trip per invitation.
pub(super) fn created(
    new: &CreateInvitation,
    id: i64,
    token_id: Option<i64>,
) -> Result<InvitationRecord, StoreError> {
    let token_id = token_id.ok_or_else(|| corrupt("invitation without its link", id))?;
    Ok(InvitationRecord {
        id,
        email: new.email.as_str().to_owned(),
        role: new.role,
        lifecycle: Lifecycle::Open,
        invited_by: new.actor.user_id,
        inviter_name: new.actor.name.clone(),
        resend_count: 0,
        created_at: new.now,
        sent_at: new.now,
        expires_at: new.link.expires_at,
        accepted_at: None,
        revoked_at: None,
        current_token_id: Some(token_id),
        link_opened_at: None,
        new_link_requested_at: None,
        language: new.language.clone(),
    })
}
