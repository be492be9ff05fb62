//! Invitation creation over HTTP under load, on SQLite and on Postgres, with a fast SMTP
//! server and with one that takes 2 s per message.
//!
//! The release server runs as its own process (SERVER_BIN, default
//! $CARGO_TARGET_DIR/release/staff-onboarding; `make bench` builds it). A Super-Admin signs in,
//! then N keep-alive connections (16, 64, 256) each post `create_invitation` (the server
//! function the dashboard calls: session, CSRF check, parsing, the transaction with its
//! outbox row) back to back, every request for a new address. Reported: invitations a
//! second, p50 and p99 latency, and errors. With slow SMTP the outbox fills while the
//! sender crawls; the invite's p99 must stay within noise of the fast case, since mail never
//! travels on the request path.
//!
//! A load generator that sends one fixed body (oha, wrk) cannot make every invitation unique,
//! and a repeated address is refused after its first use; so this one is written for the
//! purpose, on hyper's client, with the same closed-loop model (each connection sends its next
//! request when the last one answered).
//!
//! cargo bench --features ssr --bench invite_load    (writes bench/results/invite-load.json)

#[path = "../tests/api/smtp_sink.rs"]
#[allow(dead_code)]
mod smtp_sink;
#[allow(dead_code)]
mod support;

use std::{
    process::{Child, Command, Stdio},
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use http_body_util::{BodyExt, Full};
use hyper::{Request, body::Bytes, header};
use hyper_util::{
    client::legacy::{Client, connect::HttpConnector},
    rt::TokioExecutor,
};

const CONCURRENCY: [usize; 3] = [16, 64, 256];
/// Requests per concurrency level (after a warm-up of 200).
const REQUESTS: usize = 4_000;
const PASSWORD: &str = "violet tram orbit kettle";
const SLOW_SMTP: Duration = Duration::from_secs(2);

type HttpClient = Client<HttpConnector, Full<Bytes>>;

fn server_binary() -> std::path::PathBuf {
    if let Ok(path) = std::env::var("SERVER_BIN") {
        return path.into();
    }
    let target = std::env::var("CARGO_TARGET_DIR")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target").into());
    std::path::Path::new(&target).join("release/staff-onboarding")
}

struct Server {
    child: Child,
    base: String,
    env: Vec<(String, String)>,
}

impl Server {
    fn start(database_url: &str, smtp_url: &str, dir: &std::path::Path) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let base = format!("http://127.0.0.1:{port}");
        let site_root = std::env::var("SITE_ROOT")
            .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target/site").into());
        let env: Vec<(String, String)> = [
            ("DATABASE_URL", database_url),
            ("PUBLIC_URL", &base),
            ("LEPTOS_SITE_ADDR", &format!("127.0.0.1:{port}")),
            ("LEPTOS_SITE_ROOT", &site_root),
            ("SMTP_URL", smtp_url),
            ("MAIL_FROM", "Bench School <staff@bench.example.org>"),
            ("LOG_FORMAT", "json"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let log = std::fs::File::create(dir.join(format!("server-{port}.log"))).unwrap();
        let binary = server_binary();
        let child = Command::new(&binary)
            .arg("serve")
            .envs(env.iter().cloned())
            .current_dir(dir)
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {} ({e}); build it with `make build-release`", binary.display())
            });
        let server = Server { child, base, env };
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(30), "the server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn create_admin(&self) {
        let status = Command::new(server_binary())
            .args(["create-super-admin", "--email", "robin@bench.example.org"])
            .args(["--username", "robin", "--name", "Robin Principal"])
            .envs(self.env.iter().cloned())
            .env("STAFF_ONBOARDING_PASSWORD", PASSWORD)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "create-super-admin failed");
    }

    fn post(&self, path: &str, content_type: &str, body: String, cookie: &str) -> Request<Full<Bytes>> {
        Request::post(format!("{}{path}", self.base))
            .header(header::CONTENT_TYPE, content_type)
            .header(header::ORIGIN, &self.base)
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, cookie)
            .body(Full::new(Bytes::from(body)))
            .unwrap()
    }

    async fn sign_in(&self, client: &HttpClient) -> String {
        let body = format!("login=robin&password={}", PASSWORD.replace(' ', "+"));
        let response = client
            .request(self.post("/api/sign_in", "application/x-www-form-urlencoded", body, ""))
            .await
            .unwrap();
        let cookie = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("so_session="))
            .expect("signing in sets the session cookie");
        cookie.split(';').next().unwrap().to_owned()
    }

    fn stop(mut self) {
        // SIGTERM, then wait: the server finishes what is in flight.
        let _ = Command::new("kill").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
    }
}

