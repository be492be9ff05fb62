//! Bulk invites as server-side jobs, on both databases: each row through the single-invite
//! rules, at most once even when the job is retried after a crash, resumed when a lease runs
//! out, and stopped when its creator is deactivated.

use std::time::Duration;

use staff_onboarding::{
    domain::{BulkRowInput, BulkRowResult, Role},
    server::{
        auth::CurrentUser,
        school::SchoolZone,
        services::{AccountService, BulkInvites, InviteError, bulk_invites::BULK_LEASE},
        store::BulkRowRef,
    },
};

use crate::support::db::{TestDb, for_each_backend};
use crate::support::service::Harness;

for_each_backend!(
    each_row_goes_through_the_single_invite_rules,
    a_retried_job_invites_no_row_twice,
    a_deactivated_creators_job_sends_nothing_more,
    the_invites_page_shows_the_running_job_before_the_latest,
);

fn bulk(h: &Harness) -> BulkInvites {
    BulkInvites::new(h.store.clone(), h.service.clone(), h.clock.clone(), SchoolZone::utc())
}

async fn head(h: &Harness) -> CurrentUser {
    h.store.find_user(h.admin.user_id.unwrap()).await.unwrap().unwrap().into()
}

fn rows(emails: &[&str]) -> Vec<BulkRowInput> {
    emails
        .iter()
        .enumerate()
        .map(|(i, email)| BulkRowInput {
            line: i + 1,
            email: (*email).into(),
            role: Role::Teacher,
            language: None,
        })
        .collect()
}

async fn each_row_goes_through_the_single_invite_rules(db: &TestDb) {
    let h = Harness::new(db).await;
    let (bulk, head) = (bulk(&h), head(&h).await);
    h.add_user("taken@school.org", "taken").await;
    h.service.invite(&h.admin, "invited@school.org", "Teacher").await.unwrap();
    let mut list =
        rows(&["a@school.org", "taken@school.org", "b@school.org", "invited@school.org"]);
    list.push(BulkRowInput {
        line: 5,
        email: "boss@school.org".into(),
        role: Role::SuperAdmin,
        language: None,
    });
    list.push(BulkRowInput {
        line: 6,
        email: "not an address".into(),
        role: Role::AdminStaff,
        language: None,
    });

    let job = bulk.start(&head, list).await.unwrap();
    assert_eq!((job.total, job.done(), job.finished_at.clone()), (6, 0, None));
    assert!(job.rows.iter().all(|r| r.result == BulkRowResult::Waiting));
    assert!(bulk.work_once().await.unwrap());
    assert!(!bulk.work_once().await.unwrap(), "nothing left to do");

    let job = bulk.job(job.id).await.unwrap();
    assert!(job.finished_at.is_some());
    assert_eq!((job.invited, job.refused), (2, 4));
    let results: Vec<_> = job.rows.iter().map(|r| (r.line, r.result.clone())).collect();
    let refused = |s: &str| BulkRowResult::Refused(s.into());
    assert_eq!(results[0], (1, BulkRowResult::Invited));
    assert_eq!(results[1], (2, refused("A user with this email already exists.")));
    assert_eq!(results[2], (3, BulkRowResult::Invited));
    assert_eq!(
        results[3],
        (4, refused("This email has already been invited. Use Resend on its row instead."))
    );
    assert_eq!(results[4], (5, refused("Staff can be invited as Teacher or Admin Staff only.")));
    assert!(matches!(&results[5], (6, BulkRowResult::Refused(_))));
    let progress = staff_onboarding::server::i18n::Tr::english().say(&job.progress());
    assert_eq!(progress, "Finished: 2 invited, 4 not invited");
    // Each invitation is the creator's, with its email queued like a single invite's.
    let counts = h.service.counts().await.unwrap();
    assert_eq!(counts.pending, 3);
    let page = h.service.list(&Default::default()).await.unwrap();
    let a = page.items.iter().find(|i| i.email == "a@school.org").unwrap();
    assert_eq!(a.invited_by, "Alex Head");
    assert_eq!(h.links(a.id).await.len(), 1);
}

