//! Deactivating and reactivating accounts, on both databases: sign-in refused only after the
//! right password, the last active Super-Admin kept, a departing admin's pending invitations
//! revoked in the same transaction, and every change on record.

use std::sync::Arc;

use staff_onboarding::server::clock::Clock;

use staff_onboarding::{
    domain::{AccountStatus, EventAction, Lifecycle, LinkState, Role},
    server::{
        auth::{
            CurrentUser,
            client_ip::ClientIp,
            limits::{RateConfig, RateLimits},
        },
        school::SchoolZone,
        services::{
            AccountService, NewSuperAdmin, SignInAttempt, SignInError, SignInService,
            StatusChangeError,
        },
    },
};

use crate::support::db::{TestDb, for_each_backend};
use crate::support::service::{DAY, Harness, utc};

for_each_backend!(
    a_deactivated_account_is_refused_only_after_the_right_password,
    the_last_active_super_admin_cannot_be_deactivated,
    a_departing_admins_pending_invitations_are_revoked_with_a_reason,
    two_admins_deactivating_each_other_at_once_leave_one_active,
    a_status_change_is_refused_when_it_is_already_made,
);

const PASSWORD: &str = "violet tram orbit kettle";

fn accounts(h: &Harness) -> AccountService {
    AccountService::new(h.store.clone(), h.clock.clone(), Default::default(), SchoolZone::utc())
}

/// The harness's own Super-Admin ("head.teacher"), as a signed-in account.
async fn head(h: &Harness) -> CurrentUser {
    let id = h.admin.user_id.unwrap();
    h.store.find_user(id).await.unwrap().unwrap().into()
}

/// A second Super-Admin, who can sign in with PASSWORD.
async fn robin(h: &Harness) -> CurrentUser {
    let new = NewSuperAdmin {
        email: "robin@school.org",
        username: "robin.p",
        full_name: "Robin Principal",
        phone: None,
        password: PASSWORD,
    };
    accounts(h).create_super_admin(new).await.unwrap()
}

async fn sign_in(h: &Harness, password: &str) -> Result<CurrentUser, SignInError> {
    let limits = Arc::new(RateLimits::new(RateConfig::default(), h.store.clone(), h.clock.clone()));
    let service = SignInService::new(h.store.clone(), h.clock.clone(), limits, h.sealer.clone());
    let client = ClientIp("192.0.2.1".parse().unwrap());
    let attempt = SignInAttempt { login: "robin.p", password, client, device_cookie: None };
    service.sign_in(&attempt).await.map(|signed_in| signed_in.user)
}

async fn a_deactivated_account_is_refused_only_after_the_right_password(db: &TestDb) {
    let h = Harness::new(db).await;
    let (head, robin) = (head(&h).await, robin(&h).await);
    let accounts = accounts(&h);
    sign_in(&h, PASSWORD).await.unwrap();

    h.clock.advance(DAY);
    let report = accounts.deactivate(&head, robin.id).await.unwrap();
    assert_eq!(report.member.status, AccountStatus::Deactivated);
    assert_eq!(said(&report), "Robin Principal was deactivated and signed out everywhere.");
    let stored = h.store.find_user(robin.id).await.unwrap().unwrap();
    assert!(stored.deactivated_at.is_some());
    assert_eq!(stored.session_epoch, robin.session_epoch + 1, "every session it had ends");

    let wrong = sign_in(&h, "not the password at all").await.unwrap_err();
    assert!(matches!(wrong, SignInError::Rejected { .. }), "a guesser learns nothing: {wrong:?}");
    let right = sign_in(&h, PASSWORD).await.unwrap_err();
    assert!(matches!(right, SignInError::Deactivated), "{right:?}");
    assert_eq!(
        right.to_string(),
        "This account was deactivated. Contact your school administrator."
    );

    // The Staff list shows it, with who did it and when.
    let staff = accounts.staff(&head, None).await.unwrap();
    let row = staff.items.iter().find(|m| m.id == robin.id).unwrap();
    assert_eq!(row.status, AccountStatus::Deactivated);
    let change = row.last_change.as_ref().unwrap();
    assert_eq!(change.by, "Alex Head");
    assert_eq!(change.at, utc(h.clock.now()));
    assert_eq!(said(change), format!("Deactivated by Alex Head, {}", utc(h.clock.now()).text));
    let head_row = staff.items.iter().find(|m| m.id == head.id).unwrap();
    assert_eq!((head_row.status, head_row.last_change.clone()), (AccountStatus::Active, None));

    h.clock.advance(DAY);
    let report = accounts.reactivate(&head, robin.id).await.unwrap();
    assert_eq!(report.member.status, AccountStatus::Active);
    assert_eq!(said(&report), "Robin Principal was reactivated and can sign in again.");
    let change = said(&report.member.last_change.unwrap());
    assert!(change.starts_with("Reactivated by Alex Head, "), "{change}");
    let back = sign_in(&h, PASSWORD).await.unwrap();
    assert_eq!(back.session_epoch, robin.session_epoch + 1, "sessions from before stay ended");
}

