//! What a Super-Admin does with invitations: invite, resend, revoke, correct an address, and
//! the lists, counts and history of the dashboard.

use super::{Action, EmailAvailability, InvitationService, InviteError, inviter_of};
use crate::domain::{
    ChangeStamp, Email, EventAction, HistoryEvent, InvitationPage, ListQuery, Role, StatusCounts,
};
use crate::server::store::{
    Actor, EmailUse, InvitationRecord, NewEvent, Reissue, ReissueKind, StoreError,
};

impl InvitationService {
    /// Invites `email` as `role` (Teacher or Admin Staff), queueing the email.
    pub async fn invite(
        &self,
        actor: &Actor,
        email: &str,
        role: &str,
    ) -> Result<InvitationRecord, InviteError> {
        let email = Email::parse(email)?;
        let role = Role::parse_invitable(role)?;
        self.create(actor, email, role).await
    }

    /// Creates an invitation of any role and queues its email.
    pub async fn create(
        &self,
        actor: &Actor,
        email: Email,
        role: Role,
    ) -> Result<InvitationRecord, InviteError> {
        Ok(self.create_with(actor, email, role, true).await?.0)
    }

    /// Sends a new link that replaces every earlier one. Pending or Expired only, and at most
    /// `max_resends` times.
    pub async fn resend(
        &self,
        actor: &Actor,
        invitation_id: i64,
    ) -> Result<InvitationRecord, InviteError> {
        let current = self.existing(invitation_id).await?;
        let now = self.clock.now();
        let (secret, link) = self.fresh_link(now)?;
        let number = u32::try_from(current.resend_count).unwrap_or(u32::MAX).saturating_add(1);
        let message = self.message(
            "resend",
            &current.email,
            current.role,
            inviter_of(&current),
            &secret.token,
            link.expires_at,
            Some(number),
        )?;
        let reissue = Reissue {
            invitation_id,
            kind: ReissueKind::Resend { max_resends: i64::from(self.policy.max_resends) },
            now,
            link,
            actor: actor.clone(),
            message: Some(message),
        };
        self.reissue_and_send(reissue, Action::Resend).await
    }

    /// A new link (and its queued email) in place of the old ones, or why the guard refused it.
    async fn reissue_and_send(
        &self,
        reissue: Reissue,
        action: Action,
    ) -> Result<InvitationRecord, InviteError> {
        let invitation_id = reissue.invitation_id;
        match self.store.reissue_link(reissue).await? {
            Some(record) => {
                self.outbox_wake.notify_one();
                Ok(record)
            }
            None => Err(self.why_not(action, invitation_id).await),
        }
    }

    /// Withdraws a Pending or Expired invitation; its links stop working.
    pub async fn revoke(
        &self,
        actor: &Actor,
        invitation_id: i64,
    ) -> Result<InvitationRecord, InviteError> {
        self.existing(invitation_id).await?;
        let event =
            NewEvent { action: EventAction::Revoked, actor: actor.clone(), details: String::new() };
        match self.store.revoke_invitation(invitation_id, self.clock.now(), event).await? {
            Some(record) => Ok(record),
            None => Err(self.why_not(Action::Revoke, invitation_id).await),
        }
    }

    /// Fixes a typo in a Pending invitation's address: a new link goes to the new address and
    /// the old links stop working. Not counted as a resend, so the same address is refused.
    pub async fn correct_email(
        &self,
        actor: &Actor,
        invitation_id: i64,
        new_email: &str,
    ) -> Result<InvitationRecord, InviteError> {
        let new_email = Email::parse(new_email)?;
        let current = self.existing(invitation_id).await?;
        if current.email.to_lowercase() == new_email.key() {
            return Err(InviteError::SameEmail);
        }
        let now = self.clock.now();
        let (secret, link) = self.fresh_link(now)?;
        let message = self.message(
            "invitation",
            new_email.as_str(),
            current.role,
            inviter_of(&current),
            &secret.token,
            link.expires_at,
            None,
        )?;
        let reissue = Reissue {
            invitation_id,
            kind: ReissueKind::CorrectEmail { new_email },
            now,
            link,
            actor: actor.clone(),
            message: Some(message),
        };
        self.reissue_and_send(reissue, Action::CorrectEmail).await
    }

    /// For the admin's live check while typing an address.
    pub async fn email_availability(&self, email: &str) -> Result<EmailAvailability, StoreError> {
        let email = match Email::parse(email) {
            Ok(email) => email,
            Err(e) => return Ok(EmailAvailability::Invalid(e.to_string())),
        };
        Ok(match self.store.email_use(&email.key()).await? {
            EmailUse::Free => EmailAvailability::Available,
            EmailUse::UserExists => EmailAvailability::UserExists,
            EmailUse::Invited => EmailAvailability::AlreadyInvited,
        })
    }

    pub async fn list(&self, query: &ListQuery) -> Result<InvitationPage, StoreError> {
        self.store.list_invitations(query, self.clock.now(), self.policy.max_resends).await
    }

    pub async fn counts(&self) -> Result<StatusCounts, StoreError> {
        self.store.count_invitations(self.clock.now()).await
    }

    /// The invitation's events, oldest first.
    /// The Invites page's change fingerprint, for its live updates.
    pub async fn change_stamp(&self) -> Result<ChangeStamp, StoreError> {
        self.store.change_stamp(self.clock.now()).await
    }

    pub async fn history(&self, invitation_id: i64) -> Result<Vec<HistoryEvent>, InviteError> {
        self.existing(invitation_id).await?;
        let events = self.store.invitation_history(invitation_id).await?;
        Ok(events
            .into_iter()
            .map(|e| HistoryEvent {
                at: e.at,
                actor: e.actor_name,
                action: e.action,
                details: e.details,
            })
            .collect())
    }
}
