//! SQLite's write-ahead log is checkpointed beside the one writer, not inside its commits:
//! what a commit wrote reaches the database file itself within moments, however little it
//! was. (SQLite's own automatic checkpoint waits for 1,000 pages of log, then runs inside the
//! commit that crossed them, holding up every write queued behind it.)

use std::time::{Duration, Instant};

use staff_onboarding::server::config::DatabaseUrl;

use crate::support::{db::TestDb, service::Harness};

#[tokio::test]
async fn a_commit_reaches_the_database_file_without_the_writer_checkpointing() {
    let db = TestDb::sqlite();
    let harness = Harness::new(&db).await;
    let DatabaseUrl::Sqlite { path, .. } = &db.url else { panic!("a SQLite database") };
    let address = b"checkpointed@example-school.org";
    harness
        .service
        .invite(&harness.admin, "checkpointed@example-school.org", "teacher")
        .await
        .unwrap();
    let in_the_file = || {
        let file = std::fs::read(path).unwrap();
        file.windows(address.len()).any(|window| window == address)
    };
    let started = Instant::now();
    while !in_the_file() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the invitation is still only in the write-ahead log after 10 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
