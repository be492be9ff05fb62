//! Every rule of the invitation lifecycle, through the service, on SQLite and on Postgres.

use std::time::Duration;

use staff_onboarding::{
    domain::{EventAction, InvitationStatus, LinkState, Role, Timestamp},
    server::{
        services::{AcceptError, EmailAvailability, FormField, InviteError, UsernameCheck},
        store::Actor,
    },
};

use crate::support::db::{TestDb, for_each_backend};
use crate::support::service::{DAY, Harness, START, form, policy, utc};
use staff_onboarding::server::clock::Clock;
use staff_onboarding::server::school::SchoolZone;

for_each_backend!(
    invite_creates_a_pending_invitation_with_one_valid_link,
    invite_refuses_bad_email_and_roles_that_cannot_be_invited,
    invite_refuses_an_address_that_has_an_account_ignoring_case,
    invite_refuses_a_second_open_invitation_and_points_to_resend,
    a_revoked_invitation_frees_the_address,
    expiry_is_derived_from_the_clock_and_invite_ttl,
    resend_issues_a_new_link_and_kills_the_old_ones,
    resend_is_capped_by_max_resends,
    resend_works_when_expired_but_not_when_accepted_or_revoked,
    revoke_kills_the_links,
    correcting_an_email_reissues_without_counting_a_resend,
    correcting_an_email_is_refused_when_not_pending_or_taken,
    inspecting_a_link_changes_nothing,
    link_opened_is_recorded_only_for_valid_links,
    asking_for_a_new_link_is_noted_for_expired_links_once_until_resent,
    accept_creates_the_account_and_uses_up_the_link,
    accept_reports_every_invalid_field_at_once,
    accept_refuses_dead_links_with_their_state,
    accept_refuses_a_taken_username_ignoring_case,
    username_check_answers_only_for_a_valid_link,
    email_availability_tells_the_three_answers,
    history_lists_every_action_in_order,
    times_are_worded_on_the_schools_clocks,
);

async fn invite_creates_a_pending_invitation_with_one_valid_link(db: &TestDb) {
    let h = Harness::new(db).await;
    let invitation =
        h.service.invite(&h.admin, " Sam.Rivera@Example-School.org ", "Teacher").await.unwrap();
    assert_eq!(invitation.email, "Sam.Rivera@Example-School.org");
    assert_eq!(invitation.role, Role::Teacher);
    assert_eq!(invitation.inviter_name, "Alex Head");
    assert_eq!(invitation.expires_at, START.plus(DAY));
    assert_eq!(h.service.status_of(&invitation), InvitationStatus::Pending);

    let links = h.links(invitation.id).await;
    assert_eq!(links.len(), 1, "one message queued in the same transaction");
    assert!(links[0].starts_with("https://staff.example-school.org/invite/"), "{}", links[0]);
    let token = h.latest_token(invitation.id).await;
    assert_eq!(token.len(), 43);
    assert_eq!(
        h.state(&token).await,
        LinkState::Valid {
            email: "Sam.Rivera@Example-School.org".into(),
            role: Role::Teacher,
            inviter_name: Some("Alex Head".into()),
            expires_at: utc(START.plus(DAY)),
            choose_email: false,
        }
    );
    let outbox = h.store.outbox_for(invitation.id).await.unwrap();
    assert_eq!(outbox[0].recipient, "Sam.Rivera@Example-School.org");
    assert_eq!(outbox[0].status, "queued");
}

async fn invite_refuses_bad_email_and_roles_that_cannot_be_invited(db: &TestDb) {
    let h = Harness::new(db).await;
    let err = h.service.invite(&h.admin, "not-an-email", "Teacher").await.unwrap_err();
    assert!(matches!(err, InviteError::InvalidEmail(_)), "{err:?}");
    let said = crate::support::said(&err);
    assert!(said.contains("@"), "the message says what a valid address looks like: {said}");
    let err = h.service.invite(&h.admin, "a@b.org", "Super-Admin").await.unwrap_err();
    assert!(matches!(err, InviteError::InvalidRole(_)), "{err:?}");
    let err = h.service.invite(&h.admin, "a@b.org", "Principal").await.unwrap_err();
    assert!(matches!(err, InviteError::InvalidRole(_)), "{err:?}");
    assert_eq!(h.service.counts().await.unwrap().all, 0, "nothing was created");
}