async fn the_last_active_super_admin_cannot_be_deactivated(db: &TestDb) {
    let h = Harness::new(db).await;
    let head = head(&h).await;
    let accounts = accounts(&h);

    let refused = accounts.deactivate(&head, head.id).await.unwrap_err();
    assert!(matches!(refused, StatusChangeError::LastSuperAdmin(_)), "{refused:?}");
    assert_eq!(
        refused.to_string(),
        "Alex Head is the only active Super-Admin, so this account can't be deactivated: no one \
         would be left to manage the school's staff."
    );
    assert!(h.store.find_user(head.id).await.unwrap().unwrap().deactivated_at.is_none());

    // A deactivated Super-Admin doesn't count.
    let robin = robin(&h).await;
    accounts.deactivate(&head, robin.id).await.unwrap();
    let refused = accounts.deactivate(&head, head.id).await.unwrap_err();
    assert!(matches!(refused, StatusChangeError::LastSuperAdmin(_)), "{refused:?}");

    // With another active, an admin may deactivate even their own account.
    accounts.reactivate(&head, robin.id).await.unwrap();
    let report = accounts.deactivate(&head, head.id).await.unwrap();
    assert_eq!(report.member.status, AccountStatus::Deactivated);
    let refused = accounts.deactivate(&robin, robin.id).await.unwrap_err();
    assert!(matches!(refused, StatusChangeError::LastSuperAdmin(_)), "{refused:?}");

    // Teachers and Admin Staff are never the last of anything.
    let tess = h.add_user("tess@school.org", "tess").await;
    accounts.deactivate(&robin, tess.id).await.unwrap();
    assert!(matches!(
        accounts.deactivate(&robin, 999_999).await.unwrap_err(),
        StatusChangeError::NotFound
    ));
}

async fn a_departing_admins_pending_invitations_are_revoked_with_a_reason(db: &TestDb) {
    let h = Harness::new(db).await;
    let (head, robin) = (head(&h).await, robin(&h).await);
    let by_robin = robin.actor();
    let mut theirs = Vec::new();
    for email in ["a@school.org", "b@school.org", "old@school.org"] {
        theirs.push(h.service.invite(&by_robin, email, "Teacher").await.unwrap());
    }
    // One already revoked, one accepted, one expired: only open ones are revoked now.
    let revoked = h.service.invite(&by_robin, "gone@school.org", "Teacher").await.unwrap();
    h.service.revoke(&by_robin, revoked.id).await.unwrap();
    let accepted = h.service.invite(&by_robin, "sam@school.org", "Teacher").await.unwrap();
    let token = h.latest_token(accepted.id).await;
    h.service.accept(&token, &crate::support::service::form("sam.r")).await.unwrap();
    let heads = h.service.invite(&h.admin, "kept@school.org", "Admin Staff").await.unwrap();
    h.clock.advance(DAY * 2);
    let late = h.service.invite(&by_robin, "late@school.org", "Teacher").await.unwrap();
    theirs.push(late);
    let token = h.latest_token(theirs[0].id).await;
    let revoked_history = h.service.history(revoked.id).await.unwrap().len();

    let report = accounts(&h).deactivate(&head, robin.id).await.unwrap();
    assert_eq!(report.revoked_invitations, 4, "two expired, one pending, all open");
    assert_eq!(
        said(&report),
        "Robin Principal was deactivated and signed out everywhere. The 4 pending invitations \
         they sent were revoked."
    );
    for invitation in &theirs {
        let history = h.service.history(invitation.id).await.unwrap();
        let last = history.last().unwrap();
        assert_eq!(last.action, EventAction::Revoked);
        assert_eq!(last.actor, "Alex Head");
        assert_eq!(last.details, "Robin Principal's account, which sent it, was deactivated");
    }
    assert_eq!(h.state(&token).await, LinkState::Revoked, "its link shows the withdrawn page");
    let lifecycle = |id| {
        let h = &h;
        async move { h.store.find_invitation(id).await.unwrap().unwrap().lifecycle }
    };
    assert_eq!(lifecycle(heads.id).await, Lifecycle::Open, "another admin's stay");
    assert_eq!(lifecycle(accepted.id).await, Lifecycle::Accepted);
    let history = h.service.history(revoked.id).await.unwrap();
    assert_eq!(history.len(), revoked_history, "not revoked twice");
    assert_eq!(h.service.counts().await.unwrap().revoked, 5);
    let staff = accounts(&h).staff(&head, None).await.unwrap();
    let row = staff.items.iter().find(|m| m.id == robin.id).unwrap();
    assert_eq!(row.last_change.as_ref().unwrap().revoked_invitations, 4, "on record");
}

