//! Signing in with the school's own accounts, against a real OpenID Connect provider
//! (npm's oidc-provider, `end2end/oidc/provider.mjs`) on both databases: an invitee accepts
//! with the account of the invited address only, and signs in with it later, found by the
//! provider's subject, never the address; each trip is the browser's own and used once; the
//! ID token's checks; the account page links and unlinks, never the last way in.

use std::sync::Arc;

use axum::http::{StatusCode, header};
use axum::response::Response;
use staff_onboarding::{
    domain::{LinkState, Role},
    server::clock::{Clock, ManualClock, SystemClock},
};

use crate::support::db::{TestDb, for_each_backend};
use crate::support::http::{App, ORIGIN, app_on_clock, form, invite, session_cookie, shown, text};
use crate::support::oidc::{Browser, Provider, Registered};

for_each_backend!(
    an_invitee_accepts_with_their_school_account_and_signs_in_with_it,
    another_address_an_unverified_one_or_another_domain_is_refused_and_the_link_still_works,
    a_replayed_or_foreign_state_and_a_reused_code_are_refused,
    the_id_token_checks_refuse_a_wrong_nonce_another_client_or_issuer_and_an_expired_one,
    a_school_account_is_found_by_its_subject_never_by_its_address,
    the_account_page_links_and_unlinks_but_never_the_last_way_in,
    a_link_that_dies_meanwhile_refuses_the_return,
);

struct Kit {
    provider: Provider,
    client: Registered,
    app: App,
    clock: Arc<ManualClock>,
}

async fn kit_with(db: &TestDb, client_name: &str, extra: &[(&str, &str)]) -> Kit {
    let provider = Provider::start();
    let client = provider.register(client_name).await;
    let mut vars: Vec<(&str, String)> = provider.vars(&client);
    vars.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let clock = Arc::new(ManualClock::starting_at(SystemClock.now()));
    let app = app_on_clock(db, &vars, clock.clone()).await.with_school().await;
    Kit { provider, client, app, clock }
}

async fn kit(db: &TestDb) -> Kit {
    kit_with(db, "staff-onboarding", &[]).await
}

/// One browser at the app: its session cookie, kept from answer to answer.
struct Visitor<'a> {
    app: &'a App,
    cookie: Option<String>,
}

impl<'a> Visitor<'a> {
    fn new(app: &'a App) -> Self {
        Visitor { app, cookie: None }
    }

    async fn post(&mut self, path: &str, body: &str) -> Response {
        let response = self.app.post_form(path, body, self.cookie.as_deref(), Some(ORIGIN)).await;
        self.keep(&response);
        response
    }

    async fn get(&mut self, path: &str) -> Response {
        let response = self.app.get(path, self.cookie.as_deref()).await;
        self.keep(&response);
        response
    }

    fn keep(&mut self, response: &Response) {
        if let Some(cookie) = session_cookie(response.headers()) {
            self.cookie = Some(cookie);
        }
    }

    /// Leaves for the provider with `body` (a "Continue with…" form); where the app sends
    /// the browser.
    async fn depart(&mut self, body: &str) -> String {
        let response = self.post("/auth/school/start", body).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{body}");
        location(&response)
    }

    /// Leaves, signs in at the provider as `sub`, and comes back: where the app sends the
    /// browser then.
    async fn round_trip(&mut self, provider: &Provider, body: &str, sub: &str) -> String {
        let authorize = self.depart(body).await;
        assert!(authorize.starts_with(&provider.issuer), "{authorize}");
        let back = Browser::new().sign_in_as(&authorize, sub).await;
        let response = self.get(&back).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        location(&response)
    }

    async fn page(&mut self, path: &str) -> String {
        shown(&text(self.get(path).await).await)
    }
}

fn location(response: &Response) -> String {
    response.headers()[header::LOCATION].to_str().unwrap().to_owned()
}

/// The value of `name` in `url`'s query.
fn parameter(url: &str, name: &str) -> String {
    let url = url::Url::parse(url).unwrap();
    let found = url.query_pairs().find(|(key, _)| key == name).map(|(_, v)| v.into_owned());
    found.unwrap_or_else(|| panic!("no {name} in {url}"))
}

