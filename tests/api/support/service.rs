//! A service over a test database, with a clock the test moves by hand.

use staff_onboarding::server::school::SchoolZone;
use std::{sync::Arc, time::Duration};

use staff_onboarding::{
    domain::{Email, LinkState, LocalTime, PersonName, PhoneNumber, Role, Timestamp, Username},
    server::{
        clock::{Clock, ManualClock},
        secrets::Sealer,
        services::{AcceptInput, InvitationService, InvitePolicy},
        store::{Actor, NewUser, Store, UserRecord},
    },
};

use crate::support::db::TestDb;

/// 2026-09-01T08:00:00Z: the start of a school year.
pub const START: Timestamp = Timestamp(1_788_249_600_000);
pub const DAY: Duration = Duration::from_secs(24 * 3600);

pub struct Harness {
    pub store: Arc<Store>,
    pub clock: Arc<ManualClock>,
    pub service: Arc<InvitationService>,
    /// The key the service seals its emails' links with.
    pub sealer: Sealer,
    pub admin: Actor,
}

pub fn policy(ttl: Duration, max_resends: u32) -> InvitePolicy {
    InvitePolicy {
        ttl,
        max_resends,
        // Off: the reminders have tests of their own (`reminders`), which turn them on.
        reminder_before: None,
        public_url: "https://staff.example-school.org".parse().unwrap(),
        password: Default::default(),
        zone: SchoolZone::utc(),
    }
}

impl Harness {
    pub async fn new(db: &TestDb) -> Self {
        Self::with_policy(db, policy(DAY, 3)).await
    }

    /// A fresh deployment: no account at all; actions are the system's.
    pub async fn empty(db: &TestDb) -> Self {
        let store = db.store().await;
        let clock = Arc::new(ManualClock::starting_at(START));
        let sealer = test_sealer();
        let service = Arc::new(InvitationService::new(
            store.clone(),
            clock.clone(),
            policy(DAY, 3),
            sealer.clone(),
        ));
        Self { store, clock, service, sealer, admin: Actor::system() }
    }

    pub async fn with_policy(db: &TestDb, policy: InvitePolicy) -> Self {
        let store = db.store().await;
        let clock = Arc::new(ManualClock::starting_at(START));
        let sealer = test_sealer();
        let service =
            Arc::new(InvitationService::new(store.clone(), clock.clone(), policy, sealer.clone()));
        let admin_user = store
            .insert_user(
                new_user("head@example-school.org", "head.teacher", Role::SuperAdmin),
                START,
            )
            .await
            .unwrap();
        let admin = Actor::user(&admin_user);
        Self { store, clock, service, sealer, admin }
    }

    pub async fn add_user(&self, email: &str, username: &str) -> UserRecord {
        self.store
            .insert_user(new_user(email, username, Role::Teacher), self.clock.now())
            .await
            .unwrap()
    }

    /// The links queued for an invitation, oldest first.
    pub async fn links(&self, invitation_id: i64) -> Vec<String> {
        self.store
            .outbox_for(invitation_id)
            .await
            .unwrap()
            .into_iter()
            .map(|message| self.service.link_in(message.payload.as_deref().unwrap()).unwrap())
            .collect()
    }

    pub async fn latest_token(&self, invitation_id: i64) -> String {
        token_of(self.links(invitation_id).await.last().unwrap())
    }

    pub async fn state(&self, token: &str) -> LinkState {
        self.service.inspect(token).await.unwrap()
    }
}

/// The key the test services seal their links with.
pub fn test_sealer() -> Sealer {
    Sealer::new([42; 32])
}

pub fn token_of(link: &str) -> String {
    link.rsplit_once("/invite/").unwrap().1.to_owned()
}

pub fn new_user(email: &str, username: &str, role: Role) -> NewUser {
    NewUser {
        email: Email::parse(email).unwrap(),
        username: Username::parse(username).unwrap(),
        full_name: PersonName::parse("Alex Head").unwrap(),
        phone: Some(PhoneNumber::parse("+44 7700 900001").unwrap()),
        role,
        // Not a real hash: these accounts never sign in.
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA".into(),
    }
}

pub fn form(username: &str) -> AcceptInput {
    AcceptInput {
        email: None,
        full_name: "Sam Rivera".into(),
        phone: "+1 (555) 010-4477".into(),
        username: username.into(),
        password: "violet tram orbit kettle".into(),
        language: None,
    }
}

/// `at` as a service on UTC words it.
pub fn utc(at: Timestamp) -> LocalTime {
    SchoolZone::utc().local(at)
}
