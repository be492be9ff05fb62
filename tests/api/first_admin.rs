//! The first Super-Admin's link: printed while no Super-Admin exists, working once, with
//! the person choosing the account's email; on both databases.

use staff_onboarding::server::school::SchoolZone;
use staff_onboarding::{
    domain::{FormField, LinkState, Role},
    server::services::{AcceptError, AcceptInput, AccountService, NewSuperAdmin},
};

use crate::support::db::{TestDb, for_each_backend};
use crate::support::service::{Harness, form, token_of};

for_each_backend!(
    the_first_admin_link_creates_a_super_admin_with_the_chosen_email,
    the_link_is_withdrawn_once_a_super_admin_exists,
);

fn with_email(email: &str, username: &str) -> AcceptInput {
    AcceptInput { email: Some(email.into()), ..form(username) }
}

async fn the_first_admin_link_creates_a_super_admin_with_the_chosen_email(db: &TestDb) {
    let h = Harness::empty(db).await;
    let first = h.service.bootstrap().await.unwrap().expect("a link while no Super-Admin exists");
    assert!(first.starts_with("https://staff.example-school.org/invite/"));
    match h.state(&token_of(&first)).await {
        LinkState::Valid { role, inviter_name, choose_email, .. } => {
            assert_eq!(role, Role::SuperAdmin);
            assert_eq!(inviter_name, None);
            assert!(choose_email);
        }
        other => panic!("{other:?}"),
    }
    // Each start prints a new link; the previous one stops working. Nothing is emailed.
    let second = h.service.bootstrap().await.unwrap().unwrap();
    assert_eq!(h.state(&token_of(&first)).await, LinkState::Superseded);
    let invitation_id = h.store.open_system_invitations(Role::SuperAdmin).await.unwrap()[0].id;
    assert!(h.store.outbox_for(invitation_id).await.unwrap().is_empty(), "no email is queued");

    let token = token_of(&second);
    let err = h.service.accept(&token, &with_email("not-an-email", "robin")).await.unwrap_err();
    let AcceptError::Invalid(errors) = err else { panic!("{err:?}") };
    assert_eq!(errors[0].field, FormField::Email);

    let account =
        h.service.accept(&token, &with_email(" Robin@Greenwood.org ", "robin")).await.unwrap();
    assert_eq!(account.role, Role::SuperAdmin);
    let user = h.store.find_user(account.user_id).await.unwrap().unwrap();
    assert_eq!(user.email, "Robin@Greenwood.org");
    assert_eq!(h.state(&token).await, LinkState::AlreadyUsed);
    assert_eq!(h.service.bootstrap().await.unwrap(), None, "no link once a Super-Admin exists");
}

async fn the_link_is_withdrawn_once_a_super_admin_exists(db: &TestDb) {
    let h = Harness::empty(db).await;
    let superseded = h.service.bootstrap().await.unwrap().unwrap();
    let printed = h.service.bootstrap().await.unwrap().unwrap();
    let accounts = AccountService::new(
        h.store.clone(),
        h.clock.clone(),
        Default::default(),
        SchoolZone::utc(),
    );
    accounts
        .create_super_admin(NewSuperAdmin {
            email: "robin@greenwood.org",
            username: "robin",
            full_name: "Robin",
            phone: None,
            password: "violet tram orbit kettle",
        })
        .await
        .unwrap();
    // Used while that server still runs: refused, and withdrawn for good.
    let err =
        h.service.accept(&token_of(&printed), &with_email("x@y.org", "xavier")).await.unwrap_err();
    assert!(matches!(err, AcceptError::Link(LinkState::Revoked)), "{err:?}");
    assert_eq!(h.state(&token_of(&printed)).await, LinkState::Revoked);
    assert_eq!(h.state(&token_of(&superseded)).await, LinkState::Revoked);
    // The next start prints nothing.
    assert_eq!(h.service.bootstrap().await.unwrap(), None);

    // An ordinary invitation never lets the invitee choose their email.
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    let token = h.latest_token(invitation.id).await;
    let account = h.service.accept(&token, &with_email("other@school.org", "sam.r")).await.unwrap();
    let user = h.store.find_user(account.user_id).await.unwrap().unwrap();
    assert_eq!(user.email, "sam@school.org");
}
