//! The outbox payloads: an invitation email's and a sign-in link's, each what the service
//! queues and the sender renders, one type for both. Their links are sealed
//! (`server::secrets`), so a queued message at rest, and every copy the database files or a
//! dump make of it, holds no working link.

use serde::{Deserialize, Serialize};

use crate::domain::{Language, Role, Timestamp};
use crate::server::secrets::{SealError, Sealer};

/// Which email an outbox message is; stored in its `kind` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// The first email of an invitation, or the first to a corrected address.
    Invitation,
    /// A new link in place of the earlier ones.
    Resend,
    /// A one-time sign-in link, to get back into an account.
    SignInLink,
    /// The reminder, with the same link, before a Pending invitation's link runs out.
    Reminder,
    /// A Super-Admin's daily list of the invitations they sent that expired.
    ExpiryDigest,
}

impl MessageKind {
    /// The kinds that carry an invitation's link to its invitee (the gate checks that link).
    pub fn carries_invitation_link(self) -> bool {
        matches!(self, MessageKind::Invitation | MessageKind::Resend | MessageKind::Reminder)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::Invitation => "invitation",
            MessageKind::Resend => "resend",
            MessageKind::SignInLink => "sign_in_link",
            MessageKind::Reminder => "reminder",
            MessageKind::ExpiryDigest => "expiry_digest",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "invitation" => Some(MessageKind::Invitation),
            "resend" => Some(MessageKind::Resend),
            "sign_in_link" => Some(MessageKind::SignInLink),
            "reminder" => Some(MessageKind::Reminder),
            "expiry_digest" => Some(MessageKind::ExpiryDigest),
            _ => None,
        }
    }
}

/// What a sealed link is sealed for: a value sealed for something else won't open as one.
const LINK_PURPOSE: &str = "outbox link";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationMessage {
    pub to: String,
    pub role: Role,
    /// Who invited; `None` when the system did (the command line, the first admin), and the
    /// email then names no inviter.
    pub inviter_name: Option<String>,
    /// The setup link, sealed.
    #[serde(default)]
    pub sealed_link: String,
    /// Messages queued before links were sealed carry the link in the clear; read, never
    /// written.
    #[serde(default, skip_serializing)]
    pub link: Option<String>,
    pub expires_at: Timestamp,
    /// Which resend this is (1, 2, …); `None` for the first email.
    pub resend_number: Option<u32>,
    /// The invitation's language; `None`: the school's (`SCHOOL_LANGUAGE` when it is sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
}

impl InvitationMessage {
    /// A message whose link is sealed with `sealer`.
    pub fn new(
        sealer: &Sealer,
        to: &str,
        role: Role,
        inviter_name: Option<&str>,
        link: &str,
        expires_at: Timestamp,
        resend_number: Option<u32>,
    ) -> Result<Self, SealError> {
        Ok(Self {
            to: to.to_owned(),
            role,
            inviter_name: inviter_name.map(str::to_owned),
            sealed_link: sealer.seal(LINK_PURPOSE, link)?,
            link: None,
            expires_at,
            resend_number,
            language: None,
        })
    }

    /// Written in `language` rather than the school's.
    pub fn in_language(mut self, language: Option<Language>) -> Self {
        self.language = language;
        self
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(payload: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(payload)
    }

    /// The link, opened.
    pub fn link(&self, sealer: &Sealer) -> Result<String, SealError> {
        match &self.link {
            Some(plain) if self.sealed_link.is_empty() => Ok(plain.clone()),
            _ => sealer.open(LINK_PURPOSE, &self.sealed_link),
        }
    }
}

/// What a sealed sign-in link is sealed for.
const SIGN_IN_LINK_PURPOSE: &str = "outbox sign-in link";

/// A sign-in link's email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInLinkMessage {
    pub to: String,
    pub full_name: String,
    pub username: String,
    /// The link, sealed.
    pub sealed_link: String,
    pub expires_at: Timestamp,
    /// The Super-Admin who sent it; `None` when the person asked for it.
    pub sent_by: Option<String>,
    /// The account's language; `None`: the school's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
}

impl SignInLinkMessage {
    pub fn new(
        sealer: &Sealer,
        to: &str,
        full_name: &str,
        username: &str,
        link: &str,
        expires_at: Timestamp,
        sent_by: Option<&str>,
    ) -> Result<Self, SealError> {
        Ok(Self {
            to: to.to_owned(),
            full_name: full_name.to_owned(),
            username: username.to_owned(),
            sealed_link: sealer.seal(SIGN_IN_LINK_PURPOSE, link)?,
            expires_at,
            sent_by: sent_by.map(str::to_owned),
            language: None,
        })
    }

    /// Written in `language` rather than the school's.
    pub fn in_language(mut self, language: Option<Language>) -> Self {
        self.language = language;
        self
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(payload: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(payload)
    }

    /// The link, opened.
    pub fn link(&self, sealer: &Sealer) -> Result<String, SealError> {
        sealer.open(SIGN_IN_LINK_PURPOSE, &self.sealed_link)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_is_sealed_in_the_payload_and_opens_with_the_key() {
        let sealer = Sealer::new([3; 32]);
        let link = "https://staff.school.org/invite/AbCdEf";
        let message = InvitationMessage::new(
            &sealer,
            "sam@school.org",
            Role::Teacher,
            Some("Alex Head"),
            link,
            Timestamp(5),
            None,
        )
        .unwrap();
        let json = message.to_json();
        assert!(!json.contains("AbCdEf") && !json.contains("/invite/"), "{json}");
        let read = InvitationMessage::from_json(&json).unwrap();
        assert_eq!(read, message);
        assert_eq!(read.link(&sealer).unwrap(), link);
        assert_eq!(read.link(&Sealer::new([4; 32])), Err(SealError::Unopenable));
    }

    #[test]
    fn a_sign_in_link_is_sealed_for_its_own_purpose() {
        let sealer = Sealer::new([3; 32]);
        let link = "https://staff.school.org/sign-in/AbCdEf";
        let message =
            SignInLinkMessage::new(&sealer, "a@b.org", "Sam", "sam", link, Timestamp(5), None)
                .unwrap();
        let json = message.to_json();
        assert!(!json.contains("AbCdEf"), "{json}");
        assert_eq!(SignInLinkMessage::from_json(&json).unwrap().link(&sealer).unwrap(), link);
        // An invitation's sealed link doesn't open as a sign-in link's, nor the other way.
        assert!(sealer.open(LINK_PURPOSE, &message.sealed_link).is_err());
    }

    #[test]
    fn a_message_queued_before_sealing_still_renders() {
        let old = r#"{"to":"a@b.org","role":"teacher","inviter_name":"Alex","link":"https://x.org/invite/t","expires_at":1,"resend_number":null,"max_resends":3}"#;
        let message = InvitationMessage::from_json(old).unwrap();
        assert_eq!(message.link(&Sealer::new([1; 32])).unwrap(), "https://x.org/invite/t");
    }
}
