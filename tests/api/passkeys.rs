//! Passkeys at setup and at sign-in, against a software authenticator, on both databases:
//! what works, and each attack refused (a replayed or borrowed ceremony, a wrong origin or
//! RP ID, another account's passkey, a counter that goes back).

use std::sync::Arc;

use staff_onboarding::{
    domain::LinkState,
    server::{
        auth::{
            client_ip::ClientIp,
            limits::{RateConfig, RateLimits},
        },
        clock::Clock,
        school::SchoolZone,
        services::{
            AcceptError, AcceptedAccount, AccountPasskeys, Begun, PasskeySetup, RelyingParty,
            SignInAttempt, SignInError, SignInService, SignedIn, sign_in::PasskeyAttempt,
        },
    },
};

use crate::support::authenticator::SoftAuthenticator;
use crate::support::db::{TestDb, for_each_backend};
use crate::support::service::{Harness, form};

for_each_backend!(
    an_invitee_sets_up_with_a_passkey_and_signs_in_with_it,
    a_setup_answer_works_once_and_only_for_its_own_challenge,
    a_ceremony_of_another_link_is_refused,
    a_passkey_for_another_origin_or_rp_id_is_refused,
    a_passkey_without_user_verification_is_refused,
    another_accounts_passkey_and_a_counter_going_back_are_refused,
    a_setup_that_would_be_refused_makes_no_ceremony,
);

pub const ORIGIN: &str = "https://staff.example-school.org";

pub struct Passkeys {
    pub h: Harness,
    pub setup: PasskeySetup,
    pub sign_in: SignInService,
    pub ways: AccountPasskeys,
}

pub async fn passkeys(db: &TestDb) -> Passkeys {
    let h = Harness::new(db).await;
    let url = ORIGIN.parse().unwrap();
    let rp = Arc::new(RelyingParty::new(&url, "Test School", h.store.clone(), h.clock.clone()));
    let setup = PasskeySetup::new(rp.clone(), h.service.clone());
    let ways = AccountPasskeys::new(
        rp.clone(),
        h.store.clone(),
        h.clock.clone(),
        SchoolZone::utc(),
        Default::default(),
    );
    let limits = Arc::new(RateLimits::new(RateConfig::default(), h.store.clone(), h.clock.clone()));
    let sign_in = SignInService::new(h.store.clone(), h.clock.clone(), limits, h.sealer.clone())
        .with_passkeys(rp);
    Passkeys { h, setup, sign_in, ways }
}

pub fn client() -> ClientIp {
    ClientIp("192.0.2.9".parse().unwrap())
}

impl Passkeys {
    pub async fn invite(&self, email: &str) -> String {
        let invitation = self.h.service.invite(&self.h.admin, email, "Teacher").await.unwrap();
        self.h.latest_token(invitation.id).await
    }

    pub async fn begin(&self, token: &str, username: &str) -> Begun {
        self.setup.begin(token, &form(username), Some("Mozilla/5.0 (iPhone)")).await.unwrap()
    }

    /// An invitee set up with a passkey on `authenticator`.
    pub async fn set_up(
        &self,
        authenticator: &mut SoftAuthenticator,
        email: &str,
        username: &str,
    ) -> AcceptedAccount {
        let token = self.invite(email).await;
        let begun = self.begin(&token, username).await;
        let answer = authenticator.create(&begun.options);
        self.setup.finish(&token, &begun.secret, &answer).await.unwrap()
    }

    pub async fn sign_in_with(
        &self,
        authenticator: &mut SoftAuthenticator,
        which: usize,
    ) -> Result<SignedIn, SignInError> {
        let begun = self.sign_in.begin_passkey(client()).await.unwrap();
        let answer = authenticator.get(which, &begun.options);
        self.finish_sign_in(&begun, &answer).await
    }

    pub async fn finish_sign_in(
        &self,
        begun: &Begun,
        answer: &str,
    ) -> Result<SignedIn, SignInError> {
        let attempt = PasskeyAttempt {
            secret: &begun.secret,
            credential: answer,
            client: client(),
            device_cookie: None,
        };
        self.sign_in.sign_in_with_passkey(&attempt).await
    }
}

fn refused(result: Result<impl std::fmt::Debug, AcceptError>) {
    match result {
        Err(AcceptError::Passkey(_)) => {}
        other => panic!("expected the passkey refused, got {other:?}"),
    }
}

