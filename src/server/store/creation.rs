//! Creating an invitation: the one definition of its statements, in their order, that both
//! paths run. The group commit (`group_commit`: SQLite's invitations made at the same moment,
//! in a shared transaction) and `Store::create_invitation_alone`
//! (Postgres's, and a bulk job's row) differ only in how many invitations share the
//! transaction: `add` writes any number with one statement of each kind, and the group
//! commit falls back to a savepoint each only when one of its invitations is refused.
//!
//! The rules a new invitation can break are the database's own, so its insert checks them
//! on either path, whatever runs before it: an open invitation with the address (the unique
//! index `invitations_open_email`) and an account with it (the trigger
//! `invitations_account_exists`), and the admin it is made in the name of, who must still be
//! active (the trigger `invitations_actor_active`, which comes before both).

use std::collections::HashMap;

use super::{
    CreateInvitation, InvitationRecord, StoreError, error::corrupt, history, links, outbox,
    script::Script,
};
use crate::domain::Lifecycle;

/// Adds to `script` the statements creating `news` (each with its address's key): their
/// rows, first links, events and emails, one statement of each kind for all of them, then one
/// row each, its key, id and link's id (in no set order: `written` matches them by key). One
/// invitation is the same statements with one row each.
pub(super) fn add<'q>(
    script: &mut Script<'q>,
    news: &[(&'q CreateInvitation, &'q str)],
) -> Result<(), StoreError> {
    let mut rows = Vec::with_capacity(news.len());
    // Each invitation's id is not known until inserted: it is the one open invitation with
    // its address.
    let mut made = Vec::with_capacity(news.len());
    for &(new, key) in news {
        let email = script.param(new.email.as_str())?;
        let key = script.param(key)?;
        let role = script.param(new.role.as_str())?;
        let by = script.param(new.actor.user_id)?;
        let name = script.param(new.actor.name.as_str())?;
        let at = script.param(new.now.0)?;
        let expires = script.param(new.link.expires_at.0)?;
        let language = script.param(new.language.as_ref().map(|l| l.as_str()))?;
        rows.push(format!(
            "({email}, {key}, {role}, 'open', {by}, {name}, 0, {at}, {at}, {expires}, {language})"
        ));
        made.push((
            new,
            format!("(SELECT id FROM invitations WHERE email_key = {key} AND state = 'open')"),
            at,
        ));
    }
    script.push(format!(
        "INSERT INTO invitations (email, email_key, role, state, invited_by, inviter_name, \
         resend_count, created_at, sent_at, expires_at, language) VALUES {}",
        rows.join(", ")
    ))?;
    links::add(script, &each(&made, |new| std::slice::from_ref(&new.link)))?;
    history::add(script, &each(&made, |new| &new.events))?;
    outbox::add(script, &each(&made, |new| &new.messages))?;
    let invitations: Vec<&str> =
        made.iter().map(|(_, invitation, _)| invitation.as_str()).collect();
    script.push_rows(format!(
        "SELECT email_key, id, current_token_id FROM invitations WHERE id IN ({})",
        invitations.join(", ")
    ))
}

/// Every one of `of` each invitation `made`, with the placeholders of its invitation and of
/// when it was made: the rows of one statement.
fn each<'m, 'q, T>(
    made: &'m [(&'q CreateInvitation, String, String)],
    of: impl Fn(&'q CreateInvitation) -> &'q [T],
) -> Vec<(&'m str, &'q T, &'m str)> {
    made.iter()
        .flat_map(|(new, invitation, at)| {
            of(new).iter().map(|item| (invitation.as_str(), item, at.as_str()))
        })
        .collect()
}

/// A row `add` returns: an invitation's address key, its id and its link's id.
pub(super) type Written = (String, i64, Option<i64>);

/// The invitations `news` made, from the rows `add` returned for them, in their order.
pub(super) fn written(
    news: &[(&CreateInvitation, &str)],
    rows: Vec<Written>,
) -> Vec<Result<InvitationRecord, StoreError>> {
    let rows: HashMap<String, (i64, Option<i64>)> =
        rows.into_iter().map(|(key, id, token_id)| (key, (id, token_id))).collect();
    news.iter()
        .map(|&(new, key)| match rows.get(key) {
            Some(&(id, token_id)) => created(new, id, token_id),
            None => Err(corrupt("invitation not written", key)),
        })
        .collect()
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
