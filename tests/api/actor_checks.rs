//! A Super-Admin's actions end with their account: every write made in an admin's name
//! checks, inside its own transaction, that the admin is still active. A deactivation
//! that commits while a bulk job runs, or while one invite or resend is in flight, leaves
//! nothing live in the departed admin's name.

use std::{sync::Arc, time::Duration};

use staff_onboarding::{
    domain::{BulkRowInput, BulkRowResult, Role},
    server::{
        auth::CurrentUser,
        school::SchoolZone,
        services::{AccountService, BulkInvites, InviteError, NewSuperAdmin, StatusChangeError},
        store::BulkRowRef,
    },
};

use crate::support::db::{TestDb, for_each_backend};
use crate::support::service::Harness;

for_each_backend!(
    a_deactivated_admins_writes_are_each_refused,
    a_job_whose_creator_is_deactivated_midway_leaves_nothing_pending,
);

fn accounts(h: &Harness) -> AccountService {
    AccountService::new(h.store.clone(), h.clock.clone(), Default::default(), SchoolZone::utc())
}

async fn head(h: &Harness) -> CurrentUser {
    h.store.find_user(h.admin.user_id.unwrap()).await.unwrap().unwrap().into()
}

/// A second Super-Admin, Dana Deputy.
async fn deputy(h: &Harness) -> CurrentUser {
    let new = NewSuperAdmin {
        email: "deputy@school.org",
        username: "deputy",
        full_name: "Dana Deputy",
        phone: None,
        password: "violet tram orbit kettle",
    };
    accounts(h).create_super_admin(new).await.unwrap()
}

/// Each of these once went through for an admin deactivated a moment before (the request
/// was let in while they were active): the check was made once, outside the write.
async fn a_deactivated_admins_writes_are_each_refused(db: &TestDb) {
    let h = Harness::new(db).await;
    let (head, dana) = (head(&h).await, deputy(&h).await);
    let accounts = accounts(&h);
    let actor = dana.actor();
    let theirs = h.service.invite(&actor, "one@school.org", "Teacher").await.unwrap();
    let heads = h.service.invite(&h.admin, "two@school.org", "Teacher").await.unwrap();
    let robin = accounts
        .create_super_admin(NewSuperAdmin {
            email: "robin@school.org",
            username: "robin",
            full_name: "Robin Principal",
            phone: None,
            password: "violet tram orbit kettle",
        })
        .await
        .unwrap();
    accounts.deactivate(&head, dana.id).await.unwrap();

    let gone = |result: Result<_, InviteError>| match result {
        Err(InviteError::ActorDeactivated) => {}
        other => panic!("went through: {other:?}"),
    };
    gone(h.service.invite(&actor, "three@school.org", "Teacher").await);
    // An address with an account: the refusal says nothing about it.
    gone(h.service.invite(&actor, "robin@school.org", "Teacher").await);
    gone(h.service.resend(&actor, heads.id).await);
    gone(h.service.correct_email(&actor, heads.id, "deux@school.org").await);
    gone(h.service.revoke(&actor, heads.id).await);
    // Their own invitation was revoked with them: Resend says so first.
    let revoked = h.service.resend(&actor, theirs.id).await.unwrap_err();
    assert!(matches!(revoked, InviteError::NotAllowed { .. }), "{revoked:?}");
    let row = BulkRowRef { job_id: 1, line: 1 };
    gone(h.service.invite_bulk_row(&actor, "four@school.org", "Teacher", None, row).await);
    let refused = accounts.deactivate(&dana, robin.id).await.unwrap_err();
    assert!(matches!(refused, StatusChangeError::ActorDeactivated), "{refused:?}");
    let refused = accounts.reactivate(&dana, dana.id).await.unwrap_err();
    assert!(matches!(refused, StatusChangeError::ActorDeactivated), "{refused:?}");
    assert_eq!(
        crate::support::said(&InviteError::ActorDeactivated),
        "Your account was deactivated, so nothing was changed."
    );

    let counts = h.service.counts().await.unwrap();
    assert_eq!((counts.all, counts.pending), (2, 1), "only the head's invitation is live");
    let record = h.store.find_invitation(heads.id).await.unwrap().unwrap();
    assert_eq!((record.resend_count, record.email.as_str()), (0, "two@school.org"));
    let robin_now = h.store.find_user(robin.id).await.unwrap().unwrap();
    assert!(robin_now.deactivated_at.is_none());
}

/// A job of 400 rows whose creator is deactivated after a few rows: the rows invited before
/// are revoked with the deactivation, and every later row is "Not sent: …". The job's
/// creator was checked once per batch of 50, and the rest of that batch went out in the
/// departed admin's name with live links.
async fn a_job_whose_creator_is_deactivated_midway_leaves_nothing_pending(db: &TestDb) {
    let h = Harness::new(db).await;
    let (head, dana) = (head(&h).await, deputy(&h).await);
    let bulk = Arc::new(BulkInvites::new(
        h.store.clone(),
        h.service.clone(),
        h.clock.clone(),
        SchoolZone::utc(),
    ));
    let rows: Vec<BulkRowInput> = (1..=400)
        .map(|line| BulkRowInput {
            line,
            email: format!("row{line}@school.org"),
            role: Role::Teacher,
            language: None,
        })
        .collect();
    let job = bulk.start(&dana, rows).await.unwrap();
    let worker = tokio::spawn({
        let bulk = bulk.clone();
        async move { bulk.work_once().await.unwrap() }
    });
    // A few rows in, the deputy is deactivated.
    loop {
        let seen = bulk.job(job.id).await.unwrap();
        if seen.invited >= 7 {
            break;
        }
        assert!(seen.finished_at.is_none(), "the job finished before the deactivation");
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    accounts(&h).deactivate(&head, dana.id).await.unwrap();
    assert!(worker.await.unwrap());

    let done = bulk.job(job.id).await.unwrap();
    assert!(done.finished_at.is_some());
    assert_eq!(done.invited + done.refused, 400);
    let pending = h.service.counts().await.unwrap().pending;
    assert_eq!(pending, 0, "{} rows invited, {} refused", done.invited, done.refused);
    let not_sent =
        BulkRowResult::Refused("Not sent: Dana Deputy's account was deactivated.".into());
    let refused: Vec<_> = done.rows.iter().filter(|r| r.result != BulkRowResult::Invited).collect();
    assert!(refused.iter().all(|r| r.result == not_sent), "{refused:?}");
}
