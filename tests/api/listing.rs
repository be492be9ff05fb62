//! Listing invitations: filters, sorting, keyset pages and counts, on both databases.

use std::{collections::HashSet, time::Duration};

use staff_onboarding::domain::{InvitationStatus, ListQuery, Role, SortKey};
use staff_onboarding::server::{
    clock::Clock,
    seed::{self, SeedPlan},
    store::Actor,
};

use crate::support::db::{TestDb, for_each_backend};
use crate::support::service::{DAY, Harness, form};

for_each_backend!(
    filters_by_status_role_and_email_text,
    keyset_pages_cover_every_row_once_in_order,
    counts_match_the_derived_statuses,
    maintained_counts_stay_exact_through_every_change,
    seeded_data_is_whole_and_counted_exactly,
    hostile_filter_text_is_only_text,
    the_change_stamp_moves_with_every_change_and_names_the_next_expiry,
    the_first_admins_own_invitation_is_not_a_staff_invite,
    the_address_search_follows_every_write,
    a_text_most_addresses_hold_finds_what_a_rare_one_does,
);

/// Seven invitations, one a minute: 2 accepted, 1 revoked, 1 expired, 3 pending.
async fn seed(h: &Harness) -> Vec<i64> {
    let mut ids = Vec::new();
    for (i, (email, role)) in [
        ("ana@north.school.org", "Teacher"),
        ("ben@north.school.org", "Admin Staff"),
        ("cy@south.school.org", "Teacher"),
        ("dee@south.school.org", "Teacher"),
        ("eve_x@east.school.org", "Admin Staff"),
        ("fay@east.school.org", "Teacher"),
        ("gus%y@west.school.org", "Teacher"),
    ]
    .into_iter()
    .enumerate()
    {
        let invitation = h.service.invite(&h.admin, email, role).await.unwrap();
        ids.push(invitation.id);
        if i == 0 {
            // The first one runs out: everything after it is a day later.
            h.clock.advance(DAY);
        }
        h.clock.advance(Duration::from_secs(60));
    }
    for (id, username) in [(ids[1], "ben.b"), (ids[2], "cy.c")] {
        let token = h.latest_token(id).await;
        h.service.accept(&token, &form(username)).await.unwrap();
    }
    h.service.revoke(&h.admin, ids[3]).await.unwrap();
    ids
}

/// `invitations` made-up invitations over the year before now, the newest 40 Pending.
fn seed_plan(h: &Harness, invitations: u64) -> SeedPlan {
    SeedPlan {
        invitations,
        pending: 40,
        now: h.clock.now(),
        ttl_ms: DAY.as_millis() as i64,
        span_ms: 365 * DAY.as_millis() as i64,
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2VlZHNhbHQ$c2VlZA".into(),
    }
}

fn emails(page: &staff_onboarding::domain::InvitationPage) -> Vec<&str> {
    page.items.iter().map(|i| i.email.as_str()).collect()
}

