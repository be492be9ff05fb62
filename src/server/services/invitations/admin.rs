//! What a Super-Admin does with invitations: invite, resend, correct an address, revoke.
//! Each change is decided here from the invitation as read, and made by the store only while
//! the invitation is still as read (`Seen`); when another change got in between, it is
//! decided again from the new state.

use super::{Action, InvitationService, InviteError, inviter_of};
use crate::domain::{Email, EventAction, InvitationStatus, Language, Role};
use crate::server::i18n::Tr;
use crate::server::mail::message::MessageKind;
use crate::server::store::{
    Actor, BulkRowRef, InvitationRecord, NewEvent, Reissue, ReissueKind, Seen,
};

/// A language an invitation may be written in: a shipped one, by its tag; nothing or empty
/// is the school's.
fn shipped_language(raw: Option<&str>) -> Result<Option<Language>, InviteError> {
    match raw.map(str::trim).filter(|raw| !raw.is_empty()) {
        None => Ok(None),
        Some(raw) => {
            Tr::parse(raw).map(|tr| Some(tr.language().clone())).ok_or(InviteError::InvalidLanguage)
        }
    }
}

/// How many times a change is decided again after another change to the same invitation
/// got in between; each retry means someone else's change went through.
const ATTEMPTS: usize = 5;

impl InvitationService {
    /// Invites `email` as `role` (Teacher or Admin Staff), queueing the email, in the
    /// school's language.
    pub async fn invite(
        &self,
        actor: &Actor,
        email: &str,
        role: &str,
    ) -> Result<InvitationRecord, InviteError> {
        self.invite_in(actor, email, role, None).await
    }

    /// `invite`, its email and pages in `language` (a shipped language's tag; `None` or
    /// empty: the school's).
    pub async fn invite_in(
        &self,
        actor: &Actor,
        email: &str,
        role: &str,
        language: Option<&str>,
    ) -> Result<InvitationRecord, InviteError> {
        let email = Email::parse(email)?;
        let role = Role::parse_invitable(role)?;
        let language = shipped_language(language)?;
        Ok(self.create_with(actor, email, role, language, true, None).await?.0)
    }

    /// Creates an invitation of any role and queues its email.
    pub async fn create(
        &self,
        actor: &Actor,
        email: Email,
        role: Role,
    ) -> Result<InvitationRecord, InviteError> {
        Ok(self.create_with(actor, email, role, None, true, None).await?.0)
    }

    /// One row of a bulk job: the same rules as `invite_in`, and the row is marked invited
    /// in the invitation's own transaction (`InviteError::BulkRowDone` if it already was).
    pub async fn invite_bulk_row(
        &self,
        actor: &Actor,
        email: &str,
        role: &str,
        language: Option<&str>,
        row: BulkRowRef,
    ) -> Result<InvitationRecord, InviteError> {
        let email = Email::parse(email)?;
        let role = Role::parse_invitable(role)?;
        let language = shipped_language(language)?;
        Ok(self.create_with(actor, email, role, language, true, Some(row)).await?.0)
    }

    /// Sends a new link that replaces every earlier one. Pending or Expired only, and at most
    /// `max_resends` times.
    pub async fn resend(
        &self,
        actor: &Actor,
        invitation_id: i64,
    ) -> Result<InvitationRecord, InviteError> {
        self.reissue(actor, invitation_id, None).await
    }

    /// Fixes a typo in a Pending invitation's address: a new link goes to the new address and
    /// the old links stop working. Not counted as a resend, unless this invitation was already
    /// sent to that address (A → B → A): at most 1 + `max_resends` links reach one address.
    /// The same address is refused (that is a resend).
    pub async fn correct_email(
        &self,
        actor: &Actor,
        invitation_id: i64,
        new_email: &str,
    ) -> Result<InvitationRecord, InviteError> {
        let new_email = Email::parse(new_email)?;
        self.reissue(actor, invitation_id, Some(new_email)).await
    }

