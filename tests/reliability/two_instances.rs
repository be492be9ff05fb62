//! Two release servers on one Postgres behind a real nginx (Debian's package), configured by
//! `deploy/nginx.conf` itself, with `TRUSTED_PROXIES` naming nginx: a session made on one
//! server works on the other; the account's sign-in limit holds across both while each
//! client address has its own budget; and `kill -9` of one server during a run of
//! invitations loses none the client saw succeed, sends each email once, and the other
//! server serves throughout. Test clients connect from their own loopback addresses
//! (127.0.0.x), so nginx sees, and forwards, a different address for each.

use std::{
    collections::HashSet,
    net::{IpAddr, Ipv4Addr},
    path::Path,
    process::{Child, Command, Stdio},
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use http_body_util::Full;
use hyper::{Request, StatusCode, body::Bytes, header};
use hyper_util::{
    client::legacy::{Client, connect::HttpConnector},
    rt::TokioExecutor,
};

use super::{
    deliveries,
    release_server::{ADMIN_PASSWORD, HttpClient, ReleaseServer},
    smtp_sink::SmtpSink,
    support, wait_for,
};

/// nginx, run from `deploy/nginx.conf` with the test's ports.
struct Nginx {
    child: Child,
    port: u16,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Nginx {
    fn start_on(dir: &Path, port: u16, upstreams: [u16; 2]) -> Nginx {
        let sample =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/nginx.conf"))
                .expect("deploy/nginx.conf");
        let site = Self::adapt(&sample, port, free_port(), upstreams);
        let root = dir.join("nginx");
        std::fs::create_dir_all(&root).unwrap();
        // nginx's workers (user nobody) write their temporary files here.
        let _ = Command::new("chmod").args(["-R", "a+rwx"]).arg(dir).status();
        std::fs::write(root.join("site.conf"), site).unwrap();
        let main = format!(
            "worker_processes 2;\npid {r}/nginx.pid;\nerror_log {r}/error.log warn;\n\
             events {{ worker_connections 1024; }}\n\
             http {{\n  access_log {r}/access.log;\n  client_body_temp_path {r}/body;\n  \
             proxy_temp_path {r}/proxy;\n  fastcgi_temp_path {r}/fastcgi;\n  \
             uwsgi_temp_path {r}/uwsgi;\n  scgi_temp_path {r}/scgi;\n  include {r}/site.conf;\n}}\n",
            r = root.display()
        );
        std::fs::write(root.join("nginx.conf"), main).unwrap();
        let conf = root.join("nginx.conf");
        let nginx = "/usr/sbin/nginx";
        let test = Command::new(nginx)
            .arg("-t")
            .arg("-c")
            .arg(&conf)
            .arg("-e")
            .arg(root.join("error.log"))
            .output()
            .unwrap_or_else(|e| panic!("{nginx}: {e} (scripts/ensure-tools.sh nginx installs it)"));
        assert!(test.status.success(), "nginx -t: {}", String::from_utf8_lossy(&test.stderr));
        let child = Command::new(nginx)
            .args(["-g", "daemon off;", "-c"])
            .arg(&conf)
            .arg("-e")
            .arg(root.join("error.log"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(10), "nginx did not start");
            std::thread::sleep(Duration::from_millis(25));
        }
        Nginx { child, port }
    }

    /// The sample, listening on the test's ports and without its certificate lines. Every
    /// change must find its line: if the sample changes shape, this fails rather than
    /// testing something else.
    fn adapt(sample: &str, port: u16, redirect_port: u16, upstreams: [u16; 2]) -> String {
        let replacements = [
            ("server 127.0.0.1:3000 ", format!("server 127.0.0.1:{} ", upstreams[0])),
            ("server 127.0.0.1:3001 ", format!("server 127.0.0.1:{} ", upstreams[1])),
            ("listen 80;", format!("listen 127.0.0.1:{redirect_port};")),
            ("listen 443 ssl http2;", format!("listen 127.0.0.1:{port};")),
        ];
        let mut site = sample.to_owned();
        for (from, to) in &replacements {
            assert!(site.contains(from), "deploy/nginx.conf no longer has {from:?}");
            site = site.replace(from, to);
        }
        let dropped = |line: &str| {
            let line = line.trim_start();
            line.starts_with("listen [::]") || line.starts_with("ssl_")
        };
        site.lines().filter(|line| !dropped(line)).collect::<Vec<_>>().join("\n")
    }
}

impl Drop for Nginx {
    /// SIGTERM, not SIGKILL: the master stops its workers (killed, it would leave them).
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let _ = self.child.wait();
    }
}

/// A client whose connections come from `127.0.0.{last}`.
fn client_from(last: u8, connections: usize) -> HttpClient {
    let mut connector = HttpConnector::new();
    connector.set_local_address(Some(IpAddr::V4(Ipv4Addr::new(127, 0, 0, last))));
    Client::builder(TokioExecutor::new()).pool_max_idle_per_host(connections).build(connector)
}

/// A request to `base` as a page of the site at `origin` sends it.
fn post(base: &str, origin: &str, path: &str, body: String, cookie: &str) -> Request<Full<Bytes>> {
    let content_type = if body.starts_with('{') {
        "application/json"
    } else {
        "application/x-www-form-urlencoded"
    };
    Request::post(format!("{base}{path}"))
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ORIGIN, origin)
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, cookie)
        .body(Full::new(Bytes::from(body)))
        .unwrap()
}