async fn filters_by_status_role_and_email_text(db: &TestDb) {
    let h = Harness::new(db).await;
    seed(&h).await;
    let list = |query: ListQuery| {
        let service = h.service.clone();
        async move { service.list(&query).await.unwrap() }
    };

    let all = list(ListQuery::default()).await;
    assert_eq!(all.items.len(), 7);
    assert_eq!(all.next, None);
    assert_eq!(all.items[0].email, "gus%y@west.school.org", "newest sent first by default");

    let pending =
        list(ListQuery { status: Some(InvitationStatus::Pending), ..Default::default() }).await;
    assert_eq!(
        emails(&pending),
        ["gus%y@west.school.org", "fay@east.school.org", "eve_x@east.school.org"]
    );
    assert!(
        pending.items.iter().all(|i| i.status == InvitationStatus::Pending && i.max_resends == 3)
    );

    let expired =
        list(ListQuery { status: Some(InvitationStatus::Expired), ..Default::default() }).await;
    assert_eq!(emails(&expired), ["ana@north.school.org"]);
    let accepted =
        list(ListQuery { status: Some(InvitationStatus::Accepted), ..Default::default() }).await;
    assert_eq!(emails(&accepted), ["cy@south.school.org", "ben@north.school.org"]);
    let revoked =
        list(ListQuery { status: Some(InvitationStatus::Revoked), ..Default::default() }).await;
    assert_eq!(emails(&revoked), ["dee@south.school.org"]);

    let admin_staff = list(ListQuery { role: Some(Role::AdminStaff), ..Default::default() }).await;
    assert_eq!(emails(&admin_staff), ["eve_x@east.school.org", "ben@north.school.org"]);

    let east = list(ListQuery { email_contains: Some("EAST".into()), ..Default::default() }).await;
    assert_eq!(emails(&east), ["fay@east.school.org", "eve_x@east.school.org"]);

    // LIKE wildcards typed by the admin are matched literally.
    let underscore =
        list(ListQuery { email_contains: Some("e_x".into()), ..Default::default() }).await;
    assert_eq!(emails(&underscore), ["eve_x@east.school.org"]);
    let percent = list(ListQuery { email_contains: Some("%".into()), ..Default::default() }).await;
    assert_eq!(emails(&percent), ["gus%y@west.school.org"]);

    let combined = list(ListQuery {
        status: Some(InvitationStatus::Pending),
        role: Some(Role::Teacher),
        email_contains: Some("school".into()),
        ..Default::default()
    })
    .await;
    assert_eq!(emails(&combined), ["gus%y@west.school.org", "fay@east.school.org"]);
}

async fn keyset_pages_cover_every_row_once_in_order(db: &TestDb) {
    let h = Harness::new(db).await;
    seed(&h).await;
    for sort in [SortKey::SentDesc, SortKey::SentAsc, SortKey::ExpiresDesc, SortKey::ExpiresAsc] {
        let whole = h.service.list(&ListQuery { sort, ..Default::default() }).await.unwrap();
        let mut seen = Vec::new();
        let mut query = ListQuery { sort, limit: Some(3), ..Default::default() };
        let mut pages = 0;
        loop {
            let page = h.service.list(&query).await.unwrap();
            assert!(page.items.len() <= 3);
            seen.extend(page.items.iter().map(|i| i.id));
            pages += 1;
            match page.next {
                Some(cursor) => query.after = Some(cursor),
                None => break,
            }
        }
        assert_eq!(pages, 3, "7 rows in pages of 3 ({sort:?})");
        let whole_ids: Vec<i64> = whole.items.iter().map(|i| i.id).collect();
        assert_eq!(seen, whole_ids, "pages in the same order as one list ({sort:?})");
        assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 7);
        let key = |i: &staff_onboarding::domain::InvitationSummary| match sort {
            SortKey::SentDesc | SortKey::SentAsc => i.sent_at.at,
            _ => i.expires_at.at,
        };
        let values: Vec<_> = whole.items.iter().map(key).collect();
        let mut sorted = values.clone();
        sorted.sort();
        if matches!(sort, SortKey::SentDesc | SortKey::ExpiresDesc) {
            sorted.reverse();
        }
        assert_eq!(values, sorted, "{sort:?}");
    }
}

async fn counts_match_the_derived_statuses(db: &TestDb) {
    let h = Harness::new(db).await;
    seed(&h).await;
    let counts = h.service.counts().await.unwrap();
    assert_eq!(
        (counts.all, counts.pending, counts.accepted, counts.expired, counts.revoked),
        (7, 3, 2, 1, 1)
    );
    // A day later every pending one has expired; nothing was written to make it so.
    h.clock.advance(DAY);
    let counts = h.service.counts().await.unwrap();
    assert_eq!((counts.pending, counts.expired), (0, 4));
    let all = h.service.list(&ListQuery::default()).await.unwrap();
    let expired = all.items.iter().filter(|i| i.status == InvitationStatus::Expired).count();
    assert_eq!(expired, 4);
}

