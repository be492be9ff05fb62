//! The invitee's own language: an invitation written in Spanish arrives in Spanish over SMTP
//! and opens a Spanish page; the pages choose the person's pick, then the invitation's
//! language, then the browser's, then the school's; every page in every language has the
//! right `lang` and `dir`, shows no identifier and no English sentence that has a translation.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use staff_onboarding::domain::{EventAction, Message};
use staff_onboarding::server::i18n::{DASHBOARD, Tr};
use staff_onboarding::server::store::Actor;
use tower::ServiceExt;

use crate::email::{config, parse, sender};
use crate::support::db::{TestDb, for_each_backend};
use crate::support::http::{App, ORIGIN, app, form, session_cookie, text};
use crate::support::service::{Harness, token_of};
use crate::support::smtp_sink::SmtpSink;
use staff_onboarding::server::services::AcceptInput;

for_each_backend!(
    an_invitation_in_spanish_arrives_in_spanish_over_smtp,
    a_sign_in_link_is_written_in_the_language_the_account_was_set_up_in,
);

/// The account keeps the setup page's language (here the person's pick, French, over the
/// invitation's Spanish), and its sign-in links' emails are written in it.
async fn a_sign_in_link_is_written_in_the_language_the_account_was_set_up_in(db: &TestDb) {
    let k = crate::recovery::kit(db).await;
    let invitation =
        k.h.service.invite_in(&k.h.admin, "kim@school.org", "Teacher", Some("es")).await.unwrap();
    let token = k.h.latest_token(invitation.id).await;
    let input =
        AcceptInput { language: Some("fr".into()), ..crate::support::service::form("kim.l") };
    let account = k.h.service.accept(&token, &input).await.unwrap();
    let user = k.h.store.find_user(account.user_id).await.unwrap().unwrap();
    assert_eq!(user.language.as_ref().map(|l| l.as_str()), Some("fr"));
    k.recovery.send_if_known("kim.l").await.unwrap();
    sender(&k.h, &k.sink, config()).drain_all().await.unwrap();
    let mails: Vec<_> = k.sink.received().iter().map(|m| parse(&m.data)).collect();
    let link = mails.iter().find(|m| m.text.contains("/sign-in/")).expect("the sign-in link");
    assert_eq!(link.subject, "Votre lien de connexion à Greenwood High");
    assert!(link.text.contains("Bonjour Sam Rivera,"), "{}", link.text);
    assert!(!link.text.contains("expires") && !link.text.contains("Hello"), "no English");
    // A language that isn't shipped (a form made up by hand) keeps the school's.
    let other = k.h.service.invite(&k.h.admin, "lee@school.org", "Teacher").await.unwrap();
    let token = k.h.latest_token(other.id).await;
    let input =
        AcceptInput { language: Some("xx".into()), ..crate::support::service::form("lee.p") };
    let account = k.h.service.accept(&token, &input).await.unwrap();
    assert_eq!(k.h.store.find_user(account.user_id).await.unwrap().unwrap().language, None);
}

