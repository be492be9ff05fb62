//! What the invitee does with their link: look at it, record that it was opened, ask for a
//! new one, check a username while typing, and create the account.

use std::time::Duration;

use super::{FieldError, FormField, InvitationService, UsernameCheck};
use crate::domain::{
    Email, EventAction, Language, LinkState, Message, PersonName, PhoneNumber, Role, Sentence,
    Username,
};
use crate::server::{
    i18n::Tr,
    passwords,
    services::tokens::hash_token,
    store::{
        Accept, AccountDetails, Actor, Conflict, FirstWayIn, LinkActivity, LinkActivityKind,
        NewEvent, NewPasskey, StoreError,
    },
};

/// How long after an invitee asks for a new link another request is noted again.
pub const NEW_LINK_QUIET_PERIOD: Duration = Duration::from_secs(60 * 60);

#[derive(Debug, thiserror::Error)]
pub enum AcceptError {
    /// The link is not (or no longer) usable; the state says which page to show.
    #[error("this link can't be used: {0:?}")]
    Link(LinkState),
    #[error("some fields need correcting")]
    Invalid(Vec<FieldError>),
    #[error("username taken")]
    UsernameTaken,
    /// The passkey made for the account is already another account's.
    #[error("the passkey belongs to another account")]
    PasskeyTaken,
    /// The school account is already another account's way of signing in.
    #[error("the school account belongs to another account")]
    SchoolAccountTaken,
    /// The passkey ceremony came to nothing; the message says what to do.
    #[error("passkey refused: {}", .0.id)]
    Passkey(Message),
    #[error("accepting failed")]
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
    /// The language the setup page was shown in (a shipped tag; checked again here): the
    /// account keeps it.
    #[serde(default)]
    pub language: Option<String>,
}

/// How a new account will first sign in, as the invitee chose.
pub enum NewWayIn<'a> {
    /// A password as typed: checked against the policy, then hashed.
    Password(&'a str),
    /// A passkey the relying party has just verified, with the user handle it was made for.
    Passkey { handle: String, passkey: NewPasskey },
    /// A school account the provider has vouched for, with the invited address.
    SchoolAccount(crate::server::store::NewSchoolAccount),
}

/// A setup form that passed every check.
struct Prepared {
    token_hash: [u8; 32],
    /// The first admin's chosen email; `None` for an invitation's own.
    chosen: Option<Email>,
    full_name: PersonName,
    phone: PhoneNumber,
    username: Username,
    /// The password, checked, when one was given.
    password: Option<crate::domain::Password>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptedAccount {
    pub user_id: i64,
    /// The new account's session epoch, for the session it is signed in on.
    pub session_epoch: i64,
    pub username: String,
    pub role: Role,
    pub invitation_id: i64,
}

impl InvitationService {
    /// What a link is worth now. Changes nothing, so a mail scanner's fetch is harmless.
    pub async fn inspect(&self, token: &str) -> Result<LinkState, StoreError> {
        Ok(self.inspect_in_language(token).await?.0)
    }

    /// `inspect`, with the language the invitation is written in (`None`: the school's, or
    /// no such invitation).
    pub async fn inspect_in_language(
        &self,
        token: &str,
    ) -> Result<(LinkState, Option<Language>), StoreError> {
        Ok(match self.lookup(token).await? {
            Some(link) => (self.link_state(&link), link.invitation.language.clone()),
            None => (LinkState::Invalid, None),
        })
    }

    /// Records that the invitee opened a valid link in a real browser (the page hydrated),
    /// once per link. `true` when this was the first opening.
    pub async fn record_link_opened(&self, token: &str) -> Result<bool, StoreError> {
        self.note_link_activity(token, LinkActivityKind::Opened, EventAction::LinkOpened).await
    }

