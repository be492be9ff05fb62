//! Accounts: creating a Super-Admin and signing in, on both databases.

use staff_onboarding::server::school::SchoolZone;
use std::sync::Arc;

use staff_onboarding::{
    domain::Role,
    server::{
        auth::{
            CurrentUser,
            client_ip::ClientIp,
            limits::{RateConfig, RateLimits},
        },
        services::{
            AccountService, CreateAccountError, NewSuperAdmin, SignInAttempt, SignInError,
            SignInService,
        },
    },
};

use crate::support::db::{TestDb, for_each_backend};
use crate::support::service::Harness;

for_each_backend!(
    a_super_admin_can_sign_in_by_username_or_email,
    every_sign_in_failure_gets_the_same_answer,
    creating_a_super_admin_refuses_taken_and_invalid_details,
    an_invitee_signs_in_with_the_password_they_chose,
);

const PASSWORD: &str = "violet tram orbit kettle";

fn accounts(h: &Harness) -> AccountService {
    AccountService::new(h.store.clone(), h.clock.clone(), Default::default(), SchoolZone::utc())
}

/// Signs in as a browser with no device cookie, from its own address each time.
async fn sign_in(h: &Harness, login: &str, password: &str) -> Result<CurrentUser, SignInError> {
    let limits = Arc::new(RateLimits::new(RateConfig::default(), h.store.clone(), h.clock.clone()));
    let service = SignInService::new(h.store.clone(), h.clock.clone(), limits, h.sealer.clone());
    let client = ClientIp("192.0.2.1".parse().unwrap());
    let attempt = SignInAttempt { login, password, client, device_cookie: None };
    service.sign_in(&attempt).await.map(|signed_in| signed_in.user)
}

fn admin<'a>(email: &'a str, username: &'a str) -> NewSuperAdmin<'a> {
    NewSuperAdmin { email, username, full_name: "Robin Principal", phone: None, password: PASSWORD }
}

async fn a_super_admin_can_sign_in_by_username_or_email(db: &TestDb) {
    let h = Harness::new(db).await;
    let accounts = accounts(&h);
    let created = accounts.create_super_admin(admin("Robin@School.org", "robin.p")).await.unwrap();
    assert_eq!(created.role, Role::SuperAdmin);
    assert_eq!(created.phone, None);
    let stored = h.store.find_user(created.id).await.unwrap().unwrap();
    assert!(stored.password_hash.unwrap().starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));

    for login in ["robin.p", "ROBIN.P", " robin@school.org ", "Robin@School.org"] {
        let user = sign_in(&h, login, PASSWORD).await.unwrap();
        assert_eq!(user.id, created.id, "{login}");
    }
}

async fn every_sign_in_failure_gets_the_same_answer(db: &TestDb) {
    let h = Harness::new(db).await;
    let accounts = accounts(&h);
    accounts.create_super_admin(admin("robin@school.org", "robin.p")).await.unwrap();
    let wrong_password = sign_in(&h, "robin.p", "violet tram orbit kettles").await.unwrap_err();
    let unknown_user = sign_in(&h, "nobody", PASSWORD).await.unwrap_err();
    let empty = sign_in(&h, "", "").await.unwrap_err();
    for err in [&wrong_password, &unknown_user, &empty] {
        assert!(matches!(err, SignInError::Rejected { forget_device: false }), "{err:?}");
    }
    assert_eq!(wrong_password.to_string(), unknown_user.to_string());
}

async fn creating_a_super_admin_refuses_taken_and_invalid_details(db: &TestDb) {
    let h = Harness::new(db).await;
    let accounts = accounts(&h);
    assert!(accounts.super_admin_exists().await.unwrap(), "the harness made one");
    accounts.create_super_admin(admin("robin@school.org", "robin.p")).await.unwrap();

    let err =
        accounts.create_super_admin(admin("ROBIN@school.org", "other.name")).await.unwrap_err();
    assert!(matches!(err, CreateAccountError::EmailTaken), "{err:?}");
    let err = accounts.create_super_admin(admin("other@school.org", "Robin.P")).await.unwrap_err();
    assert!(matches!(err, CreateAccountError::UsernameTaken), "{err:?}");
    let err = accounts.create_super_admin(admin("not-an-email", "fresh.name")).await.unwrap_err();
    assert!(matches!(err, CreateAccountError::Invalid { field: "email", .. }), "{err:?}");
    let weak = NewSuperAdmin { password: "password1234", ..admin("x@school.org", "fresh.name") };
    let err = accounts.create_super_admin(weak).await.unwrap_err();
    assert!(matches!(err, CreateAccountError::Invalid { field: "password", .. }), "{err:?}");
    assert!(err.to_string().contains("too easy to guess"), "said in English: {err}");
}

async fn an_invitee_signs_in_with_the_password_they_chose(db: &TestDb) {
    let h = Arc::new(Harness::new(db).await);
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    let token = h.latest_token(invitation.id).await;
    h.service.accept(&token, &crate::support::service::form("sam.rivera")).await.unwrap();
    let user = sign_in(&h, "sam@school.org", PASSWORD).await.unwrap();
    assert_eq!((user.username.as_str(), user.role), ("sam.rivera", Role::Teacher));
}