async fn two_admins_deactivating_each_other_at_once_leave_one_active(db: &TestDb) {
    let h = Arc::new(Harness::new(db).await);
    let (head, robin) = (head(&h).await, robin(&h).await);
    let accounts = Arc::new(accounts(&h));
    for round in 0..10 {
        let (a, b) = (accounts.clone(), accounts.clone());
        let (head2, robin2) = (head.clone(), robin.clone());
        let one = tokio::spawn(async move { a.deactivate(&head2, robin2.id).await });
        let (head3, robin3) = (head.clone(), robin.clone());
        let two = tokio::spawn(async move { b.deactivate(&robin3, head3.id).await });
        let outcomes = [one.await.unwrap(), two.await.unwrap()];
        let done = outcomes.iter().filter(|o| o.is_ok()).count();
        assert_eq!(done, 1, "round {round}: exactly one wins: {outcomes:?}");
        // The loser's change is decided after the winner's commits: its own account is no
        // longer active, so it changes nothing.
        assert!(
            outcomes.iter().any(|o| matches!(o, Err(StatusChangeError::ActorDeactivated))),
            "round {round}: the other is told why: {outcomes:?}"
        );
        let active = accounts
            .staff(&robin, None)
            .await
            .unwrap()
            .items
            .iter()
            .filter(|m| m.role == Role::SuperAdmin && m.status == AccountStatus::Active)
            .count();
        assert_eq!(active, 1, "round {round}");
        // The one still active brings the other back.
        let winner = if outcomes[0].is_ok() { &head } else { &robin };
        for id in [head.id, robin.id] {
            let _ = accounts.reactivate(winner, id).await;
        }
    }
}

async fn a_status_change_is_refused_when_it_is_already_made(db: &TestDb) {
    let h = Harness::new(db).await;
    let head = head(&h).await;
    let tess = h.add_user("tess@school.org", "tess").await;
    let accounts = accounts(&h);
    let refused = accounts.reactivate(&head, tess.id).await.unwrap_err();
    assert_eq!(refused.to_string(), "Alex Head is already active.", "new_user names all Alex Head");
    accounts.deactivate(&head, tess.id).await.unwrap();
    let refused = accounts.deactivate(&head, tess.id).await.unwrap_err();
    assert_eq!(refused.to_string(), "Alex Head is already deactivated.");
    let staff = accounts.staff(&head, None).await.unwrap();
    let row = staff.items.iter().find(|m| m.id == tess.id).unwrap();
    assert_eq!(row.last_change.as_ref().unwrap().status, AccountStatus::Deactivated);
}

/// Over HTTP: the deactivated admin's open session stops working on its next request, stays
/// ended after reactivation, and sign-in says why only after the right password.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deactivated_accounts_sessions_end_at_once() {
    use crate::support::http::{ORIGIN, app, credentials, text};
    use axum::http::StatusCode;

    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("robin", Role::SuperAdmin).await;
    app.user("head", Role::SuperAdmin).await;
    let robin = app.state.store.find_user_by_login("robin").await.unwrap().unwrap();
    let robins = app.sign_in("robin").await;
    let heads = app.sign_in("head").await;
    assert_eq!(app.get("/account", Some(&robins)).await.status(), StatusCode::OK);

    let body = format!(r#"{{"id":{}}}"#, robin.id);
    let response = app.post_json("/api/deactivate_account", &body, Some(&heads)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(text(response).await.contains(r#""status":"Deactivated""#));
    assert_eq!(app.get("/account", Some(&robins)).await.status(), StatusCode::UNAUTHORIZED);
    let response = app.post_json("/api/staff_members", r#"{"after":null}"#, Some(&robins)).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "server functions refuse it too");

    let wrong = app
        .post_form("/api/sign_in", "login=robin&password=not+the+password", None, Some(ORIGIN))
        .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let right = app.post_form("/api/sign_in", &credentials("robin"), None, Some(ORIGIN)).await;
    assert_eq!(right.status(), StatusCode::FORBIDDEN);
    let said = text(right).await;
    assert!(
        said.contains("This account was deactivated. Contact your school administrator."),
        "{said}"
    );

    let response = app.post_json("/api/reactivate_account", &body, Some(&heads)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.get("/account", Some(&robins)).await.status(),
        StatusCode::UNAUTHORIZED,
        "the session ended for good: reactivating doesn't bring it back"
    );
    let fresh = app.sign_in("robin").await;
    assert_eq!(app.get("/account", Some(&fresh)).await.status(), StatusCode::OK);

    // Refusals: a 409 with the sentence.
    let response = app.post_json("/api/deactivate_account", &body, Some(&heads)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = app.post_json("/api/deactivate_account", &body, Some(&heads)).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(text(response).await.ends_with("|Test Person is already deactivated."));
    let head = app.state.store.find_user_by_login("head").await.unwrap().unwrap();
    let own = format!(r#"{{"id":{}}}"#, head.id);
    let response = app.post_json("/api/deactivate_account", &own, Some(&heads)).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(text(response).await.contains("is the only active Super-Admin"));
}

/// What the Staff page says of `what`, in English.
fn said(what: &impl staff_onboarding::domain::Sentence) -> String {
    staff_onboarding::server::i18n::english(what)
}
