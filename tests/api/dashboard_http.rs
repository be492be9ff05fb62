//! The Super-Admin's invitation server functions over HTTP: the live email check, inviting,
//! resending, revoking, correcting an address and the history, each refusal with a status and
//! a sentence the admin can act on.

use axum::http::StatusCode;
use staff_onboarding::domain::{EmailAvailability, EventAction, HistoryEvent, Role};

use crate::support::db::TestDb;
use crate::support::http::{App, app, shown, text};

async fn call<T: serde::de::DeserializeOwned>(
    app: &App,
    cookie: &str,
    endpoint: &str,
    body: serde_json::Value,
) -> Result<T, (StatusCode, String)> {
    let response =
        app.post_json(&format!("/api/{endpoint}"), &body.to_string(), Some(cookie)).await;
    let status = response.status();
    let body = text(response).await;
    if status.is_success() {
        Ok(serde_json::from_str(&body).unwrap_or_else(|e| panic!("{endpoint}: {e}: {body}")))
    } else {
        Err((status, body))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_invites_checks_and_manages_invitations() {
    let db = TestDb::sqlite();
    let app = app(&db, &[("MAX_RESENDS", "1")]).await;
    app.user("robin", Role::SuperAdmin).await;
    app.user("tess", Role::Teacher).await;
    let cookie = app.sign_in("robin").await;
    let check = |email: &str| {
        call::<EmailAvailability>(
            &app,
            &cookie,
            "check_invite_email",
            serde_json::json!({ "email": email }),
        )
    };

    assert_eq!(check("new@school.org").await.unwrap(), EmailAvailability::Available);
    assert_eq!(check("TESS@school.org").await.unwrap(), EmailAvailability::UserExists);
    assert!(matches!(check("not an email").await.unwrap(), EmailAvailability::Invalid(_)));
    let many: Vec<EmailAvailability> = call(
        &app,
        &cookie,
        "check_invite_emails",
        serde_json::json!({ "emails": ["new@school.org", "tess@school.org", "nope"] }),
    )
    .await
    .unwrap();
    assert!(matches!(
        many.as_slice(),
        [
            EmailAvailability::Available,
            EmailAvailability::UserExists,
            EmailAvailability::Invalid(_)
        ]
    ));
    let too_many: Vec<String> = (0..1001).map(|i| format!("p{i}@school.org")).collect();
    let refused = call::<Vec<EmailAvailability>>(
        &app,
        &cookie,
        "check_invite_emails",
        serde_json::json!({ "emails": too_many }),
    )
    .await;
    assert_eq!(refused.unwrap_err().0, StatusCode::UNPROCESSABLE_ENTITY);

    let id: i64 = call(
        &app,
        &cookie,
        "create_invitation",
        serde_json::json!({ "email": "new@school.org", "role": "Teacher" }),
    )
    .await
    .unwrap();
    assert_eq!(check("new@school.org").await.unwrap(), EmailAvailability::AlreadyInvited);
    let again = call::<i64>(
        &app,
        &cookie,
        "create_invitation",
        serde_json::json!({ "email": "New@School.org", "role": "Teacher" }),
    )
    .await;
    let (status, message) = again.unwrap_err();
    assert_eq!(status, StatusCode::CONFLICT, "checked again on submit");
    assert!(message.contains("Use Resend on its row instead"), "{message}");
    let user = call::<i64>(
        &app,
        &cookie,
        "create_invitation",
        serde_json::json!({ "email": "tess@school.org", "role": "Teacher" }),
    )
    .await;
    assert_eq!(user.unwrap_err().0, StatusCode::CONFLICT);
    let role = call::<i64>(
        &app,
        &cookie,
        "create_invitation",
        serde_json::json!({ "email": "x@school.org", "role": "Super-Admin" }),
    )
    .await;
    assert_eq!(
        role.unwrap_err().0,
        StatusCode::UNPROCESSABLE_ENTITY,
        "only Teacher or Admin Staff"
    );

    call::<()>(&app, &cookie, "resend_invitation", serde_json::json!({ "id": id })).await.unwrap();
    let (status, message) =
        call::<()>(&app, &cookie, "resend_invitation", serde_json::json!({ "id": id }))
            .await
            .unwrap_err();
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(message.contains("the limit"), "{message}");

    call::<()>(
        &app,
        &cookie,
        "correct_invitation_email",
        serde_json::json!({ "id": id, "email": "newer@school.org" }),
    )
    .await
    .unwrap();
    call::<()>(&app, &cookie, "revoke_invitation", serde_json::json!({ "id": id })).await.unwrap();
    let (status, message) =
        call::<()>(&app, &cookie, "revoke_invitation", serde_json::json!({ "id": id }))
            .await
            .unwrap_err();
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(message.contains("Revoked invitations can't be revoked"), "{message}");

    let history: Vec<HistoryEvent> =
        call(&app, &cookie, "invitation_history", serde_json::json!({ "id": id })).await.unwrap();
    let actions: Vec<EventAction> = history.iter().map(|e| e.action).collect();
    assert_eq!(
        actions,
        [
            EventAction::Created,
            EventAction::Sent,
            EventAction::Resent,
            EventAction::EmailCorrected,
            EventAction::Revoked
        ]
    );
    assert!(
        history.iter().all(|e| e.actor == "Test Person"),
        "each by the signed-in admin: {history:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_staff_page_lists_accounts_and_shows_hostile_names_as_text() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("robin", Role::SuperAdmin).await;
    let cookie = app.sign_in("robin").await;
    let (_, token) = crate::support::http::invite(&app, "sam@school.org").await;
    let hostile = "Sam <img src=x onerror=alert(1)> Rivera";
    let form = format!(
        "token={token}&full_name={}&phone=%2B44+7700+900123&username=sam.r&password=violet+tram+orbit+kettle",
        hostile.replace(' ', "+").replace('<', "%3C").replace('>', "%3E").replace('=', "%3D")
    );
    let accepted = app.call_form("/api/accept_invitation", &form).await;
    assert!(accepted.status().is_success() || accepted.status().is_redirection());

    let page = app.get("/modules/staff/members", Some(&cookie)).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = text(page).await;
    let listed = shown(&html);
    assert!(listed.contains("sam.r") && listed.contains("+447700900123"), "the new account");
    assert!(listed.contains("Teacher") && listed.contains("Test Person"), "with the admin's own");
    assert!(html.contains("Sam &lt;img src=x onerror=alert(1)&gt; Rivera"), "as text: {html}");
    assert!(!html.contains("<img src=x"), "never as markup");

    let staff: staff_onboarding::domain::StaffPage =
        call(&app, &cookie, "staff_members", serde_json::json!({ "after": null })).await.unwrap();
    assert_eq!(staff.items.len(), 2);
    assert_eq!(staff.items[0].username, "sam.r", "newest first");
    assert_eq!(staff.next, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_names_are_inert_text_on_the_invites_page_and_in_the_history() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    let hostile = "Robin <script>alert(1)</script> \"Head\"";
    app.user_named("robin", Role::SuperAdmin, hostile).await;
    let cookie = app.sign_in("robin").await;
    let id: i64 = call(
        &app,
        &cookie,
        "create_invitation",
        serde_json::json!({"email": "sam@school.org", "role": "Teacher"}),
    )
    .await
    .unwrap();

    let html = text(app.get("/modules/staff/invites", Some(&cookie)).await).await;
    assert!(shown(&html).contains("sam@school.org"), "the row is there");
    assert!(html.contains("Robin &lt;script&gt;alert(1)&lt;/script&gt;"), "as text: {html}");
    assert!(!html.contains("<script>alert(1)"), "never as markup");

    let history: Vec<HistoryEvent> =
        call(&app, &cookie, "invitation_history", serde_json::json!({ "id": id })).await.unwrap();
    assert!(history.iter().any(|e| e.actor == hostile), "the history keeps the name as data");
}

/// Delivery trouble reads by its icon and word, not by colour alone; and every exact time on
/// the Invites and Staff pages is on the school's clocks.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_invites_page_marks_delivery_trouble_and_gives_the_schools_time() {
    use staff_onboarding::server::store::MessageOutcome;
    use std::time::Duration;

    let db = TestDb::sqlite();
    let app = app(&db, &[("SCHOOL_TIMEZONE", "Asia/Kolkata")]).await;
    app.user("robin", Role::SuperAdmin).await;
    let cookie = app.sign_in("robin").await;
    for email in ["retry@school.org", "failed@school.org"] {
        let invite = serde_json::json!({"email": email, "role": "Teacher"});
        call::<i64>(&app, &cookie, "create_invitation", invite).await.unwrap();
    }
    let (store, now) = (&app.state.store, app.state.clock.now());
    let claimed = store.claim_messages(now, now.plus(Duration::from_secs(60)), 10).await.unwrap();
    for message in &claimed {
        let outcome = if message.recipient == "retry@school.org" {
            MessageOutcome::Retry {
                next_at: now.plus(Duration::from_secs(30)),
                error: "421 busy, try later".into(),
            }
        } else {
            MessageOutcome::Failed { error: "550 no such user".into() }
        };
        assert!(store.finish_message(message, &outcome, None, now).await.unwrap());
    }

    let html = text(app.get("/modules/staff/invites", Some(&cookie)).await).await;
    // The delivery cell of the row whose delivery has `class`, from its opening tag.
    let cell = |class: &str| {
        let at =
            html.find(&format!("delivery {class}\"")).unwrap_or_else(|| panic!("{class}: {html}"));
        let start = html[..at].rfind("<span").unwrap_or(0);
        html[start..].split("</td>").next().unwrap_or_default().to_owned()
    };
    let retrying = cell("delivery-retrying");
    assert!(
        retrying.contains("aria-hidden=\"true\"") && retrying.contains("↻</span>Retrying"),
        "{retrying}"
    );
    assert!(retrying.contains("421 busy, try later") && retrying.contains(" IST\""), "{retrying}");
    let failed = cell("delivery-failed");
    assert!(
        failed.contains("aria-hidden=\"true\"") && failed.contains("⚠</span>Failed"),
        "{failed}"
    );
    assert!(failed.contains("550 no such user"), "{failed}");
    assert!(html.contains(" IST\">just now</time>"), "Sent, exactly in India's time: {html}");
    assert!(!html.contains(" UTC\""), "no UTC times: {html}");

    let staff = text(app.get("/modules/staff/members", Some(&cookie)).await).await;
    assert!(staff.contains(" IST</time>"), "joined, in India's time: {staff}");
}
