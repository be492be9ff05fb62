//! The invitee's setup page over HTTP: a complete server-rendered form for a good link, the
//! right status and sentence for every bad one, and the account created from the form.

use std::time::Duration;

use axum::http::{StatusCode, header};
use staff_onboarding::{
    domain::{LinkState, SetupError},
    server::store::Actor,
};

use crate::support::db::TestDb;
use crate::support::http::{App, ORIGIN, app, form, invite, session_cookie, text};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_good_link_opens_a_complete_form_and_changes_nothing() {
    let db = TestDb::sqlite();
    let app = app(&db, &[("SCHOOL_NAME", "Greenwood High")]).await;
    let (id, token) = invite(&app, "sam@school.org").await;
    let history = app.state.invitations.history(id).await.unwrap();

    let response = app.get(&format!("/invite/{token}"), None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::REFERRER_POLICY], "no-referrer");
    assert_eq!(session_cookie(response.headers()), None, "a plain view starts no session");
    let html = text(response).await;
    for needle in [
        "Greenwood High",
        "Set up your account",
        "sam@school.org",
        "Teacher",
        r#"autocomplete="name""#,
        r#"type="tel""#,
        r#"autocomplete="tel""#,
        r#"autocomplete="username""#,
        r#"autocomplete="new-password""#,
        r#"method="post""#,
        "Create account",
    ] {
        assert!(html.contains(needle), "the page has {needle}");
    }
    assert_eq!(app.state.invitations.history(id).await.unwrap(), history, "a GET records nothing");
    assert!(matches!(
        app.state.invitations.inspect(&token).await.unwrap(),
        LinkState::Valid { .. }
    ));
}

/// The form once said "At least 12 characters" whatever PASSWORD_MIN_LENGTH said: with 16,
/// it took 12 to 15 and the server refused them. The page states the configured rule.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_form_states_the_configured_password_rule() {
    let db = TestDb::sqlite();
    let app = app(&db, &[("PASSWORD_MIN_LENGTH", "16")]).await;
    let (_, token) = invite(&app, "sam@school.org").await;
    let html = text(app.get(&format!("/invite/{token}"), None).await).await;
    assert!(html.contains("At least 16 characters"), "{html}");
    assert!(!html.contains("At least 12 characters"));
    let fifteen = form(&token, "sam.rivera").replace("violet+tram+orbit+kettle", "violet+tram+orb");
    let refused = app.call_form("/api/accept_invitation", &fifteen).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = text(refused).await;
    assert!(
        refused.contains(r#""id":"password-too-short","args":[["min",{"Number":16}]]"#),
        "{refused}"
    );
}