/// Each status's rows, counted by paging through the listing (which reads the table itself).
async fn listed_counts(h: &Harness) -> [u64; 5] {
    let mut counted = [0u64; 5];
    let statuses = [
        None,
        Some(InvitationStatus::Pending),
        Some(InvitationStatus::Accepted),
        Some(InvitationStatus::Expired),
        Some(InvitationStatus::Revoked),
    ];
    for (slot, status) in statuses.into_iter().enumerate() {
        let mut query =
            ListQuery { status, limit: Some(ListQuery::MAX_LIMIT), ..Default::default() };
        loop {
            let page = h.service.list(&query).await.unwrap();
            counted[slot] += page.items.len() as u64;
            match page.next {
                Some(next) => query.after = Some(next),
                None => break,
            }
        }
    }
    counted
}

async fn assert_counts_exact(h: &Harness, when: &str) {
    let c = h.service.counts().await.unwrap();
    assert_eq!(
        [c.all, c.pending, c.accepted, c.expired, c.revoked],
        listed_counts(h).await,
        "counts (all, pending, accepted, expired, revoked) {when}"
    );
}

/// The counts come from a summary maintained by triggers (migration 0005); every kind of
/// change, and concurrent invitations (spread over slots on Postgres), must keep it exact.
async fn maintained_counts_stay_exact_through_every_change(db: &TestDb) {
    let h = Harness::new(db).await;
    assert_counts_exact(&h, "when empty").await;
    let ids = seed(&h).await;
    assert_counts_exact(&h, "after inviting, accepting and revoking").await;

    h.service.resend(&h.admin, ids[4]).await.unwrap();
    h.service.correct_email(&h.admin, ids[5], "fay.new@east.school.org").await.unwrap();
    assert_counts_exact(&h, "after a resend and an email correction").await;
    // The expired one renewed by a resend is Pending again.
    h.service.resend(&h.admin, ids[0]).await.unwrap();
    assert_counts_exact(&h, "after renewing an expired invitation").await;

    let invites =
        (0..40).map(|i| {
            let service = h.service.clone();
            let admin = h.admin.clone();
            let role = if i % 3 == 0 { "Admin Staff" } else { "Teacher" };
            async move {
                service.invite(&admin, &format!("burst{i}@school.org"), role).await.unwrap().id
            }
        });
    let burst = futures::future::join_all(invites).await;
    assert_counts_exact(&h, "after 40 concurrent invitations").await;

    let revokes = burst.iter().step_by(2).map(|&id| {
        let service = h.service.clone();
        let admin = h.admin.clone();
        async move { service.revoke(&admin, id).await.unwrap() }
    });
    futures::future::join_all(revokes).await;
    assert_counts_exact(&h, "after 20 concurrent revocations").await;

    h.clock.advance(DAY * 2);
    assert_counts_exact(&h, "once every link has run out").await;
    let c = h.service.counts().await.unwrap();
    assert_eq!(c.pending, 0);
    assert_eq!(c.all, 47);
}