/// The setup form, as its page posts it with a school account (no password).
fn school_form(token: &str, username: &str) -> String {
    format!("token={token}&full_name=Ada+Lovelace&phone=%2B44+7700+900123&username={username}")
}

async fn an_invitee_accepts_with_their_school_account_and_signs_in_with_it(db: &TestDb) {
    let k = kit(db).await;
    k.provider.person("ada-sub", "Ada@School.org", true, "Ada Lovelace").await;
    let (_, token) = invite(&k.app, "ada@school.org").await;
    let mut browser = Visitor::new(&k.app);

    let page = browser.page(&format!("/invite/{token}")).await;
    assert!(page.contains("Continue with Test School"), "{page}");
    let back =
        browser.round_trip(&k.provider, &format!("purpose=setup&token={token}"), "ada-sub").await;
    assert_eq!(back, format!("/invite/{token}"));
    let page = browser.page(&back).await;
    assert!(page.contains("sign in with your Test School account, ada@school.org"), "{page}");
    assert!(page.contains("action=\"/api/accept_with_school_account\""), "{page}");
    assert!(page.contains("value=\"Ada Lovelace\""), "the provider's name fills Full name: {page}");
    assert!(!page.contains("name=\"password\""), "{page}");

    let response =
        browser.post("/api/accept_with_school_account", &school_form(&token, "ada.l")).await;
    assert!(response.status().is_redirection(), "{}", response.status());
    assert_eq!(location(&response), "/account?welcome=1");
    let user = k.app.state.store.find_user_by_login("ada.l").await.unwrap().expect("the account");
    assert_eq!(user.email, "ada@school.org");
    let linked = k.app.state.store.school_account_of(user.id).await.unwrap().expect("linked");
    assert_eq!(
        (linked.issuer.as_str(), linked.subject.as_str()),
        (k.provider.issuer.as_str(), "ada-sub")
    );
    // The link is used up.
    assert_eq!(k.app.state.invitations.inspect(&token).await.unwrap(), LinkState::AlreadyUsed);

    // Later, in another browser: "Sign in with Test School".
    let mut later = Visitor::new(&k.app);
    let page = later.page("/login").await;
    assert!(page.contains("Sign in with Test School"), "{page}");
    let landed = later.round_trip(&k.provider, "purpose=sign_in&next=%2Faccount", "ada-sub").await;
    assert_eq!(landed, "/account");
    let me = text(k.app.call("/api/current_user", later.cookie.as_deref()).await).await;
    assert!(me.contains("ada.l"), "{me}");
}

async fn another_address_an_unverified_one_or_another_domain_is_refused_and_the_link_still_works(
    db: &TestDb,
) {
    let k = kit_with(db, "staff-onboarding", &[("OIDC_ALLOWED_DOMAINS", "school.org")]).await;
    k.provider.person("bob-sub", "bob@school.org", true, "Bob").await;
    k.provider.person("ada-unverified", "ada@school.org", false, "Ada").await;
    k.provider.person("ada-home", "ada@home.example", true, "Ada").await;
    let (_, token) = invite(&k.app, "ada@school.org").await;
    let setup = format!("purpose=setup&token={token}");
    let cases = [
        ("bob-sub", "You signed in as bob@school.org, but this invitation is for ada@school.org."),
        ("ada-unverified", "hasn't verified the address ada@school.org"),
        ("ada-home", "ada@home.example isn't one of this school's addresses."),
    ];
    for (sub, said) in cases {
        let mut browser = Visitor::new(&k.app);
        let back = browser.round_trip(&k.provider, &setup, sub).await;
        let page = browser.page(&back).await;
        assert!(page.contains(said), "{sub}: {page}");
        // A way to try another account, and the password form as ever.
        assert!(page.contains("Use another Test School account"), "{page}");
        assert!(page.contains("name=\"password\""), "{page}");
        // Nothing verified: the school account's submit is refused.
        let refused =
            browser.post("/api/accept_with_school_account", &school_form(&token, "ada.l")).await;
        assert!(!refused.status().is_success(), "{sub}");
        assert!(k.app.state.store.find_user_by_login("ada.l").await.unwrap().is_none());
    }
    assert!(matches!(
        k.app.state.invitations.inspect(&token).await.unwrap(),
        LinkState::Valid { .. }
    ));
    let response =
        k.app.post_form("/api/accept_invitation", &form(&token, "ada.l"), None, Some(ORIGIN)).await;
    assert!(response.status().is_redirection(), "the link still works: {}", response.status());
}

