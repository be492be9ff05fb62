//! Fault injection against the release server (`make reliability`), on SQLite and Postgres:
//! an SMTP outage during 1,000 invitations, `kill -9` in the middle of invitations and
//! accepts, a Postgres restart under load, a disk that fills up under SQLite, and two
//! servers behind nginx (`two_instances`). Each test
//! prints its figures (messages lost, duplicates, answers during the outage).
//!
//! The server binary comes from SERVER_BIN (default: the release build in Cargo's target
//! folder); `make reliability` builds it first. These tests stop and start the machine's
//! Postgres and mount a small tmpfs, so they need root and run one at a time.

mod bulk_job;
#[path = "../support/release_server.rs"]
#[allow(dead_code)]
mod release_server;
#[path = "../api/support/smtp_sink.rs"]
#[allow(dead_code)]
mod smtp_sink;
#[path = "../../bench/support.rs"]
#[allow(dead_code)]
mod support;
mod two_instances;

use std::{
    collections::{HashMap, HashSet},
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use hyper::StatusCode;
use release_server::ReleaseServer;
use smtp_sink::SmtpSink;

/// The recipients the sink received, each with how many times.
fn deliveries(sink: &SmtpSink) -> HashMap<String, usize> {
    let mut seen = HashMap::new();
    for message in sink.received() {
        for to in message.to {
            *seen.entry(to.trim_matches(['<', '>']).to_lowercase()).or_insert(0) += 1;
        }
    }
    seen
}

async fn wait_for(what: &str, limit: Duration, mut check: impl FnMut() -> bool) {
    let started = Instant::now();
    while !check() {
        assert!(started.elapsed() < limit, "gave up after {limit:?} waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Invites `emails` with `concurrency` connections; the addresses the server said yes to.
async fn invite_all(
    server: &Arc<ReleaseServer>,
    cookie: &str,
    emails: Vec<String>,
    concurrency: usize,
) -> Vec<String> {
    let client = release_server::client(concurrency);
    let queue = Arc::new(Mutex::new(emails));
    let accepted = Arc::new(Mutex::new(Vec::new()));
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, queue, accepted, server) =
                (client.clone(), queue.clone(), accepted.clone(), server.clone());
            let cookie = cookie.to_owned();
            tokio::spawn(async move {
                loop {
                    let Some(email) = queue.lock().unwrap().pop() else { break };
                    if let Some((status, _)) = server.invite(&client, &cookie, &email).await {
                        assert!(status.is_success(), "inviting {email}: {status}");
                        accepted.lock().unwrap().push(email);
                    }
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.unwrap();
    }
    Arc::try_unwrap(accepted).unwrap().into_inner().unwrap()
}

fn emails(prefix: &str, range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|i| format!("{prefix}{i}@staff.example.org")).collect()
}

// --- SMTP outage -------------------------------------------------------------------------

/// 1,000 invitations; the SMTP server goes away after the first 300 and comes back 3 s after
/// the 700th. Every message arrives once it is back, and none twice.
async fn smtp_outage(backend: &str) {
    let dir = tempfile::tempdir().unwrap();
    let url = support::fresh_database(backend, dir.path(), "smtp_outage").await;
    let sink = SmtpSink::start().await;
    let server = ReleaseServer::start(&url, &[("SMTP_URL", &sink.url())], dir.path());
    server.create_admin();
    let server = Arc::new(server);
    let cookie = server.sign_in(&release_server::client(1)).await;

    let mut invited = invite_all(&server, &cookie, emails("before", 0..300), 16).await;
    sink.stop().await;
    let outage = Instant::now();
    invited.extend(invite_all(&server, &cookie, emails("during", 0..400), 16).await);
    tokio::time::sleep(Duration::from_secs(3)).await;
    sink.restart().await;
    let outage = outage.elapsed();
    invited.extend(invite_all(&server, &cookie, emails("after", 0..300), 16).await);
    assert_eq!(invited.len(), 1_000, "every invitation was accepted during the outage");

    wait_for("all 1,000 messages after the outage", Duration::from_secs(180), || {
        deliveries(&sink).len() >= 1_000
    })
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await; // anything late (a duplicate) shows now
    let seen = deliveries(&sink);
    let lost = invited.iter().filter(|e| !seen.contains_key(*e)).count();
    let duplicates: usize = seen.values().map(|n| n - 1).sum();
    println!(
        "SMTP outage of {:.1} s during 1,000 invitations on {backend}: {lost} lost, {duplicates} duplicates, {} messages received",
        outage.as_secs_f64(),
        sink.received().len()
    );
    assert_eq!(lost, 0, "messages lost");
    assert_eq!(duplicates, 0, "messages sent twice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn smtp_outage_loses_and_duplicates_nothing_on_sqlite() {
    smtp_outage("sqlite").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn smtp_outage_loses_and_duplicates_nothing_on_postgres() {
    smtp_outage("postgres").await;
}

// --- kill -9 -----------------------------------------------------------------------------

/// The setup links in the messages the sink received, by recipient.
fn links(sink: &SmtpSink) -> HashMap<String, String> {
    let mut links = HashMap::new();
    for message in sink.received() {
        let data = message.data.replace("=\r\n", "").replace("=3D", "=");
        if let Some(at) = data.find("/invite/") {
            let token: String = data[at + 8..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            let to = message.to[0].trim_matches(['<', '>']).to_lowercase();
            links.insert(to, token);
        }
    }
    links
}

struct Consistency {
    invitations: Vec<String>,
    accepted_without_account: i64,
    accounts_without_invitation: i64,
    accounts: Vec<String>,
}

/// Reads the database directly: every invitation's address, and whether accounts and accepted
/// invitations pair up exactly.
async fn consistency(url: &str) -> Consistency {
    macro_rules! read {
        ($pool:expr) => {{
            let pool = $pool;
            let invitations: Vec<(String,)> =
                sqlx::query_as("SELECT email FROM invitations WHERE role <> 'super_admin'")
                    .fetch_all(&pool)
                    .await
                    .unwrap();
            let (accepted_without_account,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM invitations i WHERE i.state = 'accepted' \
                 AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = i.accepted_user)",
            )
            .fetch_one(&pool)
            .await
            .unwrap();
            let (accounts_without_invitation,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM users u WHERE u.role <> 'super_admin' AND NOT EXISTS \
                 (SELECT 1 FROM invitations i WHERE i.accepted_user = u.id AND i.state = 'accepted')",
            )
            .fetch_one(&pool)
            .await
            .unwrap();
            let accounts: Vec<(String,)> =
                sqlx::query_as("SELECT username FROM users WHERE role <> 'super_admin'")
                    .fetch_all(&pool)
                    .await
                    .unwrap();
            pool.close().await;
            Consistency {
                invitations: invitations.into_iter().map(|(e,)| e).collect(),
                accepted_without_account,
                accounts_without_invitation,
                accounts: accounts.into_iter().map(|(u,)| u).collect(),
            }
        }};
    }
    if url.starts_with("sqlite") {
        read!(sqlx::SqlitePool::connect(url).await.unwrap())
    } else {
        read!(sqlx::PgPool::connect(url).await.unwrap())
    }
}

/// Invitations and accepts run at full speed; the server is killed with SIGKILL in the middle
/// and started again. Every invitation the client saw succeed is there, every account it saw
/// created is there with its accepted invitation, no account or acceptance exists without the
/// other, and the outbox delivers every invitation's message after the restart.
async fn kill_nine(backend: &str) {
    let dir = tempfile::tempdir().unwrap();
    let url = support::fresh_database(backend, dir.path(), "kill9").await;
    let sink = SmtpSink::start().await;
    // A short lease, so messages the killed server had claimed are sent again within the test.
    let extra = [("SMTP_URL", sink.url()), ("OUTBOX_LEASE", "15s".to_owned())];
    let extra: Vec<(&str, &str)> = extra.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let server_arc = Arc::new(ReleaseServer::start(&url, &extra, dir.path()));
    server_arc.create_admin();
    let client = release_server::client(32);
    let cookie = server_arc.sign_in(&client).await;

    // Links to accept during the run.
    let first = invite_all(&server_arc, &cookie, emails("invitee", 0..24), 8).await;
    wait_for("the first 24 messages", Duration::from_secs(30), || {
        first.iter().all(|e| links(&sink).contains_key(e))
    })
    .await;
    let tokens: Vec<(usize, String)> = {
        let links = links(&sink);
        first.iter().enumerate().map(|(i, e)| (i, links[e].clone())).collect()
    };

    let stop = Arc::new(AtomicBool::new(false));
    let invited_ok = Arc::new(Mutex::new(Vec::new()));
    let accepted_ok = Arc::new(Mutex::new(Vec::new()));
    let counter = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (server, client, cookie, stop, invited_ok, counter) = (
            server_arc.clone(),
            client.clone(),
            cookie.clone(),
            stop.clone(),
            invited_ok.clone(),
            counter.clone(),
        );
        tasks.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let email =
                    format!("load{}@staff.example.org", counter.fetch_add(1, Ordering::Relaxed));
                match server.invite(&client, &cookie, &email).await {
                    Some((status, _)) if status.is_success() => {
                        invited_ok.lock().unwrap().push(email)
                    }
                    Some((status, body)) => panic!("inviting {email}: {status} {body}"),
                    None => tokio::time::sleep(Duration::from_millis(20)).await,
                }
            }
        }));
    }
    let tokens = Arc::new(Mutex::new(tokens));
    for _ in 0..4 {
        let (server, client, stop, tokens, accepted_ok) =
            (server_arc.clone(), client.clone(), stop.clone(), tokens.clone(), accepted_ok.clone());
        tasks.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let Some((i, token)) = tokens.lock().unwrap().pop() else { break };
                let body = format!(
                    "token={token}&full_name=Sam+Rivera&phone=%2B44+7700+900123&username=invitee{i}&password=violet+tram+orbit+kettle"
                );
                let request = server.post("/api/accept_invitation", "application/x-www-form-urlencoded", body, "");
                if let Some((status, body)) = ReleaseServer::send(&client, request).await {
                    if status.is_success() || status.is_redirection() {
                        accepted_ok.lock().unwrap().push(format!("invitee{i}"));
                    } else {
                        assert!(status.is_client_error(), "accepting: {status} {body}");
                    }
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let server = server_arc;
    server.kill9();
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, Ordering::Relaxed);
    for task in tasks {
        task.await.unwrap();
    }
    let invited_ok = invited_ok.lock().unwrap().clone();
    let accepted_ok = accepted_ok.lock().unwrap().clone();

    server.restart();
    let after = consistency(&url).await;
    let present: HashSet<&String> = after.invitations.iter().collect();
    let missing = invited_ok.iter().filter(|e| !present.contains(e)).count();
    let accounts: HashSet<&String> = after.accounts.iter().collect();
    let missing_accounts = accepted_ok.iter().filter(|u| !accounts.contains(u)).count();
    println!(
        "kill -9 on {backend}: {} invitations and {} accounts confirmed before the kill; after restart {missing} invitations and {missing_accounts} accounts missing, {} accepted without an account, {} accounts without an acceptance",
        invited_ok.len(),
        accepted_ok.len(),
        after.accepted_without_account,
        after.accounts_without_invitation
    );
    assert!(invited_ok.len() > 20, "the load ran before the kill");
    assert_eq!(missing, 0, "an invitation the client saw succeed is gone");
    assert_eq!(missing_accounts, 0, "an account the client saw created is gone");
    assert_eq!((after.accepted_without_account, after.accounts_without_invitation), (0, 0));

    // The outbox resumes: every invitation in the database gets its message.
    let all: Vec<String> = after.invitations.clone();
    wait_for("every queued message after the restart", Duration::from_secs(120), || {
        let seen = deliveries(&sink);
        all.iter().all(|e| seen.contains_key(e))
    })
    .await;
    let seen = deliveries(&sink);
    let duplicates: usize = seen.values().map(|n| n - 1).sum();
    println!(
        "kill -9 on {backend}: all {} messages delivered after the restart ({duplicates} sent twice: a message in flight at the kill may be)",
        all.len()
    );
    server.stop();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_9_under_load_loses_nothing_on_sqlite() {
    kill_nine("sqlite").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_9_under_load_loses_nothing_on_postgres() {
    kill_nine("postgres").await;
}

// --- Postgres restart --------------------------------------------------------------------

fn pg_cluster(action: &str) {
    let versions: Vec<String> = std::fs::read_dir("/etc/postgresql")
        .expect("Debian's postgresql-common (pg_ctlcluster) manages the local server")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    for version in versions {
        let status = std::process::Command::new("pg_ctlcluster")
            .args(["--skip-systemctl-redirect", &version, "main", action])
            .args(if action == "stop" { &["-m", "fast"][..] } else { &[][..] })
            .status()
            .expect("pg_ctlcluster");
        assert!(status.success(), "pg_ctlcluster {version} main {action}");
    }
}

/// Postgres stops for 8 s under a steady load of invitations, then starts again. Meanwhile
/// every request gets an answer within the pool's 5 s wait, a 503 with a sentence and never a
/// 500; afterwards the pool reconnects by itself and nothing committed is lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_restart_gives_503s_then_recovers_by_itself() {
    let dir = tempfile::tempdir().unwrap();
    let url = support::fresh_database("postgres", dir.path(), "pg_restart").await;
    let sink = SmtpSink::start().await;
    let server = Arc::new(ReleaseServer::start(&url, &[("SMTP_URL", &sink.url())], dir.path()));
    server.create_admin();
    let client = release_server::client(8);
    let cookie = server.sign_in(&client).await;

    let stop = Arc::new(AtomicBool::new(false));
    let answers =
        Arc::new(Mutex::new(Vec::<(Instant, StatusCode, Duration, String, String)>::new()));
    let counter = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let (server, client, cookie, stop, answers, counter) = (
                server.clone(),
                client.clone(),
                cookie.clone(),
                stop.clone(),
                answers.clone(),
                counter.clone(),
            );
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    let email =
                        format!("p{}@staff.example.org", counter.fetch_add(1, Ordering::Relaxed));
                    let sent = Instant::now();
                    let (status, body) = server
                        .invite(&client, &cookie, &email)
                        .await
                        .unwrap_or((StatusCode::BAD_GATEWAY, "no answer".into()));
                    answers.lock().unwrap().push((sent, status, sent.elapsed(), email, body));
                    if !status.is_success() {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                }
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let down = Instant::now();
    pg_cluster("stop");
    // Longer than the pool's 5 s wait for a connection, so requests meet the outage itself.
    tokio::time::sleep(Duration::from_secs(8)).await;
    pg_cluster("start");
    let up = Instant::now();
    tokio::time::sleep(Duration::from_secs(6)).await;
    stop.store(true, Ordering::Relaxed);
    for task in tasks {
        task.await.unwrap();
    }
    let answers = answers.lock().unwrap().clone();

    let during: Vec<_> = answers.iter().filter(|a| a.0 >= down && a.0 < up).collect();
    let refused: Vec<_> = during.iter().filter(|a| !a.1.is_success()).collect();
    let slowest = answers.iter().map(|a| a.2).max().unwrap();
    let recovered =
        answers.iter().filter(|a| a.0 > up + Duration::from_secs(3) && a.1.is_success()).count();
    let statuses: HashSet<u16> = refused.iter().map(|a| a.1.as_u16()).collect();
    println!(
        "Postgres restart: {} requests during the {:.1} s outage, {} refused with {statuses:?}, slowest answer {:.2} s, {recovered} succeeded from 3 s after the restart",
        during.len(),
        (up - down).as_secs_f64(),
        refused.len(),
        slowest.as_secs_f64()
    );
    assert!(!refused.is_empty(), "the outage was felt");
    assert_eq!(statuses, HashSet::from([503]), "503 and nothing else during the outage");
    assert!(
        refused.iter().all(|a| a.4.contains("database")),
        "each 503 says why: {:?}",
        refused[0].4
    );
    assert!(slowest < Duration::from_secs(10), "no request hangs (slowest {slowest:?})");
    assert!(recovered > 10, "the pool recovered by itself");

    let stored: HashSet<String> = consistency(&url).await.invitations.into_iter().collect();
    let lost = answers.iter().filter(|a| a.1.is_success() && !stored.contains(&a.3)).count();
    println!("Postgres restart: {lost} committed invitations lost");
    assert_eq!(lost, 0);
}

// --- a full disk -------------------------------------------------------------------------

/// SQLite on a 1 MiB tmpfs: invitations until the disk is full. Those refused get a 503 saying
/// the database can't store anything, the server keeps running and serving reads, and once
/// space is freed invitations work again.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_full_disk_is_a_clear_503_and_the_server_keeps_running() {
    let dir = tempfile::tempdir().unwrap();
    let disk = dir.path().join("disk");
    std::fs::create_dir_all(&disk).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
        .arg(&disk)
        .status()
        .expect("mount");
    assert!(mounted.success(), "mounting a 1 MiB tmpfs needs root");
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(disk.clone());

    let url = format!("sqlite://{}/app.db", disk.display());
    let sink = SmtpSink::start().await;
    let server = ReleaseServer::start(&url, &[("SMTP_URL", &sink.url())], dir.path());
    server.create_admin();
    let client = release_server::client(4);
    let cookie = server.sign_in(&client).await;

    let mut refusal = None;
    let mut invited = 0;
    for i in 0..20_000 {
        let email = format!("full{i}.{}@staff.example.org", "x".repeat(50));
        let (status, body) = server.invite(&client, &cookie, &email).await.expect("an answer");
        if status.is_success() {
            invited += 1;
        } else {
            refusal = Some((status, body));
            break;
        }
    }
    let (status, body) = refusal.expect("the disk filled up");
    println!("full disk: {invited} invitations stored, then {status}: {body}");
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body.contains("disk is full or read-only"), "{body}");
    assert!(server.running(), "the server is still running");
    let health = ReleaseServer::send(
        &client,
        hyper::Request::get(format!("{}/healthz", server.base))
            .body(http_body_util::Full::new(hyper::body::Bytes::new()))
            .unwrap(),
    )
    .await
    .unwrap();
    println!("full disk: /healthz answers {}", health.0);

    // Make room (a bigger disk), and it works again without a restart.
    let remounted = std::process::Command::new("mount")
        .args(["-o", "remount,size=8m"])
        .arg(&disk)
        .status()
        .unwrap();
    assert!(remounted.success());
    // Every connection is good again: none is left stuck in its failed transaction.
    for i in 0..20 {
        let email = format!("after.space{i}@staff.example.org");
        let (status, body) = server.invite(&client, &cookie, &email).await.unwrap();
        let logs = server.logs();
        let tail: Vec<&str> = logs.lines().rev().take(6).collect();
        assert!(status.is_success(), "after freeing space: {status} {body}\n{tail:#?}");
    }
    assert!(!server.logs().contains("panicked"), "no panic in the log");
    server.stop();
}

// --- the benchmarks' seed command ------------------------------------------------------------

/// `seed` (release builds only) fills an empty database, says how long it took, and refuses a
/// database that already holds invitations.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seed_fills_an_empty_database_and_refuses_a_used_one() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/seeded.db", dir.path().display());
    let run = |args: &[&str]| {
        std::process::Command::new(release_server::server_binary())
            .args(args)
            .env("DATABASE_URL", &url)
            .env("LOG_FORMAT", "json")
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let first = run(&["seed", "--invitations", "2000", "--pending", "100"]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(String::from_utf8_lossy(&first.stdout).contains("Seeded 2000 invitations"));
    let again = run(&["seed", "--invitations", "10"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("fills an empty database"));
}