/// `staff-onboarding seed` (the benchmarks' data): every invitation has its history and
/// message, every accepted one its account, the counts agree with the rows, and the
/// database goes on working normally afterwards.
async fn seeded_data_is_whole_and_counted_exactly(db: &TestDb) {
    let h = Harness::new(db).await;
    assert_eq!(seed::write(&h.store, &seed_plan(&h, 1_000)).await.unwrap(), 1_000);
    let c = h.service.counts().await.unwrap();
    assert_eq!(c.all, 1_000);
    assert_eq!(c.pending, 40, "the newest 40 are Pending");
    // Of the other 960 (n = 1..=960): n % 10 < 7 accepted, = 7 revoked, 8 and 9 expired.
    assert_eq!((c.accepted, c.revoked, c.expired), (672, 96, 192));
    assert_counts_exact(&h, "after seeding").await;

    let staff = h.store.count_users_with_role(Role::Teacher).await.unwrap()
        + h.store.count_users_with_role(Role::AdminStaff).await.unwrap();
    assert_eq!(staff, 672, "one account per accepted invitation");

    let newest = h.service.list(&ListQuery::default()).await.unwrap();
    assert_eq!(newest.items.len(), 50);
    assert!(newest.items.iter().take(40).all(|i| i.status == InvitationStatus::Pending));
    assert!(newest.items.iter().all(|i| i.delivery.is_some()), "each has its sent message");
    let oldest = newest.items.last().unwrap();
    let history = h.service.history(oldest.id).await.unwrap();
    assert!(!history.is_empty(), "each has its history");

    // Sequences and indexes are intact: inviting and accepting still work.
    let fresh = h.service.invite(&h.admin, "after.seed@school.org", "Teacher").await.unwrap();
    let token = h.latest_token(fresh.id).await;
    h.service.accept(&token, &form("after.seed")).await.unwrap();
    assert_counts_exact(&h, "after an invitation made on seeded data").await;
}

async fn hostile_filter_text_is_only_text(db: &TestDb) {
    let h = Harness::new(db).await;
    seed(&h).await;
    for text in ["' OR 1=1 --", "\"; DROP TABLE invitations; --", "%' OR '1'='1", "\\"] {
        let page = h
            .service
            .list(&ListQuery { email_contains: Some(text.into()), ..Default::default() })
            .await
            .unwrap();
        assert!(page.items.is_empty(), "{text:?} matched {:?}", emails(&page));
    }
    assert_eq!(h.service.counts().await.unwrap().all, 7, "the table is intact");
}

async fn the_change_stamp_moves_with_every_change_and_names_the_next_expiry(db: &TestDb) {
    let h = Harness::new(db).await;
    let empty = h.service.change_stamp().await.unwrap();
    assert_eq!(empty.next_expiry, None);

    let first = h.service.invite(&h.admin, "ana@school.org", "Teacher").await.unwrap();
    let after_invite = h.service.change_stamp().await.unwrap();
    assert!(
        after_invite.is_stale(&empty, h.clock.now())
            || empty.is_stale(&after_invite, h.clock.now())
    );
    assert_ne!(after_invite.last_event, empty.last_event, "an invitation moves it");
    // The rows change by themselves when a link comes within the "Expiring soon" window (six
    // hours, with reminders off) of its end, and again when it runs out.
    let soon = Duration::from_secs(6 * 3600);
    assert_eq!(after_invite.next_expiry, Some(first.expires_at.minus(soon)));

    h.clock.advance(Duration::from_secs(3600));
    let second = h.service.invite(&h.admin, "ben@school.org", "Teacher").await.unwrap();
    let stamp = h.service.change_stamp().await.unwrap();
    assert_eq!(stamp.next_expiry, Some(first.expires_at.minus(soon)), "the earliest moment");
    h.clock.advance(DAY - soon);
    let stamp = h.service.change_stamp().await.unwrap();
    assert_eq!(stamp.next_expiry, Some(first.expires_at), "expiring soon: its expiry is next");
    assert!(!stamp.is_stale(&stamp, h.clock.now()), "nothing changed, nothing to reload");

    let token = h.latest_token(second.id).await;
    h.service.accept(&token, &form("ben.b")).await.unwrap();
    let accepted = h.service.change_stamp().await.unwrap();
    assert!(stamp.is_stale(&accepted, h.clock.now()), "an acceptance elsewhere moves it");

    h.clock.advance(soon);
    assert!(accepted.is_stale(&accepted, h.clock.now()), "an expiry passing makes the rows stale");
    assert_eq!(h.service.change_stamp().await.unwrap().next_expiry, None, "nothing Pending left");
}

