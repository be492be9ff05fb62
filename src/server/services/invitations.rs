//! The invitation lifecycle: invite, resend, revoke, correct an email, inspect a link,
//! accept it, and the live availability checks. Every rule of the product lives here or in
//! the store's guarded transactions that this service calls.

use std::{sync::Arc, time::Duration};

use tokio::sync::Notify;
use url::Url;

use super::tokens::{LinkSecret, hash_token};
use crate::domain::{
    ChangeStamp, Email, EmailError, EventAction, HistoryEvent, InvitationPage, InvitationStatus,
    LinkState, ListQuery, PasswordContext, PasswordPolicy, PersonName, PhoneNumber, Role,
    RoleError, StatusCounts, Timestamp, Username, invitation::Lifecycle,
};
pub use crate::domain::{EmailAvailability, FieldError, FormField, UsernameCheck};
use crate::server::{
    clock::Clock,
    mail::message::InvitationMessage,
    passwords,
    secrets::Sealer,
    store::{
        Accept, AccountDetails, Actor, Conflict, CreateInvitation, EmailUse, InvitationRecord,
        LinkActivity, LinkActivityKind, LinkRecord, NewEvent, NewLink, NewMessage, Reissue,
        ReissueKind, Store, StoreError,
    },
};

/// How long after an invitee asks for a new link another request is noted again.
pub const NEW_LINK_QUIET_PERIOD: Duration = Duration::from_secs(60 * 60);

/// The knobs of the lifecycle, from configuration.
#[derive(Debug, Clone)]
pub struct InvitePolicy {
    /// How long a link works (`INVITE_TTL`).
    pub ttl: Duration,
    /// How many times one invitation may be resent (`MAX_RESENDS`).
    pub max_resends: u32,
    /// The base of the links in emails (`PUBLIC_URL`).
    pub public_url: Url,
    pub password: PasswordPolicy,
}

#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    #[error("{0}")]
    InvalidEmail(#[from] EmailError),
    #[error("{0}")]
    InvalidRole(#[from] RoleError),
    #[error("A user with this email already exists.")]
    UserExists,
    #[error("This email has already been invited. Use Resend on its row instead.")]
    AlreadyInvited,
    #[error("That invitation doesn't exist. Reload the list.")]
    NotFound,
    #[error(
        "This invitation has already been resent {0} times, the limit. Revoke it and invite again if needed."
    )]
    ResendLimitReached(u32),
    /// "Correct email" to the address the invitation already has: that would be a resend
    /// that escapes `MAX_RESENDS`.
    #[error(
        "That is already this invitation's address. To send its link again, use Resend instead."
    )]
    SameEmail,
    #[error("{}", not_allowed(*.action, *.status))]
    NotAllowed { action: Action, status: InvitationStatus },
    #[error("Something went wrong on our side. Please try again.")]
    Unexpected(#[source] anyhow::Error),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Resend,
    Revoke,
    CorrectEmail,
}

fn not_allowed(action: Action, status: InvitationStatus) -> String {
    let what = match action {
        Action::Resend => "resent",
        Action::Revoke => "revoked",
        Action::CorrectEmail => "given a new email",
    };
    let hint = match (action, status) {
        (Action::CorrectEmail, InvitationStatus::Expired) => {
            " Resend it first, or revoke it and invite the right address."
        }
        _ => "",
    };
    format!("{} invitations can't be {what}.{hint}", status.label())
}

#[derive(Debug, thiserror::Error)]
pub enum AcceptError {
    /// The link is not (or no longer) usable; the state says which page to show.
    #[error("this link can't be used: {0:?}")]
    Link(LinkState),
    #[error("some fields need correcting")]
    Invalid(Vec<FieldError>),
    #[error("That username is taken. Choose another one.")]
    UsernameTaken,
    #[error("Something went wrong on our side. Your details were not saved; please try again.")]
    Unexpected(#[source] anyhow::Error),
}

/// What the invitee typed, unparsed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AcceptInput {
    /// Only read for the first admin's link, where the person chooses the account's email.
    #[serde(default)]
    pub email: Option<String>,
    pub full_name: String,
    pub phone: String,
    pub username: String,
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptedAccount {
    pub user_id: i64,
    pub username: String,
    pub role: Role,
    pub invitation_id: i64,
}

fn unexpected(e: impl Into<anyhow::Error>) -> anyhow::Error {
    e.into()
}

impl From<StoreError> for InviteError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(Conflict::UserExists) => InviteError::UserExists,
            StoreError::Conflict(Conflict::AlreadyInvited) => InviteError::AlreadyInvited,
            other => InviteError::Unexpected(unexpected(other)),
        }
    }
}