async fn an_invitation_in_spanish_arrives_in_spanish_over_smtp(db: &TestDb) {
    let h = Harness::new(db).await;
    let sink = SmtpSink::start().await;
    let sender = sender(&h, &sink, config());
    let invitation =
        h.service.invite_in(&h.admin, "sam@school.org", "Teacher", Some("es")).await.unwrap();
    assert_eq!(invitation.language.as_ref().map(|l| l.as_str()), Some("es"));
    sender.drain_all().await.unwrap();
    h.service.resend(&h.admin, invitation.id).await.unwrap();
    sender.drain_all().await.unwrap();

    let received = sink.received();
    let (first, second) = (parse(&received[0].data), parse(&received[1].data));
    assert_eq!(first.subject, "Te invitan a unirte a Greenwood High como docente");
    assert!(first.text.contains("Alex Head te ha invitado a unirte a Greenwood High"));
    assert!(first.text.contains("caduca dentro de 24 horas"), "{}", first.text);
    assert!(first.html.contains(r#"lang="es""#));
    assert!(!first.text.contains("invited") && !first.text.contains("expires"), "no English");
    // A resend keeps the invitation's language.
    assert_eq!(second.subject, "Tu nuevo enlace de invitación para Greenwood High");
    assert!(second.text.contains("los enlaces de invitación anteriores ya no funcionan"));
    // The history says which language it was sent in.
    let history = h.service.history(invitation.id).await.unwrap();
    let created = history.iter().find(|e| e.action == EventAction::Created).unwrap();
    assert_eq!(created.details, "as Teacher, in Español");
    // The (newest) link opens a page in Spanish.
    let link = second.text.lines().find(|l| l.contains("/invite/")).unwrap().trim().to_owned();
    let (state, language) = h.service.inspect_in_language(&token_of(&link)).await.unwrap();
    assert!(matches!(state, staff_onboarding::domain::LinkState::Valid { .. }));
    assert_eq!(language.map(|l| l.as_str().to_owned()).as_deref(), Some("es"));
}

/// Invites as a Super-Admin would from the dialog: `language` as the dialog sends it.
async fn invite_in(app: &App, cookie: &str, email: &str, language: &str) -> StatusCode {
    let body = format!(r#"{{"email":"{email}","role":"Teacher","language":"{language}"}}"#);
    app.post_json("/api/create_invitation", &body, Some(cookie)).await.status()
}

/// The token of a new invitation of `email` as a Teacher, written in `language`.
async fn invitation_in(app: &App, email: &str, language: Option<&str>) -> String {
    let invitations = &app.state.invitations;
    invitations.invite_in(&Actor::system(), email, "Teacher", language).await.unwrap();
    token_for(app, email).await
}

async fn token_for(app: &App, email: &str) -> String {
    let page = app.state.invitations.list(&Default::default()).await.unwrap();
    let id = page.items.iter().find(|i| i.email == email).unwrap().id;
    let payload = app.state.store.outbox_for(id).await.unwrap().pop().unwrap().payload.unwrap();
    let link = app.state.invitations.link_in(&payload).unwrap();
    link.rsplit_once("/invite/").unwrap().1.to_owned()
}

async fn page(
    app: &App,
    path: &str,
    headers: &[(header::HeaderName, &str)],
) -> (String, Vec<String>) {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    // On a task of its own, with a fresh stack: the setup form's rendering is deep in a
    // debug build, and this test's own future is deep too.
    let router = app.router.clone();
    let request = request.body(Body::empty()).unwrap();
    let response =
        tokio::spawn(async move { router.oneshot(request).await.unwrap() }).await.unwrap();
    let cookies = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_owned))
        .collect();
    (text(response).await, cookies)
}

/// The `<html>` element's opening tag.
fn html_tag(html: &str) -> &str {
    let start = html.find("<html").unwrap();
    &html[start..start + html[start..].find('>').unwrap()]
}

/// The page's visible text: what is between tags, outside scripts and styles.
fn visible_text(html: &str) -> String {
    let mut html = html.to_owned();
    for (open, close) in [("<script", "</script>"), ("<style", "</style>")] {
        while let Some(start) = html.find(open) {
            let end = html[start..].find(close).map_or(html.len(), |e| start + e + close.len());
            html.replace_range(start..end, " ");
        }
    }
    let mut text = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => {
                inside = false;
                text.push(' ');
            }
            c if !inside => text.push(c),
            _ => {}
        }
    }
    text.replace("&#x27;", "'").replace("&amp;", "&").replace("&quot;", "\"")
}

/// English sentences a translated page must not show: every page message of the English
/// catalogue long enough to be a sentence and not the same in `tr`.
fn english_sentences(tr: Tr) -> Vec<String> {
    let english = Tr::english().words(&[], DASHBOARD).texts;
    let theirs = tr.words(&[], DASHBOARD).texts;
    english
        .into_iter()
        .filter(|(id, text)| text.len() > 12 && !text.contains('{') && theirs.get(id) != Some(text))
        .map(|(_, text)| text)
        .collect()
}

