//! Getting back in with a sign-in link, on both databases, through a real SMTP server: the
//! same answer for a known and an unknown address, one use, an hour, sealed at rest, other
//! sessions ended, the limits, and a Super-Admin sending one.

use std::sync::Arc;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

use staff_onboarding::{
    domain::Role,
    server::{
        auth::{
            CurrentUser,
            client_ip::ClientIp,
            limits::{RateConfig, RateLimits},
        },
        clock::Clock,
        services::{Recovery, RecoveryError, RelyingParty, SignInAttempt, SignInService},
    },
};

use crate::email::{parse, sender};
use crate::passkeys::ORIGIN;
use crate::support::authenticator::SoftAuthenticator;
use crate::support::db::{TestDb, for_each_backend};
use crate::support::service::Harness;
use crate::support::smtp_sink::SmtpSink;

for_each_backend!(
    a_known_and_an_unknown_address_get_the_same_answer_and_only_one_an_email,
    a_link_sets_a_new_password_once_and_ends_every_other_session,
    a_link_adds_a_passkey,
    a_link_expires_after_an_hour_and_a_newer_one_replaces_it,
    a_link_is_sealed_at_rest,
    asking_is_limited_per_address_and_per_account,
    a_super_admin_sends_a_link_and_it_says_who_sent_it,
);

const PASSWORD: &str = "amber fox quiet lantern";

pub(crate) struct Kit {
    pub(crate) h: Harness,
    pub(crate) recovery: Recovery,
    pub(crate) sink: SmtpSink,
}

pub(crate) async fn kit(db: &TestDb) -> Kit {
    kit_with(db, RateConfig::default()).await
}

async fn kit_with(db: &TestDb, rates: RateConfig) -> Kit {
    let h = Harness::new(db).await;
    let limits = Arc::new(RateLimits::new(rates, h.store.clone(), h.clock.clone()));
    let url = ORIGIN.parse().unwrap();
    let rp = Arc::new(RelyingParty::new(&url, "Test School", h.store.clone(), h.clock.clone()));
    let recovery = Recovery::new(
        h.store.clone(),
        h.clock.clone(),
        limits,
        rp,
        h.sealer.clone(),
        url,
        Default::default(),
        Arc::default(),
    );
    Kit { h, recovery, sink: SmtpSink::start().await }
}

fn client(n: u8) -> ClientIp {
    ClientIp(format!("192.0.2.{n}").parse().unwrap())
}

impl Kit {
    /// Sends what the outbox holds; the sign-in links of the emails that arrived, in order.
    async fn links(&self) -> Vec<(String, String)> {
        sender(&self.h, &self.sink, crate::email::config()).drain_all().await.unwrap();
        self.sink
            .received()
            .iter()
            .map(|mail| {
                let mail = parse(&mail.data);
                let link = mail
                    .text
                    .split_whitespace()
                    .find(|word| word.contains("/sign-in/"))
                    .map(str::to_owned)
                    .unwrap_or_default();
                (mail.to, link)
            })
            .collect()
    }

    async fn sign_in(&self, password: &str) -> bool {
        let limits = Arc::new(RateLimits::new(
            RateConfig::default(),
            self.h.store.clone(),
            self.h.clock.clone(),
        ));
        let service = SignInService::new(
            self.h.store.clone(),
            self.h.clock.clone(),
            limits,
            self.h.sealer.clone(),
        );
        let attempt =
            SignInAttempt { login: "kim.l", password, client: client(200), device_cookie: None };
        service.sign_in(&attempt).await.is_ok()
    }
}

fn token(link: &str) -> &str {
    link.rsplit_once("/sign-in/").unwrap().1
}

async fn a_known_and_an_unknown_address_get_the_same_answer_and_only_one_an_email(db: &TestDb) {
    let k = kit(db).await;
    k.h.add_user("kim@school.org", "kim.l").await;
    for login in ["Kim@School.org", "nobody@school.org", "", "kim.l"] {
        k.recovery.request(login, client(1)).await.unwrap();
        k.links().await;
    }
    let links = k.links().await;
    assert_eq!(links.len(), 2, "one for the address, one for the username: {links:?}");
    assert!(
        links.iter().all(|(to, link)| to.contains("kim@school.org") && link.starts_with(ORIGIN))
    );
    // A deactivated account gets nothing either.
    let gone = k.h.add_user("gone@school.org", "gone.g").await;
    let admin = admin(&k).await;
    staff_onboarding::server::services::AccountService::new(
        k.h.store.clone(),
        k.h.clock.clone(),
        Default::default(),
        staff_onboarding::server::school::SchoolZone::utc(),
    )
    .deactivate(&admin, gone.id)
    .await
    .unwrap();
    k.recovery.request("gone@school.org", client(1)).await.unwrap();
    assert_eq!(k.links().await.len(), 2);
}