pub fn sign_in_refused(result: Result<SignedIn, SignInError>) {
    match result {
        Err(SignInError::Passkey(_)) => {}
        other => panic!("expected the passkey sign-in refused, got {other:?}"),
    }
}

async fn an_invitee_sets_up_with_a_passkey_and_signs_in_with_it(db: &TestDb) {
    let p = passkeys(db).await;
    let mut phone = SoftAuthenticator::new(ORIGIN);
    let token = p.invite("sam@school.org").await;
    let begun = p.begin(&token, "sam.r").await;
    let options: serde_json::Value = serde_json::from_str(&begun.options).unwrap();
    assert_eq!(options["rp"]["id"], "staff.example-school.org");
    assert_eq!(options["user"]["name"], "sam.r");
    assert_eq!(options["authenticatorSelection"]["residentKey"], "required");
    assert_eq!(options["authenticatorSelection"]["userVerification"], "required");

    let answer = phone.create(&begun.options);
    let account = p.setup.finish(&token, &begun.secret, &answer).await.unwrap();
    assert_eq!(account.username, "sam.r");
    assert!(matches!(p.h.state(&token).await, LinkState::AlreadyUsed), "the link is spent");
    let user = p.h.store.find_user(account.user_id).await.unwrap().unwrap();
    assert_eq!(user.password_hash, None, "no password was set");
    let stored = p.h.store.passkeys_of(account.user_id).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].name, "iPhone");
    assert_eq!(stored[0].credential_id, phone.passkeys[0].id);
    assert!(stored[0].backup_eligible && stored[0].backed_up);
    assert_eq!(stored[0].last_used_at, None);

    let signed_in = p.sign_in_with(&mut phone, 0).await.unwrap();
    assert_eq!(signed_in.user.id, account.user_id);
    assert!(!signed_in.device_cookie.is_empty(), "the browser is remembered, as for a password");
    let used = &p.h.store.passkeys_of(account.user_id).await.unwrap()[0];
    assert_eq!(used.sign_count, 1);
    assert_eq!(used.last_used_at, Some(p.h.clock.now()));
    // Again: the counter moves on.
    p.sign_in_with(&mut phone, 0).await.unwrap();
    assert_eq!(p.h.store.passkeys_of(account.user_id).await.unwrap()[0].sign_count, 2);

    // No password opens a passkey-only account.
    let attempt =
        SignInAttempt { login: "sam.r", password: "", client: client(), device_cookie: None };
    assert!(matches!(p.sign_in.sign_in(&attempt).await, Err(SignInError::Rejected { .. })));
}

async fn a_setup_answer_works_once_and_only_for_its_own_challenge(db: &TestDb) {
    let p = passkeys(db).await;
    let mut phone = SoftAuthenticator::new(ORIGIN);
    let token = p.invite("sam@school.org").await;
    let first = p.begin(&token, "sam.r").await;
    let answer = phone.create(&first.options);
    // An answer to one challenge, sent for a newer ceremony: refused, and nothing created.
    let second = p.begin(&token, "sam.r").await;
    refused(p.setup.finish(&token, &second.secret, &answer).await);
    // The ceremony it failed is gone; its own works once.
    refused(p.setup.finish(&token, &second.secret, &answer).await);
    p.setup.finish(&token, &first.secret, &answer).await.unwrap();
    // Replayed: the ceremony is spent (and the link with it).
    let replay = p.setup.finish(&token, &first.secret, &answer).await;
    assert!(matches!(replay, Err(AcceptError::Passkey(_) | AcceptError::Link(_))), "{replay:?}");
}

async fn a_ceremony_of_another_link_is_refused(db: &TestDb) {
    let p = passkeys(db).await;
    let mut phone = SoftAuthenticator::new(ORIGIN);
    let mine = p.invite("sam@school.org").await;
    let theirs = p.invite("kim@school.org").await;
    let begun = p.begin(&mine, "sam.r").await;
    let answer = phone.create(&begun.options);
    // Finished on another link: refused, and that ceremony can't be used on its own link now.
    refused(p.setup.finish(&theirs, &begun.secret, &answer).await);
    refused(p.setup.finish(&mine, &begun.secret, &answer).await);
    assert!(matches!(p.h.state(&theirs).await, LinkState::Valid { .. }));
    assert!(matches!(p.h.state(&mine).await, LinkState::Valid { .. }));
}