async fn the_first_admins_own_invitation_is_not_a_staff_invite(db: &TestDb) {
    let h = Harness::empty(db).await;
    assert!(h.service.bootstrap().await.unwrap().is_some(), "the printed first-admin link");
    assert!(h.service.list(&ListQuery::default()).await.unwrap().items.is_empty());
    assert_eq!(h.service.counts().await.unwrap().all, 0);
    h.service.invite(&Actor::system(), "ana@school.org", "Teacher").await.unwrap();
    let listed = h.service.list(&ListQuery::default()).await.unwrap().items;
    assert_eq!(listed.iter().map(|i| i.email.as_str()).collect::<Vec<_>>(), ["ana@school.org"]);
    assert_eq!(h.service.counts().await.unwrap().all, 1);
}

/// The trigram index (migration 0008) is kept in step in the same transaction as each write:
/// a new invitation is found at once, a corrected address by its new text and not its old,
/// seeded rows too; and any text, short or with quotes and wildcards, is only text.
async fn the_address_search_follows_every_write(db: &TestDb) {
    let h = Harness::new(db).await;
    let search = |text: &'static str| {
        let service = h.service.clone();
        async move {
            let query = ListQuery { email_contains: Some(text.into()), ..Default::default() };
            service
                .list(&query)
                .await
                .unwrap()
                .items
                .into_iter()
                .map(|i| i.email)
                .collect::<Vec<_>>()
        }
    };
    let kim = h.service.invite(&h.admin, "kim.oldname@school.org", "Teacher").await.unwrap();
    h.service.invite(&h.admin, "lee@school.org", "Admin Staff").await.unwrap();
    assert_eq!(search("oldname").await, ["kim.oldname@school.org"]);
    assert_eq!(search("OLDNAME").await, ["kim.oldname@school.org"], "ignoring case");

    h.service.correct_email(&h.admin, kim.id, "kim.newname@school.org").await.unwrap();
    assert_eq!(search("oldname").await, Vec::<String>::new(), "the old address is gone");
    assert_eq!(search("newname").await, ["kim.newname@school.org"]);
    assert_eq!(search("m.n").await, ["kim.newname@school.org"]);
    assert_eq!(search("le").await, ["lee@school.org"], "two characters: scanned");
    assert_eq!(search("school.org").await.len(), 2);
    assert_eq!(search("\"lee").await, Vec::<String>::new(), "a quote is only a quote");
    assert_eq!(search("l%e").await, Vec::<String>::new(), "a wildcard is only a character");
    assert_eq!(search("lee OR kim").await, Vec::<String>::new(), "no operators");
}

/// A text held by more addresses than the trigram lookup sorts cheaply (the seeded domain,
/// in all 6,000) and a rare one find the same rows a plain scan does, in the page's order.
async fn a_text_most_addresses_hold_finds_what_a_rare_one_does(db: &TestDb) {
    let h = Harness::new(db).await;
    seed::write(&h.store, &seed_plan(&h, 6_000)).await.unwrap();
    let ids = |query: ListQuery| {
        let service = h.service.clone();
        async move { service.list(&query).await.unwrap().items.iter().map(|i| i.id).collect::<Vec<_>>() }
    };
    for sort in [SortKey::SentDesc, SortKey::ExpiresAsc] {
        let everything = ids(ListQuery { sort, ..Default::default() }).await;
        let common = ids(ListQuery {
            sort,
            email_contains: Some("seed.example".into()),
            ..Default::default()
        })
        .await;
        assert_eq!(common, everything, "every address holds it ({sort:?})");
    }
    let rare = h
        .service
        .list(&ListQuery { email_contains: Some("staff4321.".into()), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(rare.items.len(), 1);
    assert!(rare.items[0].email.starts_with("staff4321."), "{}", rare.items[0].email);
}