async fn invite_refuses_an_address_that_has_an_account_ignoring_case(db: &TestDb) {
    let h = Harness::new(db).await;
    h.add_user("Jane@School.org", "jane").await;
    let err = h.service.invite(&h.admin, "  jane@SCHOOL.org ", "Admin Staff").await.unwrap_err();
    assert!(matches!(err, InviteError::UserExists), "{err:?}");
    assert_eq!(crate::support::said(&err), "A user with this email already exists.");
    assert_eq!(h.service.counts().await.unwrap().all, 0);
}

async fn invite_refuses_a_second_open_invitation_and_points_to_resend(db: &TestDb) {
    let h = Harness::new(db).await;
    h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    let err = h.service.invite(&h.admin, "SAM@school.org", "Admin Staff").await.unwrap_err();
    assert!(matches!(err, InviteError::AlreadyInvited), "{err:?}");
    assert!(crate::support::said(&err).contains("Resend"), "{err}");

    // Still refused once the first one has expired: it can be resent.
    h.clock.advance(DAY * 2);
    let err = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap_err();
    assert!(matches!(err, InviteError::AlreadyInvited), "{err:?}");
    assert_eq!(h.service.counts().await.unwrap().all, 1);
}

async fn a_revoked_invitation_frees_the_address(db: &TestDb) {
    let h = Harness::new(db).await;
    let first = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    h.service.revoke(&h.admin, first.id).await.unwrap();
    let second = h.service.invite(&h.admin, "sam@school.org", "Admin Staff").await.unwrap();
    assert_ne!(first.id, second.id);
    assert_eq!(h.service.status_of(&second), InvitationStatus::Pending);
}

async fn expiry_is_derived_from_the_clock_and_invite_ttl(db: &TestDb) {
    let h = Harness::with_policy(db, policy(Duration::from_secs(90), 3)).await;
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    let token = h.latest_token(invitation.id).await;
    assert_eq!(invitation.expires_at, START.plus(Duration::from_secs(90)));

    h.clock.advance(Duration::from_secs(89));
    assert!(matches!(h.state(&token).await, LinkState::Valid { .. }));
    assert_eq!(h.service.counts().await.unwrap().pending, 1);

    h.clock.advance(Duration::from_secs(1));
    assert_eq!(
        h.state(&token).await,
        LinkState::Expired { expired_at: utc(invitation.expires_at) }
    );
    let counts = h.service.counts().await.unwrap();
    assert_eq!((counts.pending, counts.expired, counts.all), (0, 1, 1));
    let record = h.store.find_invitation(invitation.id).await.unwrap().unwrap();
    assert_eq!(h.service.status_of(&record), InvitationStatus::Expired);
}

async fn resend_issues_a_new_link_and_kills_the_old_ones(db: &TestDb) {
    let h = Harness::new(db).await;
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    let first = h.latest_token(invitation.id).await;

    h.clock.advance(Duration::from_secs(3600));
    let resent = h.service.resend(&h.admin, invitation.id).await.unwrap();
    assert_eq!(resent.resend_count, 1);
    assert_eq!(resent.expires_at, h.clock.now().plus(DAY), "the window restarts");
    let second = h.latest_token(invitation.id).await;
    assert_ne!(first, second);
    assert_eq!(h.state(&first).await, LinkState::Superseded);
    assert!(matches!(h.state(&second).await, LinkState::Valid { .. }));

    h.service.resend(&h.admin, invitation.id).await.unwrap();
    let third = h.latest_token(invitation.id).await;
    for old in [&first, &second] {
        assert_eq!(h.state(old).await, LinkState::Superseded, "every earlier link dies");
    }
    assert!(matches!(h.state(&third).await, LinkState::Valid { .. }));
    assert_eq!(h.links(invitation.id).await.len(), 3);
}

