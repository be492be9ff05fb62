//! The invitation lifecycle, split by who acts: the Super-Admin (`admin`: invite, resend,
//! revoke, correct an email, the lists), the invitee (`invitee`: inspect a link, accept it,
//! the username check) and the system (`bootstrap`: the first Super-Admin's link). This file
//! holds what they share: the policy, the refusals, and how a link and its email are made.
//! Every rule of the product lives here or in the store's guarded transactions.

mod admin;
mod bootstrap;
mod dashboard;
mod invitee;

pub use bootstrap::FIRST_ADMIN_PLACEHOLDER;
pub use invitee::{AcceptError, AcceptInput, AcceptedAccount, NEW_LINK_QUIET_PERIOD, NewWayIn};

use std::{sync::Arc, time::Duration};

use tokio::sync::Notify;
use url::Url;

use super::tokens::{LinkSecret, hash_token};
use crate::domain::{
    Email, EmailError, EventAction, InvitationStatus, Language, LinkState, Message, PasswordPolicy,
    Role, RoleError, Sentence, Timestamp, invitation::Lifecycle,
};
pub use crate::domain::{EmailAvailability, FieldError, FormField, UsernameCheck};
use crate::server::i18n::Tr;
use crate::server::{
    clock::Clock,
    mail::message::{InvitationMessage, MessageKind},
    school::SchoolZone,
    secrets::Sealer,
    store::{
        Actor, BulkRowRef, Conflict, CreateInvitation, InvitationRecord, LinkRecord, NewEvent,
        NewLink, NewMessage, Store, StoreError,
    },
};

/// The knobs of the lifecycle, from configuration.
#[derive(Debug, Clone)]
pub struct InvitePolicy {
    /// How long a link works (`INVITE_TTL`).
    pub ttl: Duration,
    /// How many times one invitation may be resent (`MAX_RESENDS`).
    pub max_resends: u32,
    /// How long before a Pending link runs out its invitee is reminded, with the same link;
    /// `None`: never (`INVITE_REMINDER_BEFORE`).
    pub reminder_before: Option<Duration>,
    /// The base of the links in emails (`PUBLIC_URL`).
    pub public_url: Url,
    pub password: PasswordPolicy,
    /// Whose clocks the links' expiry times are on (`SCHOOL_TIMEZONE`).
    pub zone: SchoolZone,
}