    /// A resend (`new_email` `None`) or an address correction, decided and made.
    async fn reissue(
        &self,
        actor: &Actor,
        invitation_id: i64,
        new_email: Option<Email>,
    ) -> Result<InvitationRecord, InviteError> {
        for _ in 0..ATTEMPTS {
            let current = self.existing(invitation_id).await?;
            let reissue = match &new_email {
                None => self.resend_of(actor, &current)?,
                Some(email) => {
                    // Addresses only ever join this list in the transaction of a change that
                    // moves the address or the resend count, which the store's guard
                    // (`Seen`) sees: a racing correction makes this decision again.
                    let sent_before = self.store.emailed_addresses(current.id).await?;
                    let returning = sent_before.contains(&email.key());
                    self.correction_of(actor, &current, email.clone(), returning)?
                }
            };
            if let Some(record) = self.store.reissue_link(reissue).await? {
                self.outbox_wake.notify_one();
                return Ok(record);
            }
        }
        Err(InviteError::ChangedMeanwhile)
    }

    /// The resend of `current`, if the rules allow one.
    fn resend_of(&self, actor: &Actor, current: &InvitationRecord) -> Result<Reissue, InviteError> {
        let status = self.status_of(current);
        if !matches!(status, InvitationStatus::Pending | InvitationStatus::Expired) {
            return Err(InviteError::NotAllowed { action: Action::Resend, status });
        }
        let number = self.next_resend(current)?;
        let event = NewEvent {
            action: EventAction::Resent,
            actor: actor.clone(),
            details: format!("{number} of {}", self.policy.max_resends),
        };
        self.emailed_reissue(current, ReissueKind::Resend, Some(number), event)
    }

    /// The move of `current` to `new_email`, if the rules allow it; counted as a resend when
    /// `returning` to an address it was already sent to.
    fn correction_of(
        &self,
        actor: &Actor,
        current: &InvitationRecord,
        new_email: Email,
        returning: bool,
    ) -> Result<Reissue, InviteError> {
        if current.email.to_lowercase() == new_email.key() {
            return Err(InviteError::SameEmail);
        }
        let status = self.status_of(current);
        if status != InvitationStatus::Pending {
            return Err(InviteError::NotAllowed { action: Action::CorrectEmail, status });
        }
        let mut details = format!("{} → {}", current.email, new_email);
        let resend_number = if returning {
            let number = self.next_resend(current)?;
            details.push_str(&format!(
                " (sent there before: resend {number} of {})",
                self.policy.max_resends
            ));
            Some(number)
        } else {
            None
        };
        let event = NewEvent { action: EventAction::EmailCorrected, actor: actor.clone(), details };
        let kind = ReissueKind::CorrectEmail { new_email, counted: returning };
        self.emailed_reissue(current, kind, resend_number, event)
    }

    /// The number of the next resend of `current`, or the refusal when none is left.
    fn next_resend(&self, current: &InvitationRecord) -> Result<u32, InviteError> {
        let max = self.policy.max_resends;
        let done = u32::try_from(current.resend_count).unwrap_or(u32::MAX);
        if done >= max {
            return Err(InviteError::ResendLimitReached(max));
        }
        Ok(done + 1)
    }

    /// A fresh link for `current` and its email: a resend to its address, or the invitation
    /// to a corrected one.
    fn emailed_reissue(
        &self,
        current: &InvitationRecord,
        kind: ReissueKind,
        resend_number: Option<u32>,
        event: NewEvent,
    ) -> Result<Reissue, InviteError> {
        let (message_kind, to) = match &kind {
            ReissueKind::Resend => (MessageKind::Resend, current.email.as_str()),
            ReissueKind::CorrectEmail { new_email, counted: false } => {
                (MessageKind::Invitation, new_email.as_str())
            }
            ReissueKind::CorrectEmail { new_email, counted: true } => {
                (MessageKind::Resend, new_email.as_str())
            }
            ReissueKind::Renew => (MessageKind::Invitation, current.email.as_str()),
        };
        let now = self.clock.now();
        let (secret, link) = self.fresh_link(now)?;
        let messages = self.emails(
            message_kind,
            to,
            current.role,
            inviter_of(current),
            &secret.token,
            link.expires_at,
            resend_number,
            current.language.clone(),
        )?;
        Ok(Reissue {
            invitation_id: current.id,
            kind,
            seen: Seen::of(current),
            now,
            link,
            event,
            messages,
        })
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
            None => {
                let status = self.status_of(&self.existing(invitation_id).await?);
                Err(InviteError::NotAllowed { action: Action::Revoke, status })
            }
        }
    }
}