async fn resend_is_capped_by_max_resends(db: &TestDb) {
    let h = Harness::new(db).await;
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    for n in 1..=3 {
        assert_eq!(h.service.resend(&h.admin, invitation.id).await.unwrap().resend_count, n);
    }
    let err = h.service.resend(&h.admin, invitation.id).await.unwrap_err();
    assert!(matches!(err, InviteError::ResendLimitReached(3)), "{err:?}");
    assert!(err.to_string().contains("limit"), "{err}");
    assert_eq!(h.links(invitation.id).await.len(), 4, "the refused resend queued nothing");
    let token = h.latest_token(invitation.id).await;
    assert!(matches!(h.state(&token).await, LinkState::Valid { .. }), "the last link still works");

    // MAX_RESENDS is the cap.
    let db2 = TestDb::sqlite();
    let h = Harness::with_policy(&db2, policy(DAY, 1)).await;
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    h.service.resend(&h.admin, invitation.id).await.unwrap();
    assert!(matches!(
        h.service.resend(&h.admin, invitation.id).await,
        Err(InviteError::ResendLimitReached(1))
    ));
}

async fn resend_works_when_expired_but_not_when_accepted_or_revoked(db: &TestDb) {
    let h = Harness::new(db).await;
    let expired = h.service.invite(&h.admin, "late@school.org", "Teacher").await.unwrap();
    h.clock.advance(DAY * 3);
    let resent = h.service.resend(&h.admin, expired.id).await.unwrap();
    assert_eq!(h.service.status_of(&resent), InvitationStatus::Pending);

    let revoked = h.service.invite(&h.admin, "gone@school.org", "Teacher").await.unwrap();
    h.service.revoke(&h.admin, revoked.id).await.unwrap();
    let err = h.service.resend(&h.admin, revoked.id).await.unwrap_err();
    assert!(
        matches!(err, InviteError::NotAllowed { status: InvitationStatus::Revoked, .. }),
        "{err:?}"
    );
    assert_eq!(crate::support::said(&err), "Revoked invitations can't be resent.");

    let accepted = h.service.invite(&h.admin, "done@school.org", "Teacher").await.unwrap();
    let token = h.latest_token(accepted.id).await;
    h.service.accept(&token, &form("done.person")).await.unwrap();
    let err = h.service.resend(&h.admin, accepted.id).await.unwrap_err();
    assert!(
        matches!(err, InviteError::NotAllowed { status: InvitationStatus::Accepted, .. }),
        "{err:?}"
    );
    assert!(matches!(h.service.resend(&h.admin, 987_654).await, Err(InviteError::NotFound)));
}

async fn revoke_kills_the_links(db: &TestDb) {
    let h = Harness::new(db).await;
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    let token = h.latest_token(invitation.id).await;
    let revoked = h.service.revoke(&h.admin, invitation.id).await.unwrap();
    assert_eq!(h.service.status_of(&revoked), InvitationStatus::Revoked);
    assert_eq!(h.state(&token).await, LinkState::Revoked);
    assert!(matches!(
        h.service.accept(&token, &form("sam.r")).await,
        Err(AcceptError::Link(LinkState::Revoked))
    ));
    let err = h.service.revoke(&h.admin, invitation.id).await.unwrap_err();
    assert!(matches!(err, InviteError::NotAllowed { status: InvitationStatus::Revoked, .. }));

    // An expired invitation can be revoked too.
    let expired = h.service.invite(&h.admin, "old@school.org", "Teacher").await.unwrap();
    h.clock.advance(DAY * 2);
    let revoked = h.service.revoke(&h.admin, expired.id).await.unwrap();
    assert_eq!(h.service.status_of(&revoked), InvitationStatus::Revoked);
}

