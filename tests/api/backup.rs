//! `staff-onboarding backup PATH`: a consistent copy of a running SQLite database, taken by
//! the real binary while invitations are being created at full speed in another process.

use std::{
    process::Command,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
};

use staff_onboarding::{
    domain::LinkState,
    server::{config::DatabaseUrl, secrets::Sealer, services::InvitationService, store},
};

use crate::support::db::TestDb;
use crate::support::service::{DAY, Harness, policy, token_of};

const BIN: &str = env!("CARGO_BIN_EXE_staff-onboarding");

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_of_a_busy_database_holds_everything_committed_before_it() {
    let db = TestDb::sqlite();
    let h = Arc::new(Harness::new(&db).await);
    let committed = Arc::new(Mutex::new(Vec::<i64>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (h, committed, stop) = (h.clone(), committed.clone(), stop.clone());
            tokio::spawn(async move {
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    let email = format!("w{w}n{n}@school.org");
                    let made = h.service.invite(&h.admin, &email, "Teacher").await.unwrap();
                    committed.lock().unwrap().push(made.id);
                    n += 1;
                }
            })
        })
        .collect();
    while committed.lock().unwrap().len() < 200 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }

    // Everything committed before the backup begins must be in it.
    let before = committed.lock().unwrap().clone();
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("backup.db");
    let out = tokio::task::spawn_blocking({
        let (url, copy) = (db.url_string(), copy.clone());
        move || {
            Command::new(BIN)
                .env_clear()
                .current_dir(std::env::temp_dir())
                .env("DATABASE_URL", url)
                .env("SECRET_KEY", "2a".repeat(32))
                .args(["backup".as_ref(), copy.as_os_str()])
                .output()
                .unwrap()
        }
    })
    .await
    .unwrap();
    let after = committed.lock().unwrap().len();
    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        writer.await.unwrap();
    }
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}{}", String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("Store it apart from SECRET_KEY"), "{said}");
    assert!(after > before.len(), "invitations went on being created during the backup");

    // A fresh server on the copy, with the key: every invitation of before, each link working.
    let url = DatabaseUrl::parse(&format!("sqlite://{}", copy.display())).unwrap();
    let restored = store::connect(&url).await.unwrap();
    restored.migrate().await.unwrap();
    let service =
        InvitationService::new(restored.clone(), h.clock.clone(), policy(DAY, 3), h.sealer.clone());
    for id in &before {
        let invitation = restored.find_invitation(*id).await.unwrap();
        assert!(invitation.is_some(), "invitation {id} committed before the backup");
        let payload = restored.outbox_for(*id).await.unwrap().pop().unwrap().payload.unwrap();
        let link = service.link_in(&payload).expect("the link opens with the key");
        let state = service.inspect(&token_of(&link)).await.unwrap();
        assert!(matches!(state, LinkState::Valid { .. }), "invitation {id}: {state:?}");
    }
    // Without the key the copy holds no working link.
    let other = InvitationService::new(
        restored.clone(),
        h.clock.clone(),
        policy(DAY, 3),
        Sealer::new([7; 32]),
    );
    let payload = restored.outbox_for(before[0]).await.unwrap().pop().unwrap().payload.unwrap();
    assert_eq!(other.link_in(&payload), None);

    // A second backup to the same file is refused rather than overwrite it.
    let again = Command::new(BIN)
        .env_clear()
        .current_dir(std::env::temp_dir())
        .env("DATABASE_URL", db.url_string())
        .env("SECRET_KEY", "2a".repeat(32))
        .args(["backup".as_ref(), copy.as_os_str()])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}