async fn admin(k: &Kit) -> CurrentUser {
    let id = k.h.admin.user_id.unwrap();
    k.h.store.find_user(id).await.unwrap().unwrap().into()
}

async fn a_link_sets_a_new_password_once_and_ends_every_other_session(db: &TestDb) {
    let k = kit(db).await;
    let kim = k.h.add_user("kim@school.org", "kim.l").await;
    k.recovery.request("kim.l", client(1)).await.unwrap();
    let (_, link) = k.links().await.remove(0);
    let seen = k.recovery.inspect(token(&link)).await.unwrap();
    assert_eq!((seen.user_id, seen.username.as_str()), (kim.id, "kim.l"));
    let short = k.recovery.with_password(token(&link), "short").await;
    assert!(matches!(short, Err(RecoveryError::Password(_))), "{short:?}");
    let user = k.recovery.with_password(token(&link), PASSWORD).await.unwrap();
    assert!(user.session_epoch > kim.session_epoch, "every other session ends");
    assert!(k.sign_in(PASSWORD).await);
    let again = k.recovery.with_password(token(&link), "violet tram orbit kettle").await;
    assert!(matches!(again, Err(RecoveryError::Dead)), "{again:?}");
    assert!(k.sign_in(PASSWORD).await, "the second use changed nothing");
}

async fn a_link_adds_a_passkey(db: &TestDb) {
    let k = kit(db).await;
    let kim = k.h.add_user("kim@school.org", "kim.l").await;
    k.recovery.request("kim@school.org", client(1)).await.unwrap();
    let (_, link) = k.links().await.remove(0);
    let mut phone = SoftAuthenticator::new(ORIGIN);
    let begun = k.recovery.begin_passkey(token(&link), Some("Mozilla/5.0 (iPhone)")).await.unwrap();
    let answer = phone.create(&begun.options);
    let user = k.recovery.finish_passkey(token(&link), &begun.secret, &answer).await.unwrap();
    assert_eq!(user.id, kim.id);
    assert!(user.session_epoch > kim.session_epoch);
    let passkeys = k.h.store.passkeys_of(kim.id).await.unwrap();
    assert_eq!(passkeys.len(), 1);
    assert_eq!(passkeys[0].name, "iPhone");
    // The link is spent: a second ceremony can't begin.
    assert!(matches!(k.recovery.begin_passkey(token(&link), None).await, Err(RecoveryError::Dead)));
}

async fn a_link_expires_after_an_hour_and_a_newer_one_replaces_it(db: &TestDb) {
    let k = kit(db).await;
    k.h.add_user("kim@school.org", "kim.l").await;
    // Asked for twice before anything went out: only the newer link's email goes.
    k.recovery.request("kim.l", client(1)).await.unwrap();
    k.recovery.request("kim.l", client(1)).await.unwrap();
    let links = k.links().await;
    assert_eq!(links.len(), 1, "the replaced link's email was not sent");
    let first = token(&links[0].1).to_owned();
    k.recovery.inspect(&first).await.unwrap();
    // Asked again: the newer link works, the older no longer does.
    k.recovery.request("kim.l", client(1)).await.unwrap();
    let links = k.links().await;
    let newer = token(&links[1].1);
    assert!(matches!(k.recovery.inspect(&first).await, Err(RecoveryError::Dead)), "replaced");
    k.recovery.inspect(newer).await.unwrap();
    k.h.clock.advance(std::time::Duration::from_secs(3600));
    assert!(matches!(k.recovery.inspect(newer).await, Err(RecoveryError::Dead)), "expired");
    let late = k.recovery.with_password(newer, PASSWORD).await;
    assert!(matches!(late, Err(RecoveryError::Dead)), "{late:?}");
    assert!(matches!(k.recovery.inspect("not-a-link").await, Err(RecoveryError::Dead)));
}