async fn correcting_an_email_reissues_without_counting_a_resend(db: &TestDb) {
    let h = Harness::new(db).await;
    let invitation = h.service.invite(&h.admin, "sam@shcool.org", "Teacher").await.unwrap();
    let old = h.latest_token(invitation.id).await;
    h.service.resend(&h.admin, invitation.id).await.unwrap();
    let before = h.latest_token(invitation.id).await;

    let corrected =
        h.service.correct_email(&h.admin, invitation.id, "sam@school.org").await.unwrap();
    assert_eq!(corrected.email, "sam@school.org");
    assert_eq!(corrected.resend_count, 1, "a correction is not a resend");
    let new = h.latest_token(invitation.id).await;
    assert_eq!(h.state(&old).await, LinkState::Superseded);
    assert_eq!(h.state(&before).await, LinkState::Superseded);
    match h.state(&new).await {
        LinkState::Valid { email, .. } => assert_eq!(email, "sam@school.org"),
        other => panic!("{other:?}"),
    }
    let outbox = h.store.outbox_for(invitation.id).await.unwrap();
    assert_eq!(outbox.last().unwrap().recipient, "sam@school.org");
    // The old address is free again; the new one is taken.
    assert_eq!(
        h.service.email_availability("sam@shcool.org").await.unwrap(),
        EmailAvailability::Available
    );
    assert_eq!(
        h.service.email_availability("sam@school.org").await.unwrap(),
        EmailAvailability::AlreadyInvited
    );
}

async fn correcting_an_email_is_refused_when_not_pending_or_taken(db: &TestDb) {
    let h = Harness::new(db).await;
    h.add_user("taken@school.org", "taken.user").await;
    h.service.invite(&h.admin, "other@school.org", "Teacher").await.unwrap();
    let invitation = h.service.invite(&h.admin, "sam@shcool.org", "Teacher").await.unwrap();
    let token = h.latest_token(invitation.id).await;

    let err =
        h.service.correct_email(&h.admin, invitation.id, "Taken@School.org").await.unwrap_err();
    assert!(matches!(err, InviteError::UserExists), "{err:?}");
    let err =
        h.service.correct_email(&h.admin, invitation.id, "other@school.org").await.unwrap_err();
    assert!(matches!(err, InviteError::AlreadyInvited), "{err:?}");
    let err = h.service.correct_email(&h.admin, invitation.id, "nonsense").await.unwrap_err();
    assert!(matches!(err, InviteError::InvalidEmail(_)), "{err:?}");
    assert!(matches!(h.state(&token).await, LinkState::Valid { .. }), "refusals change nothing");

    h.clock.advance(DAY);
    let err = h.service.correct_email(&h.admin, invitation.id, "sam@school.org").await.unwrap_err();
    assert!(
        matches!(err, InviteError::NotAllowed { status: InvitationStatus::Expired, .. }),
        "{err:?}"
    );
}

async fn inspecting_a_link_changes_nothing(db: &TestDb) {
    let h = Harness::new(db).await;
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    let token = h.latest_token(invitation.id).await;
    let history = h.service.history(invitation.id).await.unwrap();
    for _ in 0..5 {
        assert!(matches!(h.state(&token).await, LinkState::Valid { .. }));
    }
    assert_eq!(h.service.history(invitation.id).await.unwrap(), history);
    assert_eq!(h.store.find_invitation(invitation.id).await.unwrap().unwrap(), invitation);
    for bad in ["", "x", &token[..42], &format!("{token}x"), "../../etc/passwd"] {
        assert_eq!(h.state(bad).await, LinkState::Invalid, "{bad:?}");
    }
}

async fn link_opened_is_recorded_only_for_valid_links(db: &TestDb) {
    let h = Harness::new(db).await;
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    let token = h.latest_token(invitation.id).await;
    assert!(h.service.record_link_opened(&token).await.unwrap());
    assert!(!h.service.record_link_opened("bogus").await.unwrap());
    assert!(!h.service.record_link_opened(&token).await.unwrap(), "once per link");
    let opened = |events: &[staff_onboarding::domain::HistoryEvent]| {
        events.iter().filter(|e| e.action == EventAction::LinkOpened).count()
    };
    let opened_at =
        async || h.service.list(&Default::default()).await.unwrap().items.remove(0).link_opened_at;
    assert_eq!(opened(&h.service.history(invitation.id).await.unwrap()), 1);
    assert_eq!(opened_at().await, Some(utc(START)), "the dashboard sees it");

    h.clock.advance(Duration::from_secs(60));
    h.service.resend(&h.admin, invitation.id).await.unwrap();
    assert_eq!(opened_at().await, None, "a new link has not been opened yet");
    assert!(!h.service.record_link_opened(&token).await.unwrap(), "the old link is superseded");
    let token = h.latest_token(invitation.id).await;
    assert!(h.service.record_link_opened(&token).await.unwrap(), "the new link, once");
    assert_eq!(opened(&h.service.history(invitation.id).await.unwrap()), 2);

    h.clock.advance(DAY);
    assert!(!h.service.record_link_opened(&token).await.unwrap(), "expired links record nothing");
    assert_eq!(opened(&h.service.history(invitation.id).await.unwrap()), 2);
}