async fn a_passkey_for_another_origin_or_rp_id_is_refused(db: &TestDb) {
    let p = passkeys(db).await;
    let token = p.invite("sam@school.org").await;
    let mut phishing = SoftAuthenticator::new("https://staff.example-school.org.evil.example");
    let begun = p.begin(&token, "sam.r").await;
    refused(p.setup.finish(&token, &begun.secret, &phishing.create(&begun.options)).await);
    let mut wrong_rp = SoftAuthenticator::new(ORIGIN);
    wrong_rp.rp_id = Some("evil.example".into());
    let begun = p.begin(&token, "sam.r").await;
    refused(p.setup.finish(&token, &begun.secret, &wrong_rp.create(&begun.options)).await);

    // At sign-in too: the real passkey, answered for another origin or RP ID.
    let mut phone = SoftAuthenticator::new(ORIGIN);
    let begun = p.begin(&token, "sam.r").await;
    p.setup.finish(&token, &begun.secret, &phone.create(&begun.options)).await.unwrap();
    phone.origin = "https://evil.example".into();
    sign_in_refused(p.sign_in_with(&mut phone, 0).await);
    phone.origin = ORIGIN.into();
    phone.rp_id = Some("evil.example".into());
    sign_in_refused(p.sign_in_with(&mut phone, 0).await);
    phone.rp_id = None;
    p.sign_in_with(&mut phone, 0).await.unwrap();
}

async fn a_passkey_without_user_verification_is_refused(db: &TestDb) {
    let p = passkeys(db).await;
    let token = p.invite("sam@school.org").await;
    let mut key = SoftAuthenticator::new(ORIGIN);
    key.verifies = false;
    let begun = p.begin(&token, "sam.r").await;
    refused(p.setup.finish(&token, &begun.secret, &key.create(&begun.options)).await);

    key.verifies = true;
    let begun = p.begin(&token, "sam.r").await;
    p.setup.finish(&token, &begun.secret, &key.create(&begun.options)).await.unwrap();
    key.verifies = false;
    sign_in_refused(p.sign_in_with(&mut key, 0).await);
}

async fn another_accounts_passkey_and_a_counter_going_back_are_refused(db: &TestDb) {
    let p = passkeys(db).await;
    let mut sams = SoftAuthenticator::new(ORIGIN);
    let mut kims = SoftAuthenticator::new(ORIGIN);
    let sam = p.set_up(&mut sams, "sam@school.org", "sam.r").await;
    let kim = p.set_up(&mut kims, "kim@school.org", "kim.l").await;

    // Sam's passkey, presented as Kim's account (Kim's user handle): refused.
    let kim_handle = kims.passkeys[0].user_handle.clone();
    let begun = p.sign_in.begin_passkey(client()).await.unwrap();
    let forged = sams.get_as(0, &begun.options, &kim_handle);
    sign_in_refused(p.finish_sign_in(&begun, &forged).await);
    assert_eq!(p.sign_in_with(&mut sams, 0).await.unwrap().user.id, sam.user_id);
    assert_eq!(p.sign_in_with(&mut kims, 0).await.unwrap().user.id, kim.user_id);

    // A replayed sign-in: its ceremony is spent.
    let begun = p.sign_in.begin_passkey(client()).await.unwrap();
    let answer = sams.get(0, &begun.options);
    p.finish_sign_in(&begun, &answer).await.unwrap();
    sign_in_refused(p.finish_sign_in(&begun, &answer).await);

    // A cloned passkey: its counter goes back below the one last seen.
    sams.passkeys[0].counter = 0;
    sign_in_refused(p.sign_in_with(&mut sams, 0).await);
}

async fn a_setup_that_would_be_refused_makes_no_ceremony(db: &TestDb) {
    let p = passkeys(db).await;
    let token = p.invite("sam@school.org").await;
    let mut bad = form("x");
    bad.phone = "not a phone".into();
    let refused = p.setup.begin(&token, &bad, None).await;
    assert!(
        matches!(refused, Err(AcceptError::Invalid(ref errors)) if errors.len() == 2),
        "{refused:?}"
    );
    p.h.add_user("taken@school.org", "taken.name").await;
    let taken = p.setup.begin(&token, &form("taken.name"), None).await;
    assert!(matches!(taken, Err(AcceptError::UsernameTaken)), "{taken:?}");
    let dead = p.setup.begin("not-a-link", &form("sam.r"), None).await;
    assert!(matches!(dead, Err(AcceptError::Link(LinkState::Invalid))), "{dead:?}");
}