struct Level {
    concurrency: usize,
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    errors: usize,
}

async fn load(
    server: &Arc<Server>,
    cookie: &Arc<String>,
    tag: &str,
    concurrency: usize,
    requests: usize,
) -> Level {
    let client: HttpClient = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(concurrency)
        .build_http();
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, next, server, cookie) =
                (client.clone(), next.clone(), server.clone(), cookie.clone());
            let tag = tag.to_owned();
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut errors = 0;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= requests {
                        break;
                    }
                    let body = format!(
                        r#"{{"email":"{tag}.{concurrency}.{i}@load.example.org","role":"Teacher"}}"#
                    );
                    let request = server.post("/api/create_invitation", "application/json", body, &cookie);
                    let sent = Instant::now();
                    let ok = match client.request(request).await {
                        Ok(response) => {
                            let ok = response.status().is_success();
                            let _ = response.into_body().collect().await;
                            ok
                        }
                        Err(_) => false,
                    };
                    latencies.push(sent.elapsed());
                    if !ok {
                        errors += 1;
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::with_capacity(requests);
    let mut errors = 0;
    for worker in workers {
        let (l, e) = worker.await.unwrap();
        latencies.extend(l);
        errors += e;
    }
    let seconds = started.elapsed().as_secs_f64();
    Level {
        concurrency,
        per_second: requests as f64 / seconds,
        p50_ms: support::ms(support::percentile(&mut latencies, 50.0)),
        p99_ms: support::ms(support::percentile(&mut latencies, 99.0)),
        max_ms: support::ms(support::percentile(&mut latencies, 100.0)),
        errors,
    }
}

async fn run(backend: &str, smtp: &str, dir: &std::path::Path) -> Vec<serde_json::Value> {
    let sink = smtp_sink::SmtpSink::start().await;
    if smtp == "slow" {
        sink.set(smtp_sink::Behaviour { delay: SLOW_SMTP, ..Default::default() });
    }
    let url = support::fresh_database(backend, dir, &format!("load_{smtp}")).await;
    let server = Server::start(&url, &sink.url(), dir);
    server.create_admin();
    let server = Arc::new(server);
    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();
    let cookie = Arc::new(server.sign_in(&client).await);

    let warm = load(&server, &cookie, "warm", 16, 200).await;
    assert_eq!(warm.errors, 0, "the warm-up invitations all succeed ({backend}, {smtp} SMTP)");
    let mut rows = Vec::new();
    for concurrency in CONCURRENCY {
        let level = load(&server, &cookie, smtp, concurrency, REQUESTS).await;
        println!(
            "invite over HTTP, {backend:8} {smtp:4} SMTP, {:3} connections: {:7.0} invitations/s  p50 {:7.2} ms  p99 {:7.2} ms  max {:7.2} ms  errors {}",
            level.concurrency, level.per_second, level.p50_ms, level.p99_ms, level.max_ms, level.errors
        );
        rows.push(serde_json::json!({
            "backend": backend, "smtp": smtp, "concurrency": level.concurrency,
            "requests": REQUESTS, "per_second": level.per_second, "p50_ms": level.p50_ms,
            "p99_ms": level.p99_ms, "max_ms": level.max_ms, "errors": level.errors,
            "delivered_during_run": sink.received().len(),
        }));
    }
    Arc::try_unwrap(server).ok().expect("no request left running").stop();
    rows
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    if support::skipped() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut rows = Vec::new();
    for backend in support::BACKENDS {
        for smtp in ["fast", "slow"] {
            rows.extend(run(backend, smtp, dir.path()).await);
        }
    }
    // The isolation figure: the slow-SMTP p99 over the fast one, per backend and level.
    for backend in support::BACKENDS {
        for concurrency in CONCURRENCY {
            let p99 = |smtp: &str| {
                rows.iter()
                    .find(|r| r["backend"] == backend && r["smtp"] == smtp && r["concurrency"] == concurrency)
                    .and_then(|r| r["p99_ms"].as_f64())
                    .unwrap()
            };
            println!(
                "slow SMTP isolation, {backend:8} {concurrency:3} connections: p99 {:.2} ms slow vs {:.2} ms fast (×{:.2})",
                p99("slow"),
                p99("fast"),
                p99("slow") / p99("fast")
            );
        }
    }
    support::write_results("invite-load.json", "invite_load", serde_json::Value::Array(rows));
}
