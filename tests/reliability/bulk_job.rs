//! `kill -9` in the middle of a 1,000-row bulk invite, on SQLite and Postgres: after the
//! restart the job resumes by itself (once its lease runs out) and ends with every row
//! invited exactly once, and every invitation's email delivered.

use std::{collections::HashSet, sync::Arc, time::Duration};

use super::{
    consistency, deliveries, release_server::ReleaseServer, smtp_sink::SmtpSink, support, wait_for,
};

const ROWS: usize = 1000;

/// The job's state as `bulk_invite_job` answers it: (invited, refused, finished).
async fn job_state(
    server: &ReleaseServer,
    client: &super::release_server::HttpClient,
    cookie: &str,
    id: i64,
) -> Option<(u64, u64, bool)> {
    let body = format!(r#"{{"id":{id}}}"#);
    let request = server.post("/api/bulk_invite_job", "application/json", body, cookie);
    state_of(client, request).await
}

/// The running job's state as the Invites page's banner asks for it (`current_bulk_invite`:
/// the counts without the 1,000 rows, so a poll every 10 ms stays cheap next to the job).
async fn running_state(
    server: &ReleaseServer,
    client: &super::release_server::HttpClient,
    cookie: &str,
) -> Option<(u64, u64, bool)> {
    let form = "application/x-www-form-urlencoded";
    let request = server.post("/api/current_bulk_invite", form, String::new(), cookie);
    state_of(client, request).await
}

async fn state_of(
    client: &super::release_server::HttpClient,
    request: hyper::Request<http_body_util::Full<hyper::body::Bytes>>,
) -> Option<(u64, u64, bool)> {
    let (status, body) = ReleaseServer::send(client, request).await?;
    if !status.is_success() {
        return None;
    }
    let job: serde_json::Value = serde_json::from_str(&body).ok()?;
    Some((job["invited"].as_u64()?, job["refused"].as_u64()?, !job["finished_at"].is_null()))
}

async fn kill_nine_mid_job(backend: &str) {
    let dir = tempfile::tempdir().unwrap();
    let url = support::fresh_database(backend, dir.path(), "bulkjob").await;
    let sink = SmtpSink::start().await;
    // A short outbox lease, so messages the killed server had claimed go again within the
    // test (as in `kill_nine`).
    let extra = [("SMTP_URL", sink.url()), ("OUTBOX_LEASE", "15s".to_owned())];
    let extra: Vec<(&str, &str)> = extra.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let server = Arc::new(ReleaseServer::start(&url, &extra, dir.path()));
    server.create_admin();
    let client = super::release_server::client(4);
    let cookie = server.sign_in(&client).await;

    let rows: Vec<serde_json::Value> = (0..ROWS)
        .map(|i| {
            serde_json::json!({ "line": i + 1, "email": format!("bulk{i}@staff.example.org"), "role": "teacher" })
        })
        .collect();
    let body = serde_json::json!({ "rows": rows }).to_string();
    let request = server.post("/api/start_bulk_invite", "application/json", body, &cookie);
    let (status, answer) = ReleaseServer::send(&client, request).await.unwrap();
    assert!(status.is_success(), "{status} {answer}");
    let id = serde_json::from_str::<serde_json::Value>(&answer).unwrap()["id"].as_i64().unwrap();

    // Kill it once the job is well under way, but not done.
    let mut before = 0;
    for _ in 0..400 {
        if let Some((invited, _, _)) = running_state(&server, &client, &cookie).await {
            before = invited;
            if invited >= 50 {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    server.kill9();
    assert!(before > 0 && before < ROWS as u64, "killed mid-job ({before} of {ROWS} invited)");

    server.restart();
    let started = std::time::Instant::now();
    let mut state = None;
    while started.elapsed() < Duration::from_secs(120) {
        state = job_state(&server, &client, &cookie, id).await;
        if state.is_some_and(|(_, _, finished)| finished) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    println!(
        "bulk job on {backend}: killed at {before} of {ROWS} rows; after the restart it finished in {:.1} s (its 30 s lease first ran out): {state:?}",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(state, Some((ROWS as u64, 0, true)), "every row invited, none refused");

    let after = consistency(&url).await;
    let distinct: HashSet<&String> = after.invitations.iter().collect();
    assert_eq!(after.invitations.len(), ROWS, "one invitation per row");
    assert_eq!(distinct.len(), ROWS);
    let all = after.invitations.clone();
    wait_for("every bulk invitation's email", Duration::from_secs(120), || {
        let seen = deliveries(&sink);
        all.iter().all(|e| seen.contains_key(e))
    })
    .await;
    server.stop();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_9_mid_bulk_job_resumes_and_invites_each_row_once_on_sqlite() {
    kill_nine_mid_job("sqlite").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_9_mid_bulk_job_resumes_and_invites_each_row_once_on_postgres() {
    kill_nine_mid_job("postgres").await;
}
