//! Complete store inputs, as a service would build them.

use std::sync::atomic::{AtomicU8, Ordering};

use staff_onboarding::{
    domain::{Email, EventAction, PersonName, PhoneNumber, Role, Timestamp, Username},
    server::store::{
        AccountDetails, Actor, CreateInvitation, FirstWayIn, InvitationRecord, NewEvent, NewLink,
        NewMessage, Store,
    },
};

pub use crate::support::service::{DAY, START, new_user};

/// A link with a hash no other test link has, valid for a day from `now`.
pub fn link(now: Timestamp) -> NewLink {
    static NEXT: AtomicU8 = AtomicU8::new(1);
    let mut token_hash = [0u8; 32];
    token_hash[0] = NEXT.fetch_add(1, Ordering::Relaxed);
    token_hash[1..9].copy_from_slice(&now.0.to_le_bytes());
    NewLink { token_hash, expires_at: now.plus(DAY) }
}

pub fn event(action: EventAction, details: &str) -> NewEvent {
    NewEvent { action, actor: Actor::system(), details: details.into() }
}

pub fn message(to: &str) -> NewMessage {
    NewMessage {
        kind: "invitation",
        recipient: to.into(),
        payload: format!("{{\"to\":\"{to}\"}}"),
        due_at: None,
    }
}

/// An invitation to `email` as a Teacher made at `now`, with one event and one message.
pub fn invitation(email: &str, now: Timestamp) -> CreateInvitation {
    CreateInvitation {
        language: None,
        email: Email::parse(email).unwrap(),
        role: Role::Teacher,
        actor: Actor::system(),
        now,
        link: link(now),
        events: vec![event(EventAction::Created, "as Teacher")],
        messages: vec![message(email)],
        bulk_row: None,
    }
}

pub async fn invite(store: &Store, email: &str, now: Timestamp) -> (InvitationRecord, NewLink) {
    let new = invitation(email, now);
    let link = new.link.clone();
    (store.create_invitation(new).await.unwrap(), link)
}

pub fn account(username: &str) -> AccountDetails {
    AccountDetails {
        username: Username::parse(username).unwrap(),
        full_name: PersonName::parse("Sam Rivera").unwrap(),
        phone: PhoneNumber::parse("+44 7700 900123").unwrap(),
        first_way_in: FirstWayIn::Password("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into()),
        language: staff_onboarding::domain::Language::parse("fr"),
    }
}

pub fn teacher(email: &str, username: &str) -> staff_onboarding::server::store::NewUser {
    new_user(email, username, Role::Teacher)
}