async fn a_replayed_or_foreign_state_and_a_reused_code_are_refused(db: &TestDb) {
    let k = kit(db).await;
    k.provider.person("ada-sub", "ada@school.org", true, "Ada Lovelace").await;
    let (_, token) = invite(&k.app, "ada@school.org").await;
    let setup = format!("purpose=setup&token={token}");

    let mut browser = Visitor::new(&k.app);
    let authorize = browser.depart(&setup).await;
    let back = Browser::new().sign_in_as(&authorize, "ada-sub").await;
    // Another browser with this return (a link sent to a victim, say) gets nowhere, and
    // doesn't spend the trip.
    let mut stranger = Visitor::new(&k.app);
    let answer = stranger.get(&back).await;
    assert_eq!(location(&answer), "/login?school=school-stale");
    // The browser that left comes back once.
    assert_eq!(location(&browser.get(&back).await), format!("/invite/{token}"));
    assert!(browser.page(&format!("/invite/{token}")).await.contains("ada@school.org"));
    let again = browser.get(&back).await;
    assert_eq!(location(&again), "/login?school=school-stale");

    // A used code with a new trip's state: the provider refuses it.
    let code = parameter(&format!("http://x{back}"), "code");
    let mut next = Visitor::new(&k.app);
    let authorize = next.depart(&setup).await;
    let state = parameter(&authorize, "state");
    let forged = format!("/auth/school/return?code={code}&state={state}");
    assert_eq!(location(&next.get(&forged).await), format!("/invite/{token}"));
    let page = next.page(&format!("/invite/{token}")).await;
    assert!(page.contains("Your school account couldn't be checked."), "{page}");
    assert!(!page.contains("action=\"/api/accept_with_school_account\""), "{page}");
    // A form that isn't one of the pages', or comes from another site.
    let refused =
        k.app.post_form("/auth/school/start", "purpose=nonsense", None, Some(ORIGIN)).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert!(text(refused).await.contains("wasn't sent whole"));
    let cross =
        k.app.post_form("/auth/school/start", &setup, None, Some("https://evil.example")).await;
    assert!(cross.status().is_client_error(), "{}", cross.status());
    // A return with no trip at all.
    let mut nobody = Visitor::new(&k.app);
    let answer = nobody.get("/auth/school/return?code=x&state=made-up").await;
    assert_eq!(location(&answer), "/login?school=school-stale");
    // Turned back at the provider: the error answer carries no code.
    let mut cancelled = Visitor::new(&k.app);
    let authorize = cancelled.depart("purpose=sign_in").await;
    let state = parameter(&authorize, "state");
    let answer =
        cancelled.get(&format!("/auth/school/return?error=access_denied&state={state}")).await;
    assert_eq!(location(&answer), "/login?school=school-cancelled");
}