/// A page in `tr`'s language: its `lang` and `dir`, no identifier, no English sentence.
fn assert_speaks(html: &str, tr: Tr, what: &str) {
    let tag = html_tag(html);
    assert!(tag.contains(&format!(r#"lang="{}""#, tr.tag())), "{what}: {tag}");
    assert!(tag.contains(&format!(r#"dir="{}""#, tr.dir())), "{what}: {tag}");
    let shown = visible_text(html);
    let ids = Tr::english().words(&[], DASHBOARD).texts;
    for id in ids.keys().filter(|id| id.contains('-')) {
        assert!(!shown.contains(&format!(" {id} ")), "{what}: shows the identifier {id}");
    }
    if tr != Tr::english() {
        for sentence in english_sentences(tr) {
            assert!(!shown.contains(&sentence), "{what} in {}: English {sentence:?}", tr.tag());
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dialogs_language_writes_the_invitation_and_its_page() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("robin", staff_onboarding::domain::Role::SuperAdmin).await;
    let cookie = app.sign_in("robin").await;
    assert_eq!(invite_in(&app, &cookie, "sam@school.org", "es").await, StatusCode::OK);
    assert_eq!(invite_in(&app, &cookie, "kim@school.org", "").await, StatusCode::OK);
    let refused = app
        .post_json(
            "/api/create_invitation",
            r#"{"email":"lee@school.org","role":"Teacher","language":"de"}"#,
            Some(&cookie),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(refused).await.contains("Choose one of the languages in the list."));

    let spanish = token_for(&app, "sam@school.org").await;
    let (html, _) = page(&app, &format!("/invite/{spanish}"), &[]).await;
    assert!(html.contains("Configura tu cuenta"), "{html}");
    assert!(html.contains("te ha invitado a unirte como docente."), "the role's own words");
    assert_speaks(&html, Tr::parse("es").unwrap(), "the setup page");
    // The browser's language doesn't beat the invitation's.
    let (html, _) =
        page(&app, &format!("/invite/{spanish}"), &[(header::ACCEPT_LANGUAGE, "fr")]).await;
    assert!(html.contains(r#"lang="es""#));

    // No language of its own: the browser's, among the shipped ones, else the school's.
    let plain = token_for(&app, "kim@school.org").await;
    let (html, _) =
        page(&app, &format!("/invite/{plain}"), &[(header::ACCEPT_LANGUAGE, "ar, en;q=0.5")]).await;
    assert_speaks(&html, Tr::parse("ar").unwrap(), "the setup page in Arabic");
    assert!(html.contains("للانضمام إلى الهيئة التعليمية."), "a Teacher, in Arabic's words");
    let (html, _) =
        page(&app, &format!("/invite/{plain}"), &[(header::ACCEPT_LANGUAGE, "de")]).await;
    assert_speaks(&html, Tr::english(), "the setup page for a German browser");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_switch_is_remembered_and_beats_everything_else() {
    let db = TestDb::sqlite();
    let app = app(&db, &[("SCHOOL_LANGUAGE", "fr")]).await;
    let token = invitation_in(&app, "sam@school.org", Some("es")).await;
    let path = format!("/invite/{token}");
    let (html, cookies) = page(&app, &format!("{path}?lang=en"), &[]).await;
    assert_speaks(&html, Tr::english(), "picked English");
    let remembered = cookies.iter().find(|c| c.starts_with("lang=")).expect("a lang cookie");
    assert!(remembered.starts_with("lang=en;") && remembered.contains("Max-Age=31536000"));
    let (html, _) =
        page(&app, &path, &[(header::COOKIE, "lang=en"), (header::ACCEPT_LANGUAGE, "ar")]).await;
    assert_speaks(&html, Tr::english(), "after a reload");
    // The switch lists every language, each in its own words, the current one marked.
    for tr in Tr::all() {
        assert!(html.contains(&format!(r#"hreflang="{0}" lang="{0}""#, tr.tag())), "{}", tr.tag());
        assert!(html.contains(tr.name()));
    }
    assert!(html.contains(r#"aria-current="true">English<"#));
    // A made-up pick is no pick: the invitation's language.
    let (html, cookies) = page(&app, &format!("{path}?lang=xx"), &[]).await;
    assert!(html.contains(r#"lang="es""#));
    assert!(cookies.iter().all(|c| !c.starts_with("lang=")));
    // No language anywhere: the school's.
    let plain = app.state.invitations.invite(&Actor::system(), "kim@school.org", "Teacher").await;
    let token = token_for(&app, &plain.unwrap().email).await;
    let (html, _) = page(&app, &format!("/invite/{token}"), &[]).await;
    assert_speaks(&html, Tr::parse("fr").unwrap(), "the school's language");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_link_page_speaks_each_language() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    let mut paths = vec!["/invite/not-a-real-link-at-all".to_owned()];
    let invitation =
        app.state.invitations.invite(&Actor::system(), "sam@school.org", "Teacher").await.unwrap();
    let token = token_for(&app, &invitation.email).await;
    paths.push(format!("/invite/{token}"));
    app.state.invitations.revoke(&Actor::system(), invitation.id).await.unwrap();
    paths.push(format!("/invite/{token}?not_created=1"));
    for tr in Tr::all() {
        for path in &paths {
            let separator = if path.contains('?') { '&' } else { '?' };
            let (html, _) = page(&app, &format!("{path}{separator}lang={}", tr.tag()), &[]).await;
            assert_speaks(&html, tr, path);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_the_errors_come_back_in_arabic() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    let token = invitation_in(&app, "sam@school.org", Some("ar")).await;
    let bad = form(&token, "sam.rivera").replace("%2B44+7700+900123", "07700+900123");
    let response = app.post_form("/api/accept_invitation", &bad, None, Some(ORIGIN)).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers()[header::LOCATION].to_str().unwrap().to_owned();
    let cookie = session_cookie(response.headers()).unwrap();
    let (html, _) = page(&app, &location, &[(header::COOKIE, &cookie)]).await;
    let ar = Tr::parse("ar").unwrap();
    assert_speaks(&html, ar, "the refused form");
    let phone = ar.say(&Message::new("phone-no-country-code"));
    assert!(visible_text(&html).contains(&phone), "the phone's error in Arabic");
    assert!(html.contains(&ar.t("problem-title")));
}

/// The language the account keeps is the setup page's, as the request that creates it
/// chooses: here the person's pick in the `lang` cookie.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_setup_pages_language_is_the_accounts() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    let token = invitation_in(&app, "sam@school.org", Some("es")).await;
    let request = Request::post("/api/accept_invitation")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, ORIGIN)
        .header(header::COOKIE, "lang=ar")
        .body(Body::from(form(&token, "sam.rivera")))
        .unwrap();
    let response = app.send(request).await;
    assert!(response.status().is_success() || response.status().is_redirection());
    let user = app.state.store.find_user_by_login("sam.rivera").await.unwrap().unwrap();
    assert_eq!(user.language.as_ref().map(|l| l.as_str()), Some("ar"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_account_page_changes_the_accounts_language() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("kim", staff_onboarding::domain::Role::Teacher).await;
    let cookie = app.sign_in("kim").await;
    let set = |language: &'static str| set_my_language(&app, &cookie, language);
    let language = || async {
        let user = app.state.store.find_user_by_login("kim").await.unwrap().unwrap();
        user.language.map(|l| l.as_str().to_owned())
    };
    assert_eq!(set("fr").await.status(), StatusCode::OK);
    assert_eq!(language().await.as_deref(), Some("fr"));
    let refused = set("de").await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let french = Tr::parse("fr").unwrap().t("invite-language-unknown");
    assert!(text(refused).await.contains(&french), "said in the account's language");
    assert_eq!(language().await.as_deref(), Some("fr"), "a refusal changes nothing");
    assert_eq!(set("").await.status(), StatusCode::OK);
    assert_eq!(language().await, None, "empty: the school's");
    // Only the signed-in person's own account, and only when signed in.
    let anonymous = Request::post("/api/set_my_language")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, ORIGIN)
        .body(Body::from("language=fr"))
        .unwrap();
    assert_eq!(app.send(anonymous).await.status(), StatusCode::UNAUTHORIZED);
}

/// Sets the signed-in account's language on its account page, as its form does.
async fn set_my_language(app: &App, cookie: &str, language: &str) -> axum::response::Response {
    let request = Request::post("/api/set_my_language")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, ORIGIN)
        .header(header::COOKIE, cookie)
        .body(Body::from(format!("language={language}")))
        .unwrap();
    app.send(request).await
}

/// Every page after setup, signed in or not, in each language: the sign-in page, its
/// "forgot" page, a sign-in link that no longer works, the account page, the start page,
/// a page that doesn't exist and one the account may not open.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_after_setup_speaks_each_language() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("kim", staff_onboarding::domain::Role::Teacher).await;
    let cookie = app.sign_in("kim").await;
    let public =
        ["/login?next=%2Faccount", "/login/forgot", "/sign-in/not-a-real-link", "/", "/nowhere"];
    for tr in Tr::all() {
        let lang = tr.tag();
        for path in public {
            let separator = if path.contains('?') { '&' } else { '?' };
            let (html, _) = page(&app, &format!("{path}{separator}lang={lang}"), &[]).await;
            assert_speaks(&html, tr, path);
        }
        let signed_in = format!("{cookie}; lang={lang}");
        for path in ["/account", "/modules/staff/invites"] {
            let (html, _) = page(&app, path, &[(header::COOKIE, &signed_in)]).await;
            assert_speaks(&html, tr, path);
        }
    }
    // The switch keeps the page's other parameters: the sign-in page's `next`.
    let (html, _) = page(&app, "/login?next=%2Faccount&lang=fr", &[]).await;
    assert!(html.contains(r#"href="?next=%2Faccount&amp;lang=ar""#), "{html}");
}

/// An account's pages speak its language, over the browser's; a pick on a page's switch
/// beats both until the account page chooses again, which the `lang` cookie then follows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_accounts_pages_speak_its_language() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("robin", staff_onboarding::domain::Role::SuperAdmin).await;
    let cookie = app.sign_in("robin").await;
    let saved = set_my_language(&app, &cookie, "fr").await;
    let remembered: Vec<_> = saved.headers().get_all(header::SET_COOKIE).iter().collect();
    assert!(remembered.iter().any(|c| c.to_str().unwrap().starts_with("lang=fr;")));
    let browser = (header::ACCEPT_LANGUAGE, "es");
    let (html, _) = page(&app, "/account", &[(header::COOKIE, &cookie), browser.clone()]).await;
    let fr = Tr::parse("fr").unwrap();
    assert_speaks(&html, fr, "the account page in the account's language");
    assert!(html.contains(&fr.t("account-language-hint")));
    // The dashboard speaks English for now, and says so around its pages.
    let (html, _) = page(&app, "/modules/staff/invites", &[(header::COOKIE, &cookie)]).await;
    assert!(html_tag(&html).contains(r#"lang="fr""#));
    assert!(html.contains(r#"<main id="main" lang="en" dir="ltr" class="page">"#), "{html}");
    let picked = format!("{cookie}; lang=ar");
    let (html, _) = page(&app, "/account", &[(header::COOKIE, &picked)]).await;
    assert_speaks(&html, Tr::parse("ar").unwrap(), "a pick on the switch");
    let cleared = set_my_language(&app, &picked, "").await;
    let cookies: Vec<_> = cleared.headers().get_all(header::SET_COOKIE).iter().collect();
    assert!(cookies.iter().any(|c| c.to_str().unwrap().starts_with("lang=;")), "forgotten");
    let (html, _) = page(&app, "/account", &[(header::COOKIE, &cookie), browser]).await;
    assert_speaks(&html, Tr::parse("es").unwrap(), "no language of its own: the browser's");
}

/// The refusals of the pages after setup come in the request's language: the browser's
/// before signing in, the account's after; the domain's own refusals too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_refusals_after_setup_are_in_the_pages_language() {
    use staff_onboarding::{domain::PasskeyNameError, server::services::WaysError};
    let named = WaysError::from(PasskeyNameError::Empty).to_string();
    assert_eq!(named, "Give the passkey a name, such as “Work phone”.", "logs say English");

    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("kim", staff_onboarding::domain::Role::Teacher).await;
    let wrong = Request::post("/api/sign_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, ORIGIN)
        .header(header::ACCEPT_LANGUAGE, "es-ES,es;q=0.9")
        .body(Body::from("login=kim&password=not+the+password"))
        .unwrap();
    let refused = app.send(wrong).await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let es = Tr::parse("es").unwrap();
    assert!(text(refused).await.contains(&es.t("sign-in-rejected")));

    let cookie = app.sign_in("kim").await;
    set_my_language(&app, &cookie, "ar").await;
    let body = format!("current={}&new_password=short", crate::support::http::PASSWORD);
    let request = Request::post("/api/set_password")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, ORIGIN)
        .header(header::COOKIE, cookie.as_str())
        .body(Body::from(body.replace(' ', "+")))
        .unwrap();
    let refused = app.send(request).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let said = text(refused).await;
    let ar = Tr::parse("ar").unwrap();
    let short = ar.say(&Message::new("password-too-short").number("min", 12));
    assert!(said.contains(&short), "{said}");
    let anonymous = Request::post("/api/my_sign_in_ways")
        .header(header::ORIGIN, ORIGIN)
        .header(header::COOKIE, "lang=fr")
        .body(Body::empty())
        .unwrap();
    let refused = app.send(anonymous).await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert!(text(refused).await.contains(&Tr::parse("fr").unwrap().t("sign-in-needed")));
}

#[test]
fn an_unknown_school_language_stops_start_up_naming_the_variable() {
    use staff_onboarding::server::config::Settings;
    for bad in ["de", "english", "e"] {
        let error = Settings::from_lookup(|name| (name == "SCHOOL_LANGUAGE").then(|| bad.into()))
            .unwrap_err()
            .to_string();
        assert!(error.contains("SCHOOL_LANGUAGE") && error.contains("en, es, fr, ar"), "{error}");
    }
    let settings = Settings::from_lookup(|name| (name == "SCHOOL_LANGUAGE").then(|| "es".into()));
    assert_eq!(settings.unwrap().school_language.tag(), "es");
}
