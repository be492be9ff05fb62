//! Accepting a link: only the current link of an open, unexpired invitation makes an account,
//! once; and link activity is noted once per link.

use staff_onboarding::{
    domain::{EventAction, Lifecycle, Role},
    server::store::{
        Accept, Actor, LinkActivity, LinkActivityKind, NewLink, ReissueKind, Seen, Store,
    },
};

use super::fixtures::{DAY, START, account, event, invite, link};
use crate::support::db::{TestDb, for_each_backend};

for_each_backend!(
    the_current_link_makes_one_account_with_the_invitations_address_and_role,
    an_old_or_expired_link_makes_nothing,
    an_opening_is_noted_once_per_link,
);

fn accept(link: &NewLink, username: &str, now: staff_onboarding::domain::Timestamp) -> Accept {
    Accept {
        token_hash: link.token_hash,
        account: account(username),
        email: None,
        now,
        event: event(EventAction::Accepted, &format!("account {username}")),
    }
}

async fn the_current_link_makes_one_account_with_the_invitations_address_and_role(db: &TestDb) {
    let store = db.store().await;
    let (invitation, link) = invite(&store, "Sam@School.org", START).await;
    let (user, accepted) =
        store.accept_invitation(accept(&link, "sam", START)).await.unwrap().unwrap();
    assert_eq!((user.email.as_str(), user.role), ("Sam@School.org", Role::Teacher));
    assert_eq!(user.language.as_ref().map(|l| l.as_str()), Some("fr"), "the setup page's");
    let stored = store.find_user(user.id).await.unwrap().unwrap();
    assert_eq!(stored.language, user.language, "kept");
    assert_eq!((accepted.id, accepted.lifecycle), (invitation.id, Lifecycle::Accepted));
    let history = store.invitation_history(invitation.id).await.unwrap();
    let last = history.last().unwrap();
    assert_eq!((last.action, last.details.as_str()), (EventAction::Accepted, "account sam"));

    assert_eq!(store.accept_invitation(accept(&link, "sam2", START)).await.unwrap(), None);
    assert!(!store.username_taken("sam2").await.unwrap(), "a second accept makes nothing");
}

async fn an_old_or_expired_link_makes_nothing(db: &TestDb) {
    let store = db.store().await;
    let (invitation, old) = invite(&store, "sam@school.org", START).await;
    let now = START.plus(DAY / 4);
    let new = link(now);
    let reissue = staff_onboarding::server::store::Reissue {
        invitation_id: invitation.id,
        kind: ReissueKind::Resend,
        seen: Seen::of(&invitation),
        now,
        link: new.clone(),
        event: event(EventAction::Resent, "1 of 3"),
        messages: Vec::new(),
    };
    store.reissue_link(reissue).await.unwrap().unwrap();
    assert_eq!(store.accept_invitation(accept(&old, "sam", now)).await.unwrap(), None);
    let expired = accept(&new, "sam", new.expires_at);
    assert_eq!(store.accept_invitation(expired).await.unwrap(), None);
    assert!(!store.username_taken("sam").await.unwrap());
    assert_eq!(lifecycle_of(&store, invitation.id).await, Lifecycle::Open);
}

async fn lifecycle_of(store: &Store, id: i64) -> Lifecycle {
    store.find_invitation(id).await.unwrap().unwrap().lifecycle
}

async fn an_opening_is_noted_once_per_link(db: &TestDb) {
    let store = db.store().await;
    let (invitation, link) = invite(&store, "sam@school.org", START).await;
    let token_id = store.find_link(&link.token_hash).await.unwrap().unwrap().token_id;
    let opened = |now| LinkActivity {
        invitation_id: invitation.id,
        token_id,
        kind: LinkActivityKind::Opened,
        now,
        event: staff_onboarding::server::store::NewEvent {
            action: EventAction::LinkOpened,
            actor: Actor::invitee(),
            details: String::new(),
        },
    };
    assert!(store.note_link_activity(opened(START)).await.unwrap());
    assert!(!store.note_link_activity(opened(START.plus(DAY / 8))).await.unwrap(), "once");
    let record = store.find_invitation(invitation.id).await.unwrap().unwrap();
    assert_eq!(record.link_opened_at, Some(START));
    let asked = LinkActivity {
        kind: LinkActivityKind::NewLinkRequested { quiet_since: START },
        ..opened(START.plus(DAY / 8))
    };
    assert!(!store.note_link_activity(asked).await.unwrap(), "the link still works");
    let actions: Vec<_> =
        store.invitation_history(invitation.id).await.unwrap().iter().map(|e| e.action).collect();
    assert_eq!(actions, [EventAction::Created, EventAction::LinkOpened]);
}