    /// The invitee's "Ask for a new link" on an expired link: noted on the invitation (the
    /// dashboard shows it until someone resends) and in its history, at most once per
    /// `NEW_LINK_QUIET_PERIOD`. Any other link notes nothing. The caller answers the same
    /// whatever this returns, so the button reveals nothing about the link.
    pub async fn request_new_link(&self, token: &str) -> Result<bool, StoreError> {
        let quiet_since = self.clock.now().minus(NEW_LINK_QUIET_PERIOD);
        let kind = LinkActivityKind::NewLinkRequested { quiet_since };
        self.note_link_activity(token, kind, EventAction::NewLinkRequested).await
    }

    async fn note_link_activity(
        &self,
        token: &str,
        kind: LinkActivityKind,
        action: EventAction,
    ) -> Result<bool, StoreError> {
        let Some(link) = self.lookup(token).await? else {
            return Ok(false);
        };
        let activity = LinkActivity {
            invitation_id: link.invitation.id,
            token_id: link.token_id,
            kind,
            now: self.clock.now(),
            event: NewEvent { action, actor: Actor::invitee(), details: String::new() },
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
        self.require_valid_link(token).await?;
        self.username_verdict(username).await
    }

    /// `Ok` for a link that can still be used; its state as the error otherwise. Only reads.
    pub async fn require_valid_link(&self, token: &str) -> Result<(), AcceptError> {
        self.valid_link(token).await.map(|_| ())
    }

    /// Whether `username` is free, with suggestions when it is taken. Callers check the link
    /// first (`require_valid_link`).
    pub async fn username_verdict(&self, username: &str) -> Result<UsernameCheck, AcceptError> {
        let username = match Username::parse(username) {
            Ok(username) => username,
            Err(e) => return Ok(UsernameCheck::Invalid(e.message())),
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

    /// Creates the invitee's account from a valid link, with the password typed, in one
    /// transaction with marking the invitation accepted. A second (or racing) submit gets
    /// `Link(AlreadyUsed)`.
    pub async fn accept(
        &self,
        token: &str,
        input: &AcceptInput,
    ) -> Result<AcceptedAccount, AcceptError> {
        self.accept_with(token, input, NewWayIn::Password(&input.password)).await
    }

    /// Checks what `accept_with` will check of a setup form (the link, every field but the
    /// password, a free username) without creating anything: before a passkey is made for
    /// an account that would then be refused.
    pub async fn check_setup(&self, token: &str, input: &AcceptInput) -> Result<(), AcceptError> {
        self.prepare(token, input, None).await.map(|_| ())
    }

    /// `accept`, with the account's first way of signing in given: a password to check and
    /// hash, or a passkey already verified.
    pub async fn accept_with(
        &self,
        token: &str,
        input: &AcceptInput,
        way: NewWayIn<'_>,
    ) -> Result<AcceptedAccount, AcceptError> {
        let password = match &way {
            NewWayIn::Password(password) => Some(*password),
            NewWayIn::Passkey { .. } | NewWayIn::SchoolAccount(_) => None,
        };
        let ready = self.prepare(token, input, password).await?;
        let first_way_in = match (way, ready.password) {
            (NewWayIn::Passkey { handle, passkey }, _) => FirstWayIn::Passkey { handle, passkey },
            (NewWayIn::SchoolAccount(school), _) => FirstWayIn::SchoolAccount(school),
            (NewWayIn::Password(_), Some(password)) => FirstWayIn::Password(
                passwords::hash(&password).await.map_err(|e| AcceptError::Unexpected(e.into()))?,
            ),
            (NewWayIn::Password(_), None) => {
                return Err(AcceptError::Unexpected(anyhow::anyhow!("password not checked")));
            }
        };
        let account = AccountDetails {
            username: ready.username,
            full_name: ready.full_name,
            phone: ready.phone,
            first_way_in,
            language: input.language.as_deref().and_then(Tr::parse).map(|tr| tr.language().clone()),
        };
        let email_taken = ready.chosen.is_some();
        let event = NewEvent {
            action: EventAction::Accepted,
            // The store records it as the new account's.
            actor: Actor { user_id: None, name: account.full_name.as_str().to_owned() },
            details: format!("account {}", account.username),
        };
        let accept = Accept {
            token_hash: ready.token_hash,
            account,
            email: ready.chosen,
            now: self.clock.now(),
            event,
        };
        match self.store.accept_invitation(accept).await {
            Ok(Some((user, invitation))) => Ok(AcceptedAccount {
                user_id: user.id,
                session_epoch: user.session_epoch,
                username: user.username,
                role: user.role,
                invitation_id: invitation.id,
            }),
            // The link changed state while the person typed: report its state now.
            Ok(None) => Err(AcceptError::Link(
                self.inspect(token).await.map_err(|e| AcceptError::Unexpected(e.into()))?,
            )),
            Err(StoreError::Conflict(Conflict::UsernameTaken)) => Err(AcceptError::UsernameTaken),
            Err(StoreError::Conflict(Conflict::PasskeyTaken)) => Err(AcceptError::PasskeyTaken),
            Err(StoreError::Conflict(Conflict::SchoolAccountTaken)) => {
                Err(AcceptError::SchoolAccountTaken)
            }
            Err(StoreError::Conflict(_)) if email_taken => {
                Err(AcceptError::Invalid(vec![FieldError::new(
                    FormField::Email,
                    &Message::new("setup-email-in-use"),
                )]))
            }
            Err(StoreError::Conflict(Conflict::UserExists)) => {
                Err(AcceptError::Link(LinkState::AlreadyUsed))
            }
            Err(e) => Err(AcceptError::Unexpected(e.into())),
        }
    }

    /// The link's and the fields' checks, every problem reported at once; the password's
    /// too when one is given.
    async fn prepare(
        &self,
        token: &str,
        input: &AcceptInput,
        password: Option<&str>,
    ) -> Result<Prepared, AcceptError> {
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
        let email_error = chosen.as_ref().and_then(|c| c.as_ref().err()).map(Sentence::message);
        let chosen = chosen.and_then(Result::ok);
        let email = chosen.as_ref().unwrap_or(&invited);

        let mut errors = Vec::new();
        if let Some(message) = email_error {
            errors.push(FieldError { field: FormField::Email, message });
        }
        let mut field = |field: FormField, why: &dyn Sentence| {
            errors.push(FieldError::new(field, &why.message()))
        };
        let full_name =
            PersonName::parse(&input.full_name).map_err(|e| field(FormField::FullName, &e)).ok();
        let phone = PhoneNumber::parse(&input.phone).map_err(|e| field(FormField::Phone, &e)).ok();
        let username =
            Username::parse(&input.username).map_err(|e| field(FormField::Username, &e)).ok();
        let owner = passwords::Owner {
            email,
            username: input.username.trim(),
            full_name: &input.full_name,
        };
        let password = password.and_then(|password| {
            passwords::for_new_account(password, &self.policy.password, &owner)
                .map_err(|e| field(FormField::Password, &e))
                .ok()
        });
        let (Some(full_name), Some(phone), Some(username), true) =
            (full_name, phone, username, errors.is_empty())
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
        Ok(Prepared { token_hash, chosen, full_name, phone, username, password })
    }

    async fn first_admin_exists(&self) -> Result<bool, AcceptError> {
        let count = self
            .store
            .count_users_with_role(Role::SuperAdmin)
            .await
            .map_err(|e| AcceptError::Unexpected(e.into()))?;
        Ok(count > 0)
    }

    /// The email of a valid link and whether the person chooses their own, or the link's
    /// state as the error.
    async fn valid_link(&self, token: &str) -> Result<(String, bool), AcceptError> {
        match self.inspect(token).await.map_err(|e| AcceptError::Unexpected(e.into()))? {
            LinkState::Valid { email, choose_email, .. } => Ok((email, choose_email)),
            other => Err(AcceptError::Link(other)),
        }
    }
}

/// Room left for a numeric suffix on a suggested username.
fn username_max_base() -> usize {
    crate::domain::username::MAX_LEN - 2
}