fn set_cookie(response: &hyper::Response<hyper::body::Incoming>, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

fn password_form(login: &str, password: &str) -> String {
    format!("login={login}&password={}", password.replace(' ', "+"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_behind_nginx_share_sessions_limits_and_the_outbox() {
    let dir = tempfile::tempdir().unwrap();
    let url = support::fresh_database("postgres", dir.path(), "two_instances").await;
    let sink = SmtpSink::start().await;
    let nginx_port = free_port();
    let site = format!("http://127.0.0.1:{nginx_port}");
    let env = [
        ("SMTP_URL", sink.url()),
        ("PUBLIC_URL", site.clone()),
        ("TRUSTED_PROXIES", "127.0.0.1".to_owned()),
        // Claims of a killed server are taken over within the test.
        ("OUTBOX_LEASE", "10s".to_owned()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let a = Arc::new(ReleaseServer::start(&url, &env, dir.path()));
    let b = Arc::new(ReleaseServer::start(&url, &env, dir.path()));
    a.create_admin();
    let ports = [a.base.rsplit(':').next().unwrap(), b.base.rsplit(':').next().unwrap()]
        .map(|p| p.parse::<u16>().unwrap());
    let nginx = Nginx::start_on(dir.path(), nginx_port, ports);
    assert_eq!(nginx.port, nginx_port);

    // --- Sessions: signed in on A, used on B and through nginx. ----------------------------
    let direct = client_from(1, 4);
    let response = direct
        .request(post(&a.base, &site, "/api/sign_in", password_form("robin", ADMIN_PASSWORD), ""))
        .await
        .unwrap();
    let session = set_cookie(&response, "so_session").expect("signed in on A");
    let device = set_cookie(&response, "so_device").expect("A gave the browser a device cookie");
    for base in [&b.base, &site] {
        let request = post(base, &site, "/api/current_user", String::new(), &session);
        let (status, body) = ReleaseServer::send(&direct, request).await.unwrap();
        assert_eq!(status, StatusCode::OK, "{base}: {body}");
        assert!(body.contains("\"username\":\"robin\""), "{base} knows the session: {body}");
    }
    let body = r#"{"email":"made.on.b@staff.example.org","role":"Teacher"}"#.to_owned();
    let request = post(&b.base, &site, "/api/create_invitation", body, &session);
    let (status, body) = ReleaseServer::send(&direct, request).await.unwrap();
    assert!(status.is_success(), "inviting on B with A's session: {status} {body}");
    println!("two instances: a session made on one server works on the other and through nginx");

    // --- Limits. ---------------------------------------------------------------------------
    // 20 strangers, 2 wrong guesses each, through nginx (which spreads them over A and B).
    let mut let_in = 0;
    let mut refused = 0;
    for i in 0..40u8 {
        let stranger = client_from(100 + i % 20, 1);
        let body = password_form("robin", "wrong wrong wrong");
        let (status, _) =
            ReleaseServer::send(&stranger, post(&site, &site, "/api/sign_in", body, ""))
                .await
                .unwrap();
        match status {
            StatusCode::UNAUTHORIZED => let_in += 1,
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            other => panic!("a wrong guess got {other}"),
        }
    }
    println!(
        "two instances: 40 wrong guesses from 20 addresses through nginx: {let_in} checked, {refused} refused"
    );
    // The account's 10 at once, less robin's own sign-in above, plus one if a minute passed.
    assert!((9..=10).contains(&let_in), "one account limit across both servers: {let_in}");
    // The owner's browser, through nginx, at once.
    let cookies = device.clone();
    let owner = ReleaseServer::send(
        &client_from(1, 1),
        post(&site, &site, "/api/sign_in", password_form("robin", ADMIN_PASSWORD), &cookies),
    )
    .await
    .unwrap();
    assert!(
        owner.0.is_success() || owner.0.is_redirection(),
        "the owner's known browser: {} {}",
        owner.0,
        owner.1
    );

    // Per address: 127.0.0.50 runs out (20 a server, in each server's memory), forged
    // X-Forwarded-For or not; 127.0.0.51 has a budget of its own.
    let attempt = |from: u8, i: usize, forged: Option<String>| {
        let site = site.clone();
        async move {
            let login = format!("nobody{from}x{i}");
            let mut request = post(&site, &site, "/api/sign_in", password_form(&login, "x"), "");
            if let Some(forged) = forged {
                request.headers_mut().insert("x-forwarded-for", forged.parse().unwrap());
            }
            ReleaseServer::send(&client_from(from, 1), request).await.unwrap().0
        }
    };
    let mut budget = 0;
    for i in 0..60 {
        match attempt(50, i, None).await {
            StatusCode::UNAUTHORIZED => budget += 1,
            StatusCode::TOO_MANY_REQUESTS => break,
            other => panic!("{other}"),
        }
    }
    // Each forged request names a new address; had that bought a budget, all would pass.
    // (Each server refills one sign-in per 6 s, so one or two may.)
    let mut forged_refused = 0;
    for i in 0..6u8 {
        let status = attempt(50, 100 + usize::from(i), Some(format!("198.51.100.{i}"))).await;
        forged_refused += usize::from(status == StatusCode::TOO_MANY_REQUESTS);
    }
    let neighbour = attempt(51, 0, None).await;
    println!(
        "two instances: one address got {budget} sign-ins through nginx before 429; then {forged_refused} of 6 with a forged X-Forwarded-For were refused; the next address got {neighbour}"
    );
    assert!((20..=42).contains(&budget), "20 a server, 2 servers: {budget}");
    assert!(forged_refused >= 4, "a forged header bought budget: {forged_refused} of 6 refused");
    assert_eq!(neighbour, StatusCode::UNAUTHORIZED, "another address has its own budget");
    let logs = format!("{}{}", a.logs(), b.logs());
    assert!(logs.contains("\"client\":\"127.0.0.50\""), "request logs name the client");

    // --- kill -9 of A during a run of invitations through nginx. ---------------------------
    let stop = Arc::new(AtomicBool::new(false));
    let invited_ok = Arc::new(Mutex::new(Vec::<String>::new()));
    let failed = Arc::new(Mutex::new(Vec::<(Instant, String)>::new()));
    let counter = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for worker in 0..8u8 {
        let (stop, invited_ok, failed, counter, site, session) = (
            stop.clone(),
            invited_ok.clone(),
            failed.clone(),
            counter.clone(),
            site.clone(),
            session.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let client = client_from(20 + worker, 2);
            while !stop.load(Ordering::Relaxed) {
                let email =
                    format!("two{}@staff.example.org", counter.fetch_add(1, Ordering::Relaxed));
                let body = format!(r#"{{"email":"{email}","role":"Teacher"}}"#);
                let request = post(&site, &site, "/api/create_invitation", body, &session);
                match ReleaseServer::send(&client, request).await {
                    Some((status, _)) if status.is_success() => {
                        invited_ok.lock().unwrap().push(email)
                    }
                    other => {
                        failed
                            .lock()
                            .unwrap()
                            .push((Instant::now(), format!("{email}: {other:?}")));
                        tokio::time::sleep(Duration::from_millis(20)).await;
                    }
                }
            }
        }));
    }
    // B is asked directly all along: it must answer every time.
    let probe = {
        let (stop, b) = (stop.clone(), b.clone());
        tokio::spawn(async move {
            let client = client_from(2, 1);
            let (mut answered, mut missed) = (0, 0);
            while !stop.load(Ordering::Relaxed) {
                let request =
                    Request::get(format!("{}/healthz", b.base)).body(Full::default()).unwrap();
                match ReleaseServer::send(&client, request).await {
                    Some((StatusCode::OK, _)) => answered += 1,
                    _ => missed += 1,
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            (answered, missed)
        })
    };
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let before_kill = invited_ok.lock().unwrap().len();
    let killed_at = Instant::now();
    a.kill9();
    tokio::time::sleep(Duration::from_millis(2500)).await;
    stop.store(true, Ordering::Relaxed);
    for task in tasks {
        task.await.unwrap();
    }
    let (answered, missed) = probe.await.unwrap();
    let invited_ok = invited_ok.lock().unwrap().clone();
    let failed = failed.lock().unwrap().clone();
    let late_failures: Vec<&String> = failed
        .iter()
        .filter(|(at, _)| *at > killed_at + Duration::from_secs(1))
        .map(|(_, what)| what)
        .collect();
    println!(
        "two instances, kill -9 of one: {} invitations confirmed ({before_kill} before the kill), {} answered otherwise (all within {:?} of the kill: {}), B answered {answered} health checks and missed {missed}",
        invited_ok.len(),
        failed.len(),
        Duration::from_secs(1),
        late_failures.is_empty()
    );
    assert!(invited_ok.len() > before_kill + 20, "invitations went on after the kill");
    assert!(failed.len() <= 8, "at most the requests A held when it died: {failed:?}");
    assert!(late_failures.is_empty(), "nginx kept sending to the dead server: {late_failures:?}");
    assert_eq!(missed, 0, "the other server answered throughout");

    // Every invitation the client saw is there; every one gets its email, exactly once,
    // except that a message A was handing to SMTP at the kill may be sent again.
    let after = super::consistency(&url).await;
    let present: HashSet<&String> = after.invitations.iter().collect();
    let missing = invited_ok.iter().filter(|e| !present.contains(e)).count();
    assert_eq!(missing, 0, "an invitation the client saw succeed is gone");
    let orphans = claimed_by_the_dead(&url).await;
    let all = after.invitations.clone();
    wait_for("every message, the dead server's claims too", Duration::from_secs(90), || {
        let seen = deliveries(&sink);
        all.iter().all(|e| seen.contains_key(e))
    })
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await; // a late duplicate shows now
    let seen = deliveries(&sink);
    let twice: Vec<&String> = seen.iter().filter(|(_, n)| **n > 1).map(|(e, _)| e).collect();
    let unexplained: Vec<&&String> = twice.iter().filter(|e| !orphans.contains(**e)).collect();
    println!(
        "two instances, kill -9 of one: {} invitations, {} emails at the SMTP sink, 0 lost, {} sent twice ({} were in the killed server's hands)",
        all.len(),
        seen.values().sum::<usize>(),
        twice.len(),
        orphans.len()
    );
    assert!(unexplained.is_empty(), "sent twice though no dead server held them: {unexplained:?}");
    assert!(seen.values().all(|n| *n <= 2));

    // --- A full bulk invite through nginx: its body is over nginx's 64 KiB default. ---------
    let rows: Vec<String> = (1..=1000)
        .map(|i| {
            format!(
                r#"{{"line":{i},"email":"bulk.teacher.{i}@staff.example.org","role":"teacher"}}"#
            )
        })
        .collect();
    let body = format!(r#"{{"rows":[{}]}}"#, rows.join(","));
    assert!(body.len() > 64 * 1024, "{} bytes", body.len());
    let request = post(&site, &site, "/api/start_bulk_invite", body, &session);
    let (status, answer) = ReleaseServer::send(&direct, request).await.unwrap();
    assert_eq!(status, StatusCode::OK, "a 1,000-row bulk invite through nginx: {answer}");
    assert!(answer.contains("\"total\":1000"), "{answer}");
    println!("two instances: a 1,000-row bulk invite through nginx was taken");
    drop(nginx);
    b.stop();
}

/// The recipients of messages still claimed once the live server is idle (nothing queued, and
/// the same claims a second apart): the killed one's. Reminders are left out: each waits in
/// the queue until hours before its link runs out.
async fn claimed_by_the_dead(url: &str) -> HashSet<String> {
    let pool = sqlx::PgPool::connect(url).await.unwrap();
    let sql = "SELECT recipient, status FROM outbox \
               WHERE status IN ('queued', 'sending') AND kind <> 'reminder'";
    let mut before: Option<HashSet<String>> = None;
    let started = Instant::now();
    loop {
        let rows: Vec<(String, String)> = sqlx::query_as(sql).fetch_all(&pool).await.unwrap();
        let queued = rows.iter().any(|(_, status)| status == "queued");
        let claimed: HashSet<String> = rows.into_iter().map(|(r, _)| r.to_lowercase()).collect();
        if !queued && before.as_ref() == Some(&claimed) {
            pool.close().await;
            return claimed;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "the live server never went idle");
        before = (!queued).then_some(claimed);
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}