pub struct InvitationService {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    policy: InvitePolicy,
    /// Seals the link in each queued email.
    sealer: Sealer,
    outbox_wake: Arc<Notify>,
}

impl InvitationService {
    pub fn new(
        store: Arc<dyn Store>,
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

    /// Creates an invitation; with `send`, its email is queued in the same transaction.
    /// Returns the record and the link's secret.
    async fn create_with(
        &self,
        actor: &Actor,
        email: Email,
        role: Role,
        send: bool,
    ) -> Result<(InvitationRecord, String), InviteError> {
        let now = self.clock.now();
        let (secret, link) = self.fresh_link(now)?;
        // The system (the command line, the first admin) is named by no email.
        let inviter = actor.user_id.map(|_| actor.name.as_str());
        let message = match send {
            true => Some(self.message(
                "invitation",
                email.as_str(),
                role,
                inviter,
                &secret.token,
                link.expires_at,
                None,
            )?),
            false => None,
        };
        let sent = match &message {
            Some(_) => format!("to {email}"),
            None => "printed by the server, not emailed".to_owned(),
        };
        let events = vec![
            NewEvent {
                action: EventAction::Created,
                actor: actor.clone(),
                details: format!("as {}", role.label()),
            },
            NewEvent { action: EventAction::Sent, actor: actor.clone(), details: sent },
        ];
        let record = self
            .store
            .create_invitation(CreateInvitation {
                email,
                role,
                actor: actor.clone(),
                now,
                link,
                events,
                message,
            })
            .await?;
        self.outbox_wake.notify_one();
        Ok((record, secret.token))
    }

    /// The first Super-Admin's way in. While no Super-Admin exists, returns a fresh link (role
    /// Super-Admin, valid `INVITE_TTL`) for the server to print; the person chooses the
    /// account's email on the setup form. Each call replaces the previous link. Once a
    /// Super-Admin exists it returns `None` and withdraws any such link still open.
    pub async fn bootstrap(&self) -> Result<Option<String>, InviteError> {
        let open = self.store.open_system_invitations(Role::SuperAdmin).await?;
        if self.store.count_users_with_role(Role::SuperAdmin).await? > 0 {
            for invitation in open {
                let event = NewEvent {
                    action: EventAction::Revoked,
                    actor: Actor::system(),
                    details: "a Super-Admin exists".into(),
                };
                self.store.revoke_invitation(invitation.id, self.clock.now(), event).await?;
            }
            return Ok(None);
        }
        let token = match open.into_iter().next() {
            Some(existing) => {
                let now = self.clock.now();
                let (secret, link) = self.fresh_link(now)?;
                let reissue = Reissue {
                    invitation_id: existing.id,
                    kind: ReissueKind::Renew,
                    now,
                    link,
                    actor: Actor::system(),
                    message: None,
                };
                self.store.reissue_link(reissue).await?.ok_or(InviteError::NotFound)?;
                secret.token
            }
            None => {
                let placeholder = Email::parse(FIRST_ADMIN_PLACEHOLDER)?;
                self.create_with(&Actor::system(), placeholder, Role::SuperAdmin, false).await?.1
            }
        };
        Ok(Some(self.link_for(&token)))
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

    /// What a link is worth now. Changes nothing, so a mail scanner's fetch is harmless.
    pub async fn inspect(&self, token: &str) -> Result<LinkState, StoreError> {
        Ok(self.lookup(token).await?.map_or(LinkState::Invalid, |link| self.link_state(&link)))
    }

    /// Records that the invitee opened a valid link in a real browser (the page hydrated),
    /// once per link. `true` when this was the first opening.
    pub async fn record_link_opened(&self, token: &str) -> Result<bool, StoreError> {
        self.note_link_activity(token, LinkActivityKind::Opened).await
    }

    /// The invitee's "Ask for a new link" on an expired link: noted on the invitation (the
    /// dashboard shows it until someone resends) and in its history, at most once per
    /// `NEW_LINK_QUIET_PERIOD`. Any other link notes nothing. The caller answers the same
    /// whatever this returns, so the button reveals nothing about the link.
    pub async fn request_new_link(&self, token: &str) -> Result<bool, StoreError> {
        let quiet_since = self.clock.now().minus(NEW_LINK_QUIET_PERIOD);
        self.note_link_activity(token, LinkActivityKind::NewLinkRequested { quiet_since }).await
    }

    async fn note_link_activity(
        &self,
        token: &str,
        kind: LinkActivityKind,
    ) -> Result<bool, StoreError> {
        let Some(link) = self.lookup(token).await? else {
            return Ok(false);
        };
        let activity = LinkActivity {
            invitation_id: link.invitation.id,
            token_id: link.token_id,
            kind,
            now: self.clock.now(),
        };
        self.store.note_link_activity(activity).await
    }

    /// Whether the invitee may take `username`. Answers only for a valid link, so that it
    /// cannot be used to list accounts anonymously.
    pub async fn check_username(
        &self,
        token: &str,
        username: &str,
    ) -> Result<UsernameCheck, AcceptError> {
        self.valid_link(token).await?;
        let username = match Username::parse(username) {
            Ok(username) => username,
            Err(e) => return Ok(UsernameCheck::Invalid(e.to_string())),
        };
        if !self
            .store
            .username_taken(&username.key())
            .await
            .map_err(|e| AcceptError::Unexpected(e.into()))?
        {
            return Ok(UsernameCheck::Available);
        }
        Ok(UsernameCheck::Taken { suggestions: self.suggest_usernames(&username).await? })
    }

    async fn suggest_usernames(&self, taken: &Username) -> Result<Vec<String>, AcceptError> {
        let base: String = taken.as_str().chars().take(username_max_base()).collect();
        let base = base.trim_end_matches(['.', '_', '-']);
        let mut free = Vec::with_capacity(3);
        for n in 2..=40 {
            let candidate = format!("{base}{n}");
            let Ok(candidate) = Username::parse(&candidate) else {
                continue;
            };
            if !self
                .store
                .username_taken(&candidate.key())
                .await
                .map_err(|e| AcceptError::Unexpected(e.into()))?
            {
                free.push(candidate.to_string());
                if free.len() == 3 {
                    break;
                }
            }
        }
        Ok(free)
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

    /// Creates the invitee's account from a valid link, in one transaction with marking the
    /// invitation accepted. A second (or racing) submit gets `Link(AlreadyUsed)`.
    pub async fn accept(
        &self,
        token: &str,
        input: &AcceptInput,
    ) -> Result<AcceptedAccount, AcceptError> {
        let token_hash = hash_token(token).ok_or(AcceptError::Link(LinkState::Invalid))?;
        let (invited, choose_email) = self.valid_link(token).await?;
        if choose_email && self.first_admin_exists().await? {
            // A Super-Admin was made another way (the command line) since the link was printed.
            self.bootstrap().await.map_err(|e| AcceptError::Unexpected(e.into()))?;
            return Err(AcceptError::Link(LinkState::Revoked));
        }
        let invited =
            Email::parse(&invited).map_err(|e| AcceptError::Unexpected(anyhow::anyhow!(e)))?;
        // Only the first admin's link lets the person choose the account's email.
        let chosen = choose_email.then(|| Email::parse(input.email.as_deref().unwrap_or("")));
        let email_error = chosen.as_ref().and_then(|c| c.as_ref().err()).map(ToString::to_string);
        let chosen = chosen.and_then(Result::ok);
        let account =
            self.parse_account(input, chosen.as_ref().unwrap_or(&invited), email_error).await?;

        let email_taken = chosen.is_some();
        let accept = Accept { token_hash, account, email: chosen, now: self.clock.now() };
        match self.store.accept_invitation(accept).await {
            Ok(Some((user, invitation))) => Ok(AcceptedAccount {
                user_id: user.id,
                username: user.username,
                role: user.role,
                invitation_id: invitation.id,
            }),
            // The link changed state while the person typed: report its state now.
            Ok(None) => Err(AcceptError::Link(
                self.inspect(token).await.map_err(|e| AcceptError::Unexpected(e.into()))?,
            )),
            Err(StoreError::Conflict(Conflict::UsernameTaken)) => Err(AcceptError::UsernameTaken),
            Err(StoreError::Conflict(_)) if email_taken => {
                Err(AcceptError::Invalid(vec![FieldError {
                    field: FormField::Email,
                    message: "An account or an invitation already uses this email. Choose another."
                        .into(),
                }]))
            }
            Err(StoreError::Conflict(Conflict::UserExists)) => {
                Err(AcceptError::Link(LinkState::AlreadyUsed))
            }
            Err(e) => Err(AcceptError::Unexpected(e.into())),
        }
    }

    async fn first_admin_exists(&self) -> Result<bool, AcceptError> {
        let count = self
            .store
            .count_users_with_role(Role::SuperAdmin)
            .await
            .map_err(|e| AcceptError::Unexpected(e.into()))?;
        Ok(count > 0)
    }

    /// Parses every field, reporting all problems at once; then hashes the password.
    async fn parse_account(
        &self,
        input: &AcceptInput,
        email: &Email,
        email_error: Option<String>,
    ) -> Result<AccountDetails, AcceptError> {
        let mut errors = Vec::new();
        if let Some(message) = email_error {
            errors.push(FieldError { field: FormField::Email, message });
        }
        let mut field =
            |field: FormField, message: String| errors.push(FieldError { field, message });
        let full_name = PersonName::parse(&input.full_name)
            .map_err(|e| field(FormField::FullName, e.to_string()))
            .ok();
        let phone = PhoneNumber::parse(&input.phone)
            .map_err(|e| field(FormField::Phone, e.to_string()))
            .ok();
        let username = Username::parse(&input.username)
            .map_err(|e| field(FormField::Username, e.to_string()))
            .ok();
        let context = PasswordContext {
            username: Some(input.username.trim()),
            email_local_part: Some(email.local_part()),
        };
        let password =
            crate::domain::Password::parse(&input.password, &self.policy.password, &context)
                .and_then(|password| {
                    let mut known = vec![email.as_str(), email.local_part(), input.username.trim()];
                    known.extend(input.full_name.split_whitespace());
                    passwords::reject_guessable(&password, &known).map(|()| password)
                })
                .map_err(|e| field(FormField::Password, e.to_string()))
                .ok();
        let (Some(full_name), Some(phone), Some(username), Some(password), true) =
            (full_name, phone, username, password, errors.is_empty())
        else {
            return Err(AcceptError::Invalid(errors));
        };
        if self
            .store
            .username_taken(&username.key())
            .await
            .map_err(|e| AcceptError::Unexpected(e.into()))?
        {
            return Err(AcceptError::UsernameTaken);
        }
        let password_hash =
            passwords::hash(&password).await.map_err(|e| AcceptError::Unexpected(e.into()))?;
        Ok(AccountDetails { username, full_name, phone, password_hash })
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
                LinkState::Expired { expired_at: invitation.expires_at }
            }
            Lifecycle::Open => LinkState::Valid {
                email: invitation.email.clone(),
                role: invitation.role,
                inviter_name: (invitation.invited_by.is_some())
                    .then(|| invitation.inviter_name.clone()),
                expires_at: invitation.expires_at,
                choose_email: is_first_admin(invitation),
            },
        }
    }

    /// The email of a valid link and whether the person chooses their own, or the link's
    /// state as the error.
    async fn valid_link(&self, token: &str) -> Result<(String, bool), AcceptError> {
        match self.inspect(token).await.map_err(|e| AcceptError::Unexpected(e.into()))? {
            LinkState::Valid { email, choose_email, .. } => Ok((email, choose_email)),
            other => Err(AcceptError::Link(other)),
        }
    }

    async fn existing(&self, invitation_id: i64) -> Result<InvitationRecord, InviteError> {
        self.store.find_invitation(invitation_id).await?.ok_or(InviteError::NotFound)
    }

    /// After a guard refused a change: the reason, from the invitation as it is now.
    async fn why_not(&self, action: Action, invitation_id: i64) -> InviteError {
        let record = match self.existing(invitation_id).await {
            Ok(record) => record,
            Err(e) => return e,
        };
        let status = self.status_of(&record);
        match (action, status) {
            (Action::Resend, InvitationStatus::Pending | InvitationStatus::Expired) => {
                InviteError::ResendLimitReached(self.policy.max_resends)
            }
            _ => InviteError::NotAllowed { action, status },
        }
    }

    /// The email of a new link, its link sealed.
    #[allow(clippy::too_many_arguments)]
    fn message(
        &self,
        kind: &'static str,
        to: &str,
        role: Role,
        inviter_name: Option<&str>,
        token: &str,
        expires_at: Timestamp,
        resend_number: Option<u32>,
    ) -> Result<NewMessage, InviteError> {
        let link = self.link_for(token);
        let message = InvitationMessage::new(
            &self.sealer,
            to,
            role,
            inviter_name,
            &link,
            expires_at,
            resend_number,
        )
        .map_err(|e| InviteError::Unexpected(e.into()))?;
        Ok(NewMessage { kind, recipient: to.to_owned(), payload: message.to_json() })
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

/// The address the first admin's invitation holds until they choose their own: the
/// `.invalid` top-level domain can never receive mail.
pub const FIRST_ADMIN_PLACEHOLDER: &str = "first-admin@setup.invalid";

/// The first admin's invitation: a Super-Admin invitation the system made.
fn is_first_admin(invitation: &InvitationRecord) -> bool {
    invitation.role == Role::SuperAdmin && invitation.invited_by.is_none()
}

/// Room left for a numeric suffix on a suggested username.
fn username_max_base() -> usize {
    crate::domain::username::MAX_LEN - 2
}