async fn asking_for_a_new_link_is_noted_for_expired_links_once_until_resent(db: &TestDb) {
    let h = Harness::new(db).await;
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    let token = h.latest_token(invitation.id).await;
    let asked = async || {
        let events = h.service.history(invitation.id).await.unwrap();
        let count = events.iter().filter(|e| e.action == EventAction::NewLinkRequested).count();
        let summary = h.service.list(&Default::default()).await.unwrap().items.remove(0);
        (count, summary.new_link_requested_at)
    };

    assert!(!h.service.request_new_link(&token).await.unwrap(), "a working link needs no new one");
    assert!(!h.service.request_new_link("bogus").await.unwrap());
    assert_eq!(asked().await, (0, None));

    h.clock.advance(DAY);
    let expired_at = h.clock.now();
    assert!(h.service.request_new_link(&token).await.unwrap());
    assert_eq!(asked().await, (1, Some(utc(expired_at))), "in the history and on the dashboard");
    h.clock.advance(Duration::from_secs(600));
    assert!(!h.service.request_new_link(&token).await.unwrap(), "pressing again is quiet");
    h.clock.advance(staff_onboarding::server::services::invitations::NEW_LINK_QUIET_PERIOD);
    assert!(h.service.request_new_link(&token).await.unwrap(), "asked again, much later");
    assert_eq!(asked().await.0, 2);

    h.service.resend(&h.admin, invitation.id).await.unwrap();
    assert_eq!(asked().await, (2, None), "a resend answers the request");
    h.clock.advance(DAY);
    assert!(!h.service.request_new_link(&token).await.unwrap(), "a superseded link asks nothing");

    let other = h.service.invite(&h.admin, "kim@school.org", "Teacher").await.unwrap();
    let other_token = h.latest_token(other.id).await;
    h.service.revoke(&h.admin, other.id).await.unwrap();
    h.clock.advance(DAY);
    assert!(!h.service.request_new_link(&other_token).await.unwrap(), "nor a withdrawn one");
}

async fn accept_creates_the_account_and_uses_up_the_link(db: &TestDb) {
    let h = Harness::new(db).await;
    let invitation = h.service.invite(&h.admin, "Sam@School.org", "Admin Staff").await.unwrap();
    let token = h.latest_token(invitation.id).await;
    h.clock.advance(Duration::from_secs(600));

    let account = h.service.accept(&token, &form("Sam.Rivera")).await.unwrap();
    assert_eq!(account.username, "Sam.Rivera");
    assert_eq!(account.role, Role::AdminStaff, "the role comes from the invitation");
    assert_eq!(account.invitation_id, invitation.id);
    let user = h.store.find_user(account.user_id).await.unwrap().unwrap();
    assert_eq!(user.email, "Sam@School.org", "the email comes from the invitation");
    assert_eq!(user.full_name, "Sam Rivera");
    assert_eq!(user.phone.as_deref(), Some("+15550104477"));
    let hash = user.password_hash.unwrap_or_default();
    assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");

    let record = h.store.find_invitation(invitation.id).await.unwrap().unwrap();
    assert_eq!(h.service.status_of(&record), InvitationStatus::Accepted);
    assert_eq!(record.accepted_at, Some(h.clock.now()));
    assert_eq!(h.state(&token).await, LinkState::AlreadyUsed);
    let again = h.service.accept(&token, &form("someone.else")).await.unwrap_err();
    assert!(matches!(again, AcceptError::Link(LinkState::AlreadyUsed)), "{again:?}");
    // The address now belongs to an account.
    assert_eq!(
        h.service.email_availability("sam@school.org").await.unwrap(),
        EmailAvailability::UserExists
    );
    let counts = h.service.counts().await.unwrap();
    assert_eq!((counts.accepted, counts.pending), (1, 0));
}