async fn a_link_is_sealed_at_rest(db: &TestDb) {
    let k = kit(db).await;
    k.h.add_user("kim@school.org", "kim.l").await;
    k.recovery.request("kim.l", client(1)).await.unwrap();
    // Queued, then sent: the database holds the link's hash and a sealed copy, never the link.
    let queued = crate::at_rest::database_copy(db).await;
    let (_, link) = k.links().await.remove(0);
    let sent = crate::at_rest::database_copy(db).await;
    let secret = token(&link);
    let raw = URL_SAFE_NO_PAD.decode(secret).unwrap();
    for copy in [&queued, &sent] {
        let contains = |needle: &[u8]| copy.windows(needle.len()).any(|w| w == needle);
        assert!(contains(b"kim@school.org"), "the copy is readable and holds the data");
        assert!(!contains(secret.as_bytes()) && !contains(&raw), "the link's secret is stored");
        assert!(!contains(b"/sign-in/"), "a link is stored");
    }
}

async fn asking_is_limited_per_address_and_per_account(db: &TestDb) {
    let k = kit(db).await;
    k.h.add_user("kim@school.org", "kim.l").await;
    // Per account: three links an hour to one account, from any number of addresses; the
    // answer stays the same.
    for n in 1..=5 {
        k.recovery.request("kim.l", client(n)).await.unwrap();
        k.links().await;
    }
    assert_eq!(k.links().await.len(), 3);
    // Per address: five requests, then "wait a minute", whatever they ask for.
    for _ in 0..5 {
        k.recovery.request("someone@school.org", client(9)).await.unwrap();
    }
    let limited = k.recovery.request("someone@school.org", client(9)).await;
    assert!(matches!(limited, Err(RecoveryError::Limited)), "{limited:?}");
}

async fn a_super_admin_sends_a_link_and_it_says_who_sent_it(db: &TestDb) {
    let k = kit(db).await;
    let kim = k.h.add_user("kim@school.org", "kim.l").await;
    let admin = admin(&k).await;
    assert_eq!(admin.role, Role::SuperAdmin);
    let to = k.recovery.send(&admin, kim.id).await.unwrap();
    assert_eq!(to, "kim@school.org");
    sender(&k.h, &k.sink, crate::email::config()).drain_all().await.unwrap();
    let mail = parse(&k.sink.received()[0].data);
    assert!(mail.text.contains("Alex Head sent you a link"), "{}", mail.text);
    assert!(matches!(k.recovery.send(&admin, 999).await, Err(RecoveryError::NotFound)));
    // The Staff list records it on the account: who sent it, and when.
    let staff = staff_onboarding::server::services::AccountService::new(
        k.h.store.clone(),
        k.h.clock.clone(),
        Default::default(),
        staff_onboarding::server::school::SchoolZone::utc(),
    )
    .staff(&admin, None)
    .await
    .unwrap();
    let row = staff.items.iter().find(|member| member.id == kim.id).unwrap();
    let sent = row.sign_in_link_sent.as_ref().expect("the link is on the account's row");
    assert_eq!(sent.by, "Alex Head");
    assert_eq!(sent.at.at, k.h.clock.now());
    let sent = staff_onboarding::server::i18n::english(sent);
    assert!(sent.starts_with("Sign-in link sent by Alex Head, "));
    // One the person asked for themselves is not an admin's.
    let own = staff.items.iter().find(|member| member.id == admin.id).unwrap();
    assert_eq!(own.sign_in_link_sent, None);
}

/// Over HTTP: the same status and words for an address with an account and one without.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asking_over_http_answers_the_same_for_any_address() {
    use crate::support::http::{ORIGIN, app, text};
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("kim.l", Role::Teacher).await;
    let mut answers = Vec::new();
    for login in ["kim.l", "nobody.here", "kim.l@school.org"] {
        let response = app
            .post_form("/api/request_sign_in_link", &format!("login={login}"), None, Some(ORIGIN))
            .await;
        answers.push((response.status().as_u16(), text(response).await));
    }
    assert!(answers[0].0 < 400, "{answers:?}");
    assert!(answers.iter().all(|answer| *answer == answers[0]), "{answers:?}");
}