async fn the_id_token_checks_refuse_a_wrong_nonce_another_client_or_issuer_and_an_expired_one(
    db: &TestDb,
) {
    // Its ID tokens are valid for 60 s.
    let k = kit_with(db, "short-lived", &[]).await;
    k.provider.person("ada-sub", "ada@school.org", true, "Ada").await;
    let school = k.app.state.school.clone().expect("offered");
    let provider = school.provider();

    let ours = Browser::new().id_token(&k.provider, &k.client, "ada-sub", "nonce-1").await;
    let claimed = provider.check_raw(&ours, "nonce-1").expect("a good token passes");
    assert_eq!(claimed.subject, "ada-sub");
    assert!(provider.check_raw(&ours, "nonce-2").is_err(), "a wrong nonce");
    // One character of the signature changed, well inside it (the last one's low bits are
    // padding, which a decoder may ignore).
    let at = ours.len() - 10;
    let swapped = if &ours[at..=at] == "A" { "B" } else { "A" };
    let tampered = format!("{}{swapped}{}", &ours[..at], &ours[at + 1..]);
    assert!(provider.check_raw(&tampered, "nonce-1").is_err(), "a broken signature");

    let other_app = k.provider.register("another-app").await;
    let theirs = Browser::new().id_token(&k.provider, &other_app, "ada-sub", "nonce-3").await;
    assert!(provider.check_raw(&theirs, "nonce-3").is_err(), "another client's token");

    let elsewhere = Provider::start();
    elsewhere.person("ada-sub", "ada@school.org", true, "Ada").await;
    let foreign_client = elsewhere.register("staff-onboarding").await;
    let foreign = Browser::new().id_token(&elsewhere, &foreign_client, "ada-sub", "nonce-4").await;
    assert!(provider.check_raw(&foreign, "nonce-4").is_err(), "another issuer's token");

    k.clock.advance(std::time::Duration::from_secs(120));
    assert!(provider.check_raw(&ours, "nonce-1").is_err(), "an expired token");
}

async fn a_school_account_is_found_by_its_subject_never_by_its_address(db: &TestDb) {
    let k = kit(db).await;
    k.provider.person("ada-sub", "ada@school.org", true, "Ada Lovelace").await;
    let (_, token) = invite(&k.app, "ada@school.org").await;
    let mut browser = Visitor::new(&k.app);
    browser.round_trip(&k.provider, &format!("purpose=setup&token={token}"), "ada-sub").await;
    let created =
        browser.post("/api/accept_with_school_account", &school_form(&token, "ada.l")).await;
    assert!(created.status().is_redirection());

    // Her address changes at the provider: the same account signs in.
    k.provider.person("ada-sub", "ada.lovelace@school.org", true, "Ada Lovelace").await;
    let mut later = Visitor::new(&k.app);
    assert_eq!(later.round_trip(&k.provider, "purpose=sign_in", "ada-sub").await, "/account");
    // Someone else at the provider with her old address signs in to nothing.
    k.provider.person("impostor", "ada@school.org", true, "Not Ada").await;
    let mut impostor = Visitor::new(&k.app);
    let landed = impostor.round_trip(&k.provider, "purpose=sign_in", "impostor").await;
    assert_eq!(landed, "/login?school=school-unknown");
    let page = impostor.page(&landed).await;
    assert!(page.contains("No account here signs in with that school account."), "{page}");
    let me = text(k.app.call("/api/current_user", impostor.cookie.as_deref()).await).await;
    assert!(!me.contains("ada.l"), "{me}");

    // Deactivated: refused as a password would be.
    let user = k.app.state.store.find_user_by_login("ada.l").await.unwrap().unwrap();
    k.app.user("head", Role::SuperAdmin).await;
    let head = k.app.state.store.find_user_by_login("head").await.unwrap().unwrap();
    k.app.state.accounts.deactivate(&head.into(), user.id).await.unwrap();
    let mut after = Visitor::new(&k.app);
    let landed = after.round_trip(&k.provider, "purpose=sign_in", "ada-sub").await;
    assert_eq!(landed, "/login?school=sign-in-deactivated");
}