async fn accept_reports_every_invalid_field_at_once(db: &TestDb) {
    let h = Harness::new(db).await;
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    let token = h.latest_token(invitation.id).await;
    let input = staff_onboarding::server::services::AcceptInput {
        email: None,
        full_name: "  ".into(),
        phone: "07700 900123".into(),
        username: "1sam".into(),
        password: "short".into(),
        language: None,
    };
    let AcceptError::Invalid(errors) = h.service.accept(&token, &input).await.unwrap_err() else {
        panic!("expected field errors")
    };
    let fields: Vec<FormField> = errors.iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [FormField::FullName, FormField::Phone, FormField::Username, FormField::Password]
    );
    assert_eq!(errors[1].message.id, "phone-no-country-code");

    // The password may not contain the username, nor be easy to guess.
    for (password, needle) in [
        ("sam.rivera is my name", "password-contains-username"),
        ("password123456", "password-too-common"),
    ] {
        let input = staff_onboarding::server::services::AcceptInput {
            password: password.into(),
            ..form("sam.rivera")
        };
        let AcceptError::Invalid(errors) = h.service.accept(&token, &input).await.unwrap_err()
        else {
            panic!("expected field errors for {password}")
        };
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].message.id, needle, "{password}");
    }
    assert!(
        matches!(h.state(&token).await, LinkState::Valid { .. }),
        "a refused form leaves the link usable"
    );
}