/// With no SCHOOL_NAME, the page once showed "our school" above its heading, as if it were a
/// name: the default belongs inside the email's sentences, not on a label.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_school_name_the_page_shows_no_label_for_it() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    let (_, token) = invite(&app, "sam@school.org").await;
    let html = text(app.get(&format!("/invite/{token}"), None).await).await;
    assert!(html.contains("Set up your account"));
    assert!(!html.contains("eyebrow"), "no label above the heading");
    assert!(!html.contains(">our school<"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_bad_link_gets_its_status_and_sentence() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    let service = &app.state.invitations;

    let page = |path: String| {
        let app = &app;
        async move {
            let response = app.get(&path, None).await;
            (response.status(), text(response).await)
        }
    };
    let (status, html) = page("/invite/not-a-real-token".into()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Check that you copied the whole link from the email."));

    let (id, old) = invite(&app, "a@school.org").await;
    service.resend(&Actor::system(), id).await.unwrap();
    let (status, html) = page(format!("/invite/{old}")).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(
        html.contains("A newer invitation was sent to you. Use the link in the most recent email.")
    );

    let (id, token) = invite(&app, "b@school.org").await;
    service.revoke(&Actor::system(), id).await.unwrap();
    let (status, html) = page(format!("/invite/{token}")).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(html.contains("This invitation was withdrawn. Contact your school administrator."));
    assert!(!html.contains("b@school.org"), "a bad link never says whose it was");

    let (_, token) = invite(&app, "c@school.org").await;
    let accepted = app
        .post_form("/api/accept_invitation", &form(&token, "cee.person"), None, Some(ORIGIN))
        .await;
    assert!(accepted.status().is_redirection(), "{}", accepted.status());
    let (status, html) = page(format!("/invite/{token}")).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(html.contains("already been used") && html.contains("/login"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn submitting_the_form_creates_the_account_and_signs_in() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    let (_, token) = invite(&app, "sam@school.org").await;
    let response = app
        .post_form("/api/accept_invitation", &form(&token, "sam.rivera"), None, Some(ORIGIN))
        .await;
    assert!(response.status().is_redirection(), "{}", response.status());
    assert_eq!(response.headers()[header::LOCATION], "/account?welcome=1");
    let cookie = session_cookie(response.headers()).expect("signed in");
    let account = text(app.get("/account?welcome=1", Some(&cookie)).await).await;
    assert!(account.contains("Your account is ready"));
    assert!(account.contains("sam.rivera") && account.contains("+447700900123"));

    // A second submit of the same form: the link is used.
    let again = app.call_form("/api/accept_invitation", &form(&token, "someone.else")).await;
    assert_eq!(again.status(), StatusCode::GONE);
    let error: SetupError = serde_json::from_str(&text(again).await).unwrap();
    assert_eq!(error, SetupError::Link(LinkState::AlreadyUsed));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn problems_come_back_as_4xx_with_every_field() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    let (_, token) = invite(&app, "sam@school.org").await;
    let bad = format!("token={token}&full_name=&phone=07700&username=1x&password=short");
    let response = app.call_form("/api/accept_invitation", &bad).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let SetupError::Fields(errors) = serde_json::from_str(&text(response).await).unwrap() else {
        panic!("field errors expected")
    };
    assert_eq!(errors.len(), 4);

    app.state.invitations.invite(&Actor::system(), "other@school.org", "Teacher").await.unwrap();
    let (_, other) = invite(&app, "third@school.org").await;
    let ok = app.call_form("/api/accept_invitation", &form(&other, "taken.name")).await;
    assert!(ok.status().is_success() || ok.status().is_redirection(), "{}", ok.status());
    let taken = app.call_form("/api/accept_invitation", &form(&token, "Taken.Name")).await;
    assert_eq!(taken.status(), StatusCode::CONFLICT);
    assert_eq!(
        serde_json::from_str::<SetupError>(&text(taken).await).unwrap(),
        SetupError::UsernameTaken {
            suggestions: vec!["Taken.Name2".into(), "Taken.Name3".into(), "Taken.Name4".into()]
        },
        "the refusal offers free variants"
    );

    let invalid = app.call_form("/api/accept_invitation", &form("nonsense", "x.person")).await;
    assert_eq!(invalid.status(), StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn link_pages_and_username_checks_are_rate_limited() {
    use staff_onboarding::server::auth::limits::{Rate, RateConfig};

    let db = TestDb::sqlite();
    let tight = Rate { burst: 2, every: Duration::from_millis(300) };
    let app = app(&db, &[]).await.with_rates(RateConfig {
        link_per_address: tight,
        username_checks_per_link: tight,
        ..RateConfig::default()
    });
    let (_, token) = invite(&app, "sam@school.org").await;

    // Username checks: per link, and only for a valid one.
    let check = |name: &'static str| {
        let (app, body) = (&app, format!("token={token}&username={name}"));
        async move { app.call_form("/api/check_username", &body).await }
    };
    let first = check("sam.rivera").await;
    assert_eq!(first.status(), StatusCode::OK);
    let answer: staff_onboarding::domain::UsernameCheck =
        serde_json::from_str(&text(first).await).unwrap();
    assert_eq!(answer, staff_onboarding::domain::UsernameCheck::Available);
    assert_eq!(check("sam.r").await.status(), StatusCode::OK);
    let limited = check("sam.rr").await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(text(limited).await.contains("Too many attempts"));
    let unknown = app.call_form("/api/check_username", "token=nonsense&username=sam").await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND, "no answers for a bad link");

    // Link pages: per IP.
    assert_eq!(app.get(&format!("/invite/{token}"), None).await.status(), StatusCode::OK);
    assert_eq!(app.get(&format!("/invite/{token}"), None).await.status(), StatusCode::OK);
    let page = app.get(&format!("/invite/{token}"), None).await;
    assert_eq!(page.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(text(page).await.contains("Too many attempts"));
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(
        app.get(&format!("/invite/{token}"), None).await.status(),
        StatusCode::OK,
        "recovers"
    );
}

/// The no-JavaScript path: the browser posts the form itself and follows the redirect.
async fn post_without_js(
    app: &App,
    path: &str,
    body: &str,
    cookie: Option<&str>,
) -> (String, Option<String>) {
    let response = app.post_form(path, body, cookie, Some(ORIGIN)).await;
    assert_eq!(response.status(), StatusCode::FOUND, "a plain form post is redirected");
    let location = response.headers()[header::LOCATION].to_str().unwrap().to_owned();
    (location, session_cookie(response.headers()))
}

/// The error summary as rendered when there is a problem (without one it is there, hidden,
/// for the page's script to fill in).
const SUMMARY_SHOWN: &str =
    r#"<div id="error-summary" role="alert" tabindex="-1" class="error-summary">"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_a_refused_form_comes_back_with_its_values_and_errors() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    let (_, token) = invite(&app, "sam@school.org").await;
    let bad = format!(
        "token={token}&full_name=Sam+%3Cb%3ERivera%3C%2Fb%3E&phone=07700+900123&username=sam.rivera&password=violet+tram+orbit+kettle"
    );
    let (location, cookie) = post_without_js(&app, "/api/accept_invitation", &bad, None).await;
    assert_eq!(location, format!("/invite/{token}"), "back to the form");
    let cookie = cookie.expect("the refused form is kept in a session");

    let page = app.get(&location, Some(&cookie)).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = text(page).await;
    assert!(html.contains(SUMMARY_SHOWN), "the summary: {html}");
    assert!(html.contains(r##"href="#phone""##), "linked to the field");
    assert!(html.contains("country code"), "the reason");
    assert!(html.contains(r#"value="07700 900123""#), "the phone as typed");
    assert!(html.contains(r#"value="Sam &lt;b&gt;Rivera&lt;/b&gt;""#), "the name, inert");
    assert!(html.contains(r#"value="sam.rivera""#), "the username");
    assert!(!html.contains("violet tram"), "never the password");

    let again = text(app.get(&location, Some(&cookie)).await).await;
    assert!(!again.contains(SUMMARY_SHOWN), "shown once (post/redirect/get): {again}");
    let phone_error = html.split(r#"id="phone-error" class="field-error">"#).nth(1).unwrap();
    let phone_error = &phone_error[..phone_error.find("</p>").unwrap()];
    assert!(phone_error.contains("country code"), "beside the field: {phone_error}");
    let shown_again = again.split(r#"id="phone-error""#).nth(1).unwrap();
    let shown_again = &shown_again[shown_again.find('>').unwrap() + 1..];
    let empty = shown_again.trim_start_matches("<!>").starts_with("</p>");
    assert!(empty, "shown once (post/redirect/get): {shown_again:.80}");
    let stranger = text(app.get(&location, None).await).await;
    assert!(!stranger.contains("sam.rivera"), "only in the browser that sent it");

    // A taken username comes back with free variants to type.
    app.state.invitations.invite(&Actor::system(), "kim@school.org", "Teacher").await.unwrap();
    let (_, other) = invite(&app, "lee@school.org").await;
    let (_, _) =
        post_without_js(&app, "/api/accept_invitation", &form(&other, "sam.rivera"), None).await;
    let (location, renewed) =
        post_without_js(&app, "/api/accept_invitation", &form(&token, "Sam.Rivera"), Some(&cookie))
            .await;
    let html = text(app.get(&location, Some(&renewed.unwrap_or(cookie))).await).await;
    assert!(html.contains("That username is taken"), "{html}");
    assert!(html.contains("<code>Sam.Rivera2</code>"), "a free variant to type: {html}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_submit_that_races_the_links_end_says_no_account_was_made() {
    let db = TestDb::sqlite();
    let app = app(&db, &[("INVITE_TTL", "1s")]).await;
    let (_, token) = invite(&app, "sam@school.org").await;
    tokio::time::sleep(Duration::from_millis(1100)).await;

    // With JavaScript: the status and the link's state.
    let js = app.call_form("/api/accept_invitation", &form(&token, "sam.rivera")).await;
    assert_eq!(js.status(), StatusCode::GONE);
    let error: SetupError = serde_json::from_str(&text(js).await).unwrap();
    assert!(matches!(error, SetupError::Link(LinkState::Expired { .. })), "{error:?}");

    // Without: the expired link's page, saying nothing was saved. The typed values are not
    // kept on the server for a link that no longer works (an anonymous post writes no
    // session; see hardening::refused_posts_with_random_tokens_write_no_session), so the
    // page can't list them; the hydrated form above keeps them in the browser.
    let (location, cookie) =
        post_without_js(&app, "/api/accept_invitation", &form(&token, "sam.rivera"), None).await;
    assert_eq!(cookie, None, "no session was started");
    let page = app.get(&location, None).await;
    assert_eq!(page.status(), StatusCode::GONE);
    let html = text(page).await;
    assert!(html.contains("This link has expired"));
    assert!(html.contains("Your account was not created"));
    assert!(!html.contains("violet tram"), "never the password");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asking_for_a_new_link_answers_the_same_whatever_the_link() {
    use staff_onboarding::domain::EventAction;

    let db = TestDb::sqlite();
    let app = app(&db, &[("INVITE_TTL", "1s")]).await;
    let (expired_id, expired) = invite(&app, "sam@school.org").await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (valid_id, valid) = invite(&app, "kim@school.org").await;

    let page = text(app.get(&format!("/invite/{expired}"), None).await).await;
    assert!(
        page.contains("Ask for a new link") && page.contains(r#"action="/api/request_new_link""#)
    );

    for (token, id) in
        [(&expired, Some(expired_id)), (&valid, Some(valid_id)), (&"x".repeat(43), None)]
    {
        let (location, _) =
            post_without_js(&app, "/api/request_new_link", &format!("token={token}"), None).await;
        let expected_page =
            if id.is_some() { format!("/invite/{token}") } else { "/invite/not-a-link".into() };
        assert_eq!(location, format!("{expected_page}?asked=1"), "the same answer");
    }
    let requests = |id| {
        let app = &app;
        async move {
            let events = app.state.invitations.history(id).await.unwrap();
            events.iter().filter(|e| e.action == EventAction::NewLinkRequested).count()
        }
    };
    assert_eq!(requests(expired_id).await, 1, "the admins are told about the expired link");
    assert_eq!(requests(valid_id).await, 0, "a working link asks for nothing");

    let thanks = app.get(&format!("/invite/{expired}?asked=1"), None).await;
    assert_eq!(thanks.status(), StatusCode::GONE);
    let html = text(thanks).await;
    assert!(
        html.contains("Your school&#39;s administrator has been told")
            || html.contains("Your school's administrator has been told"),
        "{html}"
    );
    assert!(!html.contains(r#"action="/api/request_new_link""#), "no second button");
}
