//! Every server function, sent arguments it can't read, answers 400 with a sentence, never
//! server_fn's 500. The app turns server_fn's own wire text for such errors into that answer
//! (`security::malformed_requests`), so a Leptos upgrade that changes the text fails here, for
//! the function it breaks, instead of quietly returning 500s.

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use http_body_util::BodyExt;
use staff_onboarding::domain::Role;

use crate::support::{db::TestDb, http::ORIGIN};

const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";

#[derive(Clone, Copy)]
enum Encoding {
    Json,
    Form,
}

/// Each server function that takes arguments: its encoding and an argument it requires or
/// types strictly.
const WITH_ARGUMENTS: &[(&str, Encoding, &str)] = &[
    ("/api/sign_in", Encoding::Form, "login"),
    ("/api/invitation_link", Encoding::Form, "token"),
    ("/api/invitation_opened", Encoding::Form, "token"),
    ("/api/accept_invitation", Encoding::Form, "token"),
    ("/api/request_new_link", Encoding::Form, "token"),
    ("/api/check_username", Encoding::Form, "token"),
    ("/api/invitation_overview", Encoding::Json, "query"),
    ("/api/staff_members", Encoding::Json, "after"),
    ("/api/check_invite_email", Encoding::Json, "email"),
    ("/api/check_invite_emails", Encoding::Json, "emails"),
    ("/api/create_invitation", Encoding::Json, "email"),
    ("/api/correct_invitation_email", Encoding::Json, "id"),
    ("/api/invitation_history", Encoding::Json, "id"),
    ("/api/resend_invitation", Encoding::Json, "id"),
    ("/api/revoke_invitation", Encoding::Json, "id"),
    ("/api/deactivate_account", Encoding::Json, "id"),
    ("/api/reactivate_account", Encoding::Json, "id"),
    ("/api/start_bulk_invite", Encoding::Json, "rows"),
    ("/api/bulk_invite_job", Encoding::Json, "id"),
    ("/api/dev_mail", Encoding::Json, "id"),
    ("/api/passkey_setup_begin", Encoding::Form, "token"),
    ("/api/passkey_setup_finish", Encoding::Form, "token"),
    ("/api/sign_in/passkey", Encoding::Form, "credential"),
    ("/api/add_passkey_finish", Encoding::Form, "credential"),
    ("/api/rename_passkey", Encoding::Form, "id"),
    ("/api/remove_passkey", Encoding::Form, "id"),
    ("/api/set_password", Encoding::Form, "current"),
    ("/api/set_my_language", Encoding::Form, "language"),
    ("/api/set_my_expiry_digest", Encoding::Form, "on"),
    ("/api/request_sign_in_link", Encoding::Form, "login"),
    ("/api/send_sign_in_link", Encoding::Form, "id"),
    ("/api/sign_in_link", Encoding::Form, "token"),
    ("/api/recover_with_password", Encoding::Form, "token"),
    ("/api/recover_passkey_begin", Encoding::Form, "token"),
    ("/api/recover_passkey_finish", Encoding::Form, "token"),
    ("/api/accept_with_school_account", Encoding::Form, "token"),
];

/// Server functions with no arguments to get wrong.
const WITHOUT_ARGUMENTS: &[&str] = &[
    "/api/sign_out",
    "/api/sign_out_elsewhere",
    "/api/current_user",
    "/api/invitation_changes",
    "/api/current_bulk_invite",
    "/api/dev_mailbox",
    "/api/passkeys_offered",
    "/api/sign_in/passkey_begin",
    "/api/my_sign_in_ways",
    "/api/add_passkey_begin",
    "/api/my_expiry_digest",
    "/api/school_sign_in_offered",
    "/api/unlink_school_account",
];

/// Bodies that can't be read as the function's arguments: not its encoding at all, the
/// wrong shape, a value of the wrong type (no argument here is a boolean), and text that is
/// not UTF-8.
fn malformed(encoding: Encoding, argument: &str) -> Vec<(&'static str, Vec<u8>)> {
    match encoding {
        Encoding::Json => vec![
            (JSON, b"{\"broken".to_vec()),
            (JSON, b"[1, 2]".to_vec()),
            (JSON, format!("{{\"{argument}\": true}}").into_bytes()),
            (JSON, b"{\"a\xff\": 1}".to_vec()),
        ],
        Encoding::Form => vec![
            (FORM, Vec::new()),
            (FORM, [format!("{argument}=a").as_bytes(), b"\xffb"].concat()),
            (FORM, format!("{argument}[x]=a").into_bytes()),
        ],
    }
}

/// Arguments only partly right, each from the caller who sends them: one missing beside one
/// given, one of the wrong type, a NUL and an invalid byte in a form. (path, content type,
/// body, sent signed in as a Super-Admin)
const PARTLY_RIGHT: &[(&str, &str, &[u8], bool)] = &[
    ("/api/check_invite_email", JSON, b"{\"email\": ", true),
    ("/api/check_invite_email", JSON, b"not json at all", true),
    ("/api/create_invitation", JSON, b"{\"email\":\"a@school.org\"}", true),
    ("/api/create_invitation", JSON, b"{\"email\":\"a@school.org\",\"role\":7}", true),
    ("/api/accept_invitation", FORM, b"token=abc", false),
    ("/api/accept_invitation", FORM, b"token=a\xff\x00b&full_name=x", false),
    ("/api/sign_in", FORM, b"login=robin", false),
    ("/api/request_new_link", FORM, b"", false),
    ("/api/check_username", FORM, b"username=x", false),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_server_function_answers_unreadable_arguments_with_400_and_a_sentence() {
    for (path, _) in leptos::server_fn::axum::server_fn_paths() {
        let listed =
            WITH_ARGUMENTS.iter().any(|(p, _, _)| *p == path) || WITHOUT_ARGUMENTS.contains(&path);
        assert!(listed, "server function {path}: list it with its arguments or without");
    }

    let db = TestDb::sqlite();
    let app = crate::support::http::app(&db, &[]).await;
    app.user("robin", Role::SuperAdmin).await;
    let cookie = app.sign_in("robin").await;
    let mut cases: Vec<(&str, &str, Vec<u8>, Option<&str>)> = Vec::new();
    for (path, encoding, argument) in WITH_ARGUMENTS {
        for (content_type, body) in malformed(*encoding, argument) {
            cases.push((path, content_type, body, Some(cookie.as_str())));
        }
    }
    for (path, content_type, body, signed_in) in PARTLY_RIGHT {
        cases.push((path, content_type, body.to_vec(), signed_in.then_some(cookie.as_str())));
    }
    for (path, content_type, body, cookie) in cases {
        let mut request = Request::post(path)
            .header(header::CONTENT_TYPE, content_type)
            .header(header::ORIGIN, ORIGIN);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let response = app.send(request.body(Body::from(body.clone())).unwrap()).await;
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&bytes);
        let shown = String::from_utf8_lossy(&body);
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path} {shown:?}: {text}");
        // The setup form's typed error says so in its own words, chosen by the page.
        let said = text.contains("could not be read") || text.starts_with(r#"{"Malformed""#);
        assert!(said, "{path} {shown:?}: a sentence, not {text}");
    }
}