async fn accept_refuses_dead_links_with_their_state(db: &TestDb) {
    let h = Harness::new(db).await;
    let a = h.service.invite(&h.admin, "a@school.org", "Teacher").await.unwrap();
    let superseded = h.latest_token(a.id).await;
    h.service.resend(&h.admin, a.id).await.unwrap();
    assert!(matches!(
        h.service.accept(&superseded, &form("person.a")).await,
        Err(AcceptError::Link(LinkState::Superseded))
    ));

    let b = h.service.invite(&h.admin, "b@school.org", "Teacher").await.unwrap();
    let expired = h.latest_token(b.id).await;
    h.clock.advance(DAY);
    assert!(matches!(
        h.service.accept(&expired, &form("person.b")).await,
        Err(AcceptError::Link(LinkState::Expired { .. }))
    ));
    assert!(matches!(
        h.service.accept("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &form("person.c")).await,
        Err(AcceptError::Link(LinkState::Invalid))
    ));
    assert!(!h.store.username_taken("person.a").await.unwrap());
    assert!(!h.store.username_taken("person.b").await.unwrap());
}

async fn accept_refuses_a_taken_username_ignoring_case(db: &TestDb) {
    let h = Harness::new(db).await;
    h.add_user("first@school.org", "sam.rivera").await;
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    let token = h.latest_token(invitation.id).await;
    let err = h.service.accept(&token, &form("Sam.Rivera")).await.unwrap_err();
    assert!(matches!(err, AcceptError::UsernameTaken), "{err:?}");
    assert!(matches!(h.state(&token).await, LinkState::Valid { .. }));
    h.service.accept(&token, &form("sam.rivera2")).await.unwrap();
}

async fn username_check_answers_only_for_a_valid_link(db: &TestDb) {
    let h = Harness::new(db).await;
    h.add_user("x@school.org", "sam").await;
    h.add_user("y@school.org", "sam2").await;
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    let token = h.latest_token(invitation.id).await;

    assert_eq!(
        h.service.check_username(&token, "sam.new").await.unwrap(),
        UsernameCheck::Available
    );
    match h.service.check_username(&token, "Sam").await.unwrap() {
        UsernameCheck::Taken { suggestions } => {
            // Free variants, keeping the letters as the person typed them.
            assert_eq!(suggestions, ["Sam3", "Sam4", "Sam5"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        h.service.check_username(&token, "x").await.unwrap(),
        UsernameCheck::Invalid(_)
    ));
    assert!(matches!(
        h.service.check_username("bogus-token", "sam").await,
        Err(AcceptError::Link(LinkState::Invalid))
    ));
    h.service.revoke(&h.admin, invitation.id).await.unwrap();
    assert!(matches!(
        h.service.check_username(&token, "sam").await,
        Err(AcceptError::Link(LinkState::Revoked))
    ));
}

async fn email_availability_tells_the_three_answers(db: &TestDb) {
    let h = Harness::new(db).await;
    h.add_user("user@school.org", "existing").await;
    h.service.invite(&h.admin, "invited@school.org", "Teacher").await.unwrap();
    let check = |email: &'static str| {
        let service = h.service.clone();
        async move { service.email_availability(email).await.unwrap() }
    };
    assert_eq!(check("new@school.org").await, EmailAvailability::Available);
    assert_eq!(check(" USER@school.org").await, EmailAvailability::UserExists);
    assert_eq!(check("Invited@School.org").await, EmailAvailability::AlreadyInvited);
    assert!(matches!(check("nope").await, EmailAvailability::Invalid(_)));
}

async fn history_lists_every_action_in_order(db: &TestDb) {
    let h = Harness::new(db).await;
    let invitation = h.service.invite(&h.admin, "sam@shcool.org", "Teacher").await.unwrap();
    h.clock.advance(Duration::from_secs(60));
    h.service.resend(&h.admin, invitation.id).await.unwrap();
    h.clock.advance(Duration::from_secs(60));
    h.service.correct_email(&h.admin, invitation.id, "sam@school.org").await.unwrap();
    let token = h.latest_token(invitation.id).await;
    h.service.record_link_opened(&token).await.unwrap();
    h.service.accept(&token, &form("sam.r")).await.unwrap();

    let events = h.service.history(invitation.id).await.unwrap();
    let actions: Vec<EventAction> = events.iter().map(|e| e.action).collect();
    assert_eq!(
        actions,
        [
            EventAction::Created,
            EventAction::Sent,
            EventAction::Resent,
            EventAction::EmailCorrected,
            EventAction::LinkOpened,
            EventAction::Accepted
        ]
    );
    assert_eq!(events[0].actor, "Alex Head");
    assert_eq!(events[0].at, utc(START));
    assert_eq!(events[2].details, "1 of 3");
    assert_eq!(events[3].details, "sam@shcool.org → sam@school.org");
    assert_eq!(events[4].actor, "Invitee");
    assert_eq!(events[5].actor, "Sam Rivera");
    assert!(events.windows(2).all(|w| w[0].at.at <= w[1].at.at));

    let revoked = h.service.invite(&h.admin, "x@school.org", "Teacher").await.unwrap();
    let other_admin = Actor { user_id: None, name: "System".into() };
    h.service.revoke(&other_admin, revoked.id).await.unwrap();
    let events = h.service.history(revoked.id).await.unwrap();
    assert_eq!(events.last().unwrap().action, EventAction::Revoked);
    assert_eq!(events.last().unwrap().actor, "System");
    let _ = Timestamp(0);
}

/// With `SCHOOL_TIMEZONE=Asia/Kolkata`, the link page, the Invites rows and the history give
/// the school's local time; relative times are the browser's to work out from `at`.
async fn times_are_worded_on_the_schools_clocks(db: &TestDb) {
    let mut in_india = policy(DAY, 3);
    in_india.zone = SchoolZone::parse("Asia/Kolkata").unwrap();
    let h = Harness::with_policy(db, in_india).await;
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    let token = h.latest_token(invitation.id).await;

    // START is 08:00 UTC on Tuesday 1 September 2026: 13:30 in India.
    let LinkState::Valid { expires_at, .. } = h.state(&token).await else { panic!("valid") };
    assert_eq!(expires_at.at, START.plus(DAY));
    assert_eq!(expires_at.text, "Wednesday, 2 September 2026 at 13:30 IST");
    let row = h.service.list(&Default::default()).await.unwrap().items.remove(0);
    assert_eq!(row.sent_at.text, "Tuesday, 1 September 2026 at 13:30 IST");
    assert_eq!(row.expires_at.text, "Wednesday, 2 September 2026 at 13:30 IST");
    let history = h.service.history(invitation.id).await.unwrap();
    assert_eq!(history[0].at.text, "Tuesday, 1 September 2026 at 13:30 IST");

    h.clock.advance(DAY);
    let LinkState::Expired { expired_at } = h.state(&token).await else { panic!("expired") };
    assert_eq!(expired_at.text, "Wednesday, 2 September 2026 at 13:30 IST");
}