async fn the_account_page_links_and_unlinks_but_never_the_last_way_in(db: &TestDb) {
    let k = kit(db).await;
    k.app.user("tess", Role::Teacher).await;
    k.app.user("robin", Role::Teacher).await;
    k.provider.person("tess-sub", "tess@school.org", true, "Tess").await;
    let mut tess = Visitor { cookie: Some(k.app.sign_in("tess").await), app: &k.app };
    let back = tess.round_trip(&k.provider, "purpose=link", "tess-sub").await;
    assert_eq!(back, "/account?school=school-linked");
    let ways = text(k.app.call("/api/my_sign_in_ways", tess.cookie.as_deref()).await).await;
    assert!(ways.contains("tess@school.org") && ways.contains("Test School"), "{ways}");
    // Now a way in on its own.
    let mut elsewhere = Visitor::new(&k.app);
    assert_eq!(elsewhere.round_trip(&k.provider, "purpose=sign_in", "tess-sub").await, "/account");

    // Another account can't take it.
    let mut robin = Visitor { cookie: Some(k.app.sign_in("robin").await), app: &k.app };
    let back = robin.round_trip(&k.provider, "purpose=link", "tess-sub").await;
    assert_eq!(back, "/account?school=school-account-elsewhere");

    // Tess has a password too, so it unlinks.
    let response = k.app.call("/api/unlink_school_account", tess.cookie.as_deref()).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(text(response).await.contains("Your Test School account is unlinked"));
    let mut gone = Visitor::new(&k.app);
    let landed = gone.round_trip(&k.provider, "purpose=sign_in", "tess-sub").await;
    assert_eq!(landed, "/login?school=school-unknown");

    // An account made with its school account alone keeps it.
    k.provider.person("ada-sub", "ada@school.org", true, "Ada").await;
    let (_, token) = invite(&k.app, "ada@school.org").await;
    let mut ada = Visitor::new(&k.app);
    ada.round_trip(&k.provider, &format!("purpose=setup&token={token}"), "ada-sub").await;
    let created = ada.post("/api/accept_with_school_account", &school_form(&token, "ada.l")).await;
    assert!(created.status().is_redirection());
    let response = k.app.call("/api/unlink_school_account", ada.cookie.as_deref()).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let user = k.app.state.store.find_user_by_login("ada.l").await.unwrap().unwrap();
    assert!(k.app.state.store.school_account_of(user.id).await.unwrap().is_some());
}

async fn a_link_that_dies_meanwhile_refuses_the_return(db: &TestDb) {
    let k = kit(db).await;
    k.provider.person("ada-sub", "ada@school.org", true, "Ada Lovelace").await;
    let (id, token) = invite(&k.app, "ada@school.org").await;
    let mut browser = Visitor::new(&k.app);
    let authorize = browser.depart(&format!("purpose=setup&token={token}")).await;
    let back = Browser::new().sign_in_as(&authorize, "ada-sub").await;
    // Revoked while the person was at the provider.
    k.app.user("head", Role::SuperAdmin).await;
    let head = k.app.state.store.find_user_by_login("head").await.unwrap().unwrap();
    let head: staff_onboarding::server::auth::CurrentUser = head.into();
    k.app.state.invitations.revoke(&head.actor(), id).await.unwrap();
    assert_eq!(location(&browser.get(&back).await), format!("/invite/{token}"));
    let page = browser.page(&format!("/invite/{token}")).await;
    assert!(!page.contains("accept_with_school_account"), "{page}");
    let refused =
        browser.post("/api/accept_with_school_account", &school_form(&token, "ada.l")).await;
    assert!(!refused.status().is_success());
    assert!(k.app.state.store.find_user_by_login("ada.l").await.unwrap().is_none());
}

/// A provider whose discovery document can't be read stops start-up, naming `OIDC_ISSUER`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_provider_that_cant_be_read_stops_start_up() {
    let db = TestDb::sqlite();
    // Nothing listens on port 9 of this machine.
    let vars = [
        ("OIDC_ISSUER", "http://127.0.0.1:9"),
        ("OIDC_CLIENT_ID", "abc"),
        ("OIDC_CLIENT_SECRET", "s3cret"),
        ("OIDC_LABEL", "Test School"),
    ];
    let app = crate::support::http::app(&db, &vars).await;
    let Err(error) = app.state.clone().with_school_sign_in().await else {
        panic!("started without its provider");
    };
    assert_eq!(error.var, "OIDC_ISSUER");
    assert!(error.problem.contains("could not read the provider's discovery document"), "{error}");
}