async fn a_retried_job_invites_no_row_twice(db: &TestDb) {
    let h = Harness::new(db).await;
    let (bulk, head) = (bulk(&h), head(&h).await);
    let emails = ["r1@school.org", "r2@school.org", "r3@school.org", "r4@school.org"];
    let job = bulk.start(&head, rows(&emails)).await.unwrap();

    // A worker claims the job, invites two rows, and its process dies.
    let now = staff_onboarding::server::clock::Clock::now(h.clock.as_ref());
    assert_eq!(h.store.claim_bulk_job(now, now.plus(BULK_LEASE)).await.unwrap(), Some(job.id));
    for line in [1, 2] {
        let at = BulkRowRef { job_id: job.id, line };
        let email = emails[line as usize - 1];
        h.service.invite_bulk_row(&h.admin, email, "Teacher", None, at).await.unwrap();
    }
    assert!(!bulk.work_once().await.unwrap(), "the lease still holds it");

    // Its lease runs out: another worker resumes where it stopped.
    h.clock.advance(BULK_LEASE + Duration::from_secs(1));
    assert!(bulk.work_once().await.unwrap());
    let done = bulk.job(job.id).await.unwrap();
    assert_eq!((done.invited, done.refused), (4, 0), "{:?}", done.rows);
    assert_eq!(h.service.counts().await.unwrap().pending, 4, "one invitation per row");

    // Even with its address free again (its invitation revoked), a done row stays done.
    let page = h.service.list(&Default::default()).await.unwrap();
    let first = page.items.iter().find(|i| i.email == "r1@school.org").unwrap();
    h.service.revoke(&h.admin, first.id).await.unwrap();
    let again = BulkRowRef { job_id: job.id, line: 1 };
    let retried =
        h.service.invite_bulk_row(&h.admin, "r1@school.org", "Teacher", None, again).await;
    assert!(matches!(retried, Err(InviteError::BulkRowDone)), "{retried:?}");
    let counts = h.service.counts().await.unwrap();
    assert_eq!((counts.all, counts.pending), (4, 3), "the retry made nothing");
}

async fn a_deactivated_creators_job_sends_nothing_more(db: &TestDb) {
    let h = Harness::new(db).await;
    let (bulk, head) = (bulk(&h), head(&h).await);
    let accounts = AccountService::new(
        h.store.clone(),
        h.clock.clone(),
        Default::default(),
        SchoolZone::utc(),
    );
    let deputy = accounts
        .create_super_admin(staff_onboarding::server::services::NewSuperAdmin {
            email: "deputy@school.org",
            username: "deputy",
            full_name: "Dana Deputy",
            phone: None,
            password: "violet tram orbit kettle",
        })
        .await
        .unwrap();
    let job = bulk.start(&deputy, rows(&["x@school.org", "y@school.org"])).await.unwrap();
    accounts.deactivate(&head, deputy.id).await.unwrap();
    assert!(bulk.work_once().await.unwrap());
    let job = bulk.job(job.id).await.unwrap();
    assert_eq!((job.invited, job.refused), (0, 2));
    let why = BulkRowResult::Refused("Not sent: Dana Deputy's account was deactivated.".into());
    assert!(job.rows.iter().all(|r| r.result == why), "{:?}", job.rows);
    assert_eq!(h.service.counts().await.unwrap().all, 0);
}

async fn the_invites_page_shows_the_running_job_before_the_latest(db: &TestDb) {
    let h = Harness::new(db).await;
    let (bulk, head) = (bulk(&h), head(&h).await);
    assert_eq!(bulk.current().await.unwrap(), None);
    let first = bulk.start(&head, rows(&["a@school.org"])).await.unwrap();
    bulk.work_once().await.unwrap();
    let shown = bulk.current().await.unwrap().unwrap();
    assert_eq!((shown.id, shown.invited, shown.rows.len()), (first.id, 1, 0));
    assert!(shown.finished_at.is_some());
    h.clock.advance(Duration::from_secs(23 * 3600));
    assert!(bulk.current().await.unwrap().is_some(), "shown for a day after it finished");
    h.clock.advance(Duration::from_secs(3600));
    assert_eq!(bulk.current().await.unwrap(), None, "then no longer");
    let second = bulk.start(&head, rows(&["b@school.org", "c@school.org"])).await.unwrap();
    let shown = bulk.current().await.unwrap().unwrap();
    let progress = staff_onboarding::server::i18n::Tr::english().say(&shown.progress());
    assert_eq!(
        (shown.id, shown.finished_at.clone(), progress.as_str()),
        (second.id, None, "0 of 2 done: 0 invited so far")
    );
    assert!(matches!(
        bulk.start(&head, Vec::new()).await,
        Err(staff_onboarding::server::services::BulkError::Empty)
    ));
    let many = (0..1001).map(|i| format!("p{i}@school.org")).collect::<Vec<_>>();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    assert!(matches!(
        bulk.start(&head, rows(&many)).await,
        Err(staff_onboarding::server::services::BulkError::TooMany)
    ));
}