/// Why an admin's change to the invitations was refused. The log reads the variant; people
/// read its `message()`, in their language.
#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    #[error("invalid email: {0}")]
    InvalidEmail(#[from] EmailError),
    #[error("invalid role: {0}")]
    InvalidRole(#[from] RoleError),
    /// A language that isn't shipped.
    #[error("unknown language")]
    InvalidLanguage,
    #[error("a user with this email exists")]
    UserExists,
    #[error("already invited")]
    AlreadyInvited,
    #[error("no such invitation")]
    NotFound,
    #[error("resent {0} times, the limit")]
    ResendLimitReached(u32),
    /// "Correct email" to the address the invitation already has: that would be a resend
    /// that escapes `MAX_RESENDS`.
    #[error("the same address")]
    SameEmail,
    #[error("{action:?} not allowed on a {status:?} invitation")]
    NotAllowed { action: Action, status: InvitationStatus },
    /// A bulk job's row that an earlier try of the job already invited.
    #[error("the bulk row was already invited")]
    BulkRowDone,
    /// The acting admin was deactivated: checked inside the write's own transaction.
    #[error("the acting admin was deactivated")]
    ActorDeactivated,
    /// Others kept changing the invitation while this change was being decided.
    #[error("changed meanwhile")]
    ChangedMeanwhile,
    #[error("unexpected")]
    Unexpected(#[source] anyhow::Error),
}

impl Sentence for InviteError {
    fn message(&self) -> Message {
        match self {
            InviteError::InvalidEmail(e) => e.message(),
            InviteError::InvalidRole(e) => e.message(),
            InviteError::InvalidLanguage => Message::new("invite-language-unknown"),
            InviteError::UserExists => Message::new("invite-user-exists"),
            InviteError::AlreadyInvited => Message::new("invite-already-invited"),
            InviteError::NotFound => Message::new("invite-not-found"),
            InviteError::ResendLimitReached(n) => {
                Message::new("invite-resend-limit").number("count", *n)
            }
            InviteError::SameEmail => Message::new("invite-same-email"),
            InviteError::NotAllowed { action, status } => Message::new(match action {
                Action::Resend => "invite-cannot-resend",
                Action::Revoke => "invite-cannot-revoke",
                Action::CorrectEmail if *status == InvitationStatus::Expired => {
                    "invite-cannot-correct-expired"
                }
                Action::CorrectEmail => "invite-cannot-correct",
            })
            .text("status", status.as_str()),
            InviteError::BulkRowDone => Message::new("invite-bulk-row-done"),
            InviteError::ActorDeactivated => Message::new("actor-deactivated"),
            InviteError::ChangedMeanwhile => Message::new("invite-changed-meanwhile"),
            InviteError::Unexpected(_) => Message::new("unexpected"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Resend,
    Revoke,
    CorrectEmail,
}

fn unexpected(e: impl Into<anyhow::Error>) -> anyhow::Error {
    e.into()
}

impl From<StoreError> for InviteError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(Conflict::UserExists) => InviteError::UserExists,
            StoreError::Conflict(Conflict::AlreadyInvited) => InviteError::AlreadyInvited,
            StoreError::Conflict(Conflict::BulkRowDone) => InviteError::BulkRowDone,
            StoreError::ActorInactive => InviteError::ActorDeactivated,
            other => InviteError::Unexpected(unexpected(other)),
        }
    }
}

impl InvitePolicy {
    /// How close to running out a Pending link shows as "Expiring soon": the reminder's
    /// window, or six hours when reminders are off.
    pub fn expiring_window(&self) -> Duration {
        self.reminder_before.unwrap_or(Duration::from_secs(6 * 3600))
    }
}

pub struct InvitationService {
    store: Arc<Store>,
    clock: Arc<dyn Clock>,
    policy: InvitePolicy,
    /// Seals the link in each queued email.
    sealer: Sealer,
    outbox_wake: Arc<Notify>,
}

impl InvitationService {
    pub fn new(
        store: Arc<Store>,
        clock: Arc<dyn Clock>,
        policy: InvitePolicy,
        sealer: Sealer,
    ) -> Self {
        Self { store, clock, policy, sealer, outbox_wake: Arc::default() }
    }

    /// Wakes the outbox sender whenever a message is queued, instead of waiting for its poll.
    pub fn with_outbox_wake(mut self, wake: Arc<Notify>) -> Self {
        self.outbox_wake = wake;
        self
    }

    pub fn policy(&self) -> &InvitePolicy {
        &self.policy
    }

    /// Creates an invitation; with `send`, its email is queued in the same transaction.
    /// Returns the record and the link's secret.
    async fn create_with(
        &self,
        actor: &Actor,
        email: Email,
        role: Role,
        language: Option<Language>,
        send: bool,
        bulk_row: Option<BulkRowRef>,
    ) -> Result<(InvitationRecord, String), InviteError> {
        let now = self.clock.now();
        let (secret, link) = self.fresh_link(now)?;
        // The system (the command line, the first admin) is named by no email.
        let inviter = actor.user_id.map(|_| actor.name.as_str());
        let messages = match send {
            true => self.emails(
                MessageKind::Invitation,
                email.as_str(),
                role,
                inviter,
                &secret.token,
                link.expires_at,
                None,
                language.clone(),
            )?,
            false => Vec::new(),
        };
        let sent = match send {
            true => format!("to {email}"),
            false => "printed by the server, not emailed".to_owned(),
        };
        let events = vec![
            NewEvent {
                action: EventAction::Created,
                actor: actor.clone(),
                details: match &language {
                    // The dashboard speaks English; a language is named in its own words.
                    Some(language) => format!(
                        "as {}, in {}",
                        role.label(),
                        Tr::find(language).map_or(language.as_str(), |tr| tr.name())
                    ),
                    None => format!("as {}", role.label()),
                },
            },
            NewEvent { action: EventAction::Sent, actor: actor.clone(), details: sent },
        ];
        let record = self
            .store
            .create_invitation(CreateInvitation {
                email,
                role,
                language,
                actor: actor.clone(),
                now,
                link,
                events,
                messages,
                bulk_row,
            })
            .await?;
        self.outbox_wake.notify_one();
        Ok((record, secret.token))
    }

    pub fn status_of(&self, record: &InvitationRecord) -> InvitationStatus {
        InvitationStatus::derive(record.lifecycle, record.expires_at, self.clock.now())
    }

    /// A new link secret and the stored link it becomes, valid for `INVITE_TTL` from `now`.
    fn fresh_link(&self, now: Timestamp) -> Result<(LinkSecret, NewLink), InviteError> {
        let secret =
            LinkSecret::generate().map_err(|e| InviteError::Unexpected(anyhow::anyhow!(e)))?;
        let link = NewLink { token_hash: secret.hash, expires_at: now.plus(self.policy.ttl) };
        Ok((secret, link))
    }

    /// The link of a token, as the email shows it. Never built from a request's Host.
    pub fn link_for(&self, token: &str) -> String {
        format!("{}/invite/{token}", self.policy.public_url.as_str().trim_end_matches('/'))
    }

    async fn lookup(&self, token: &str) -> Result<Option<LinkRecord>, StoreError> {
        match hash_token(token) {
            Some(hash) => self.store.find_link(&hash).await,
            None => Ok(None),
        }
    }

    fn link_state(&self, link: &LinkRecord) -> LinkState {
        let invitation = &link.invitation;
        match invitation.lifecycle {
            Lifecycle::Accepted => LinkState::AlreadyUsed,
            Lifecycle::Revoked => LinkState::Revoked,
            Lifecycle::Open if !link.is_current() => LinkState::Superseded,
            Lifecycle::Open if self.clock.now() >= invitation.expires_at => {
                LinkState::Expired { expired_at: self.policy.zone.local(invitation.expires_at) }
            }
            Lifecycle::Open => LinkState::Valid {
                email: invitation.email.clone(),
                role: invitation.role,
                inviter_name: (invitation.invited_by.is_some())
                    .then(|| invitation.inviter_name.clone()),
                expires_at: self.policy.zone.local(invitation.expires_at),
                choose_email: is_first_admin(invitation),
            },
        }
    }

    async fn existing(&self, invitation_id: i64) -> Result<InvitationRecord, InviteError> {
        self.store.find_invitation(invitation_id).await?.ok_or(InviteError::NotFound)
    }

    /// The emails of a new link, each with the link sealed: `kind` at once, then (unless
    /// reminders are off) the reminder, due `INVITE_REMINDER_BEFORE` before the link runs
    /// out. Whether the reminder still goes is decided when it is due (`mail::gate`): only
    /// while this link is the invitation's working one.
    #[allow(clippy::too_many_arguments)]
    fn emails(
        &self,
        kind: MessageKind,
        to: &str,
        role: Role,
        inviter_name: Option<&str>,
        token: &str,
        expires_at: Timestamp,
        resend_number: Option<u32>,
        language: Option<Language>,
    ) -> Result<Vec<NewMessage>, InviteError> {
        let link = self.link_for(token);
        let email = |kind: MessageKind, due_at: Option<Timestamp>| {
            let message = InvitationMessage::new(
                &self.sealer,
                to,
                role,
                inviter_name,
                &link,
                expires_at,
                resend_number,
            )
            .map_err(|e| InviteError::Unexpected(e.into()))?
            .in_language(language.clone());
            Ok::<_, InviteError>(NewMessage {
                kind: kind.as_str(),
                recipient: to.to_owned(),
                payload: message.to_json(),
                due_at,
            })
        };
        let mut emails = vec![email(kind, None)?];
        if let Some(before) = self.policy.reminder_before {
            emails.push(email(MessageKind::Reminder, Some(expires_at.minus(before)))?);
        }
        Ok(emails)
    }

    /// The link in a queued message's payload, opened (for tests and benchmarks, which follow
    /// links as an invitee would).
    pub fn link_in(&self, payload: &str) -> Option<String> {
        InvitationMessage::from_json(payload).ok()?.link(&self.sealer).ok()
    }
}

/// The inviter an invitation's emails name: `None` when the system made it.
fn inviter_of(invitation: &InvitationRecord) -> Option<&str> {
    invitation.invited_by.map(|_| invitation.inviter_name.as_str())
}

/// The first admin's invitation: a Super-Admin invitation the system made.
fn is_first_admin(invitation: &InvitationRecord) -> bool {
    invitation.role == Role::SuperAdmin && invitation.invited_by.is_none()
}
