//! The release server as its own process, for the benchmarks and the reliability suite:
//! started on a given database and SMTP server, signed in to as a Super-Admin, called over
//! real HTTP, stopped, killed with SIGKILL and started again on the same port and database.

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::{
        Mutex,
        atomic::{AtomicU32, Ordering},
    },
    time::{Duration, Instant},
};

use http_body_util::{BodyExt, Full};
use hyper::{Request, StatusCode, body::Bytes, header};
use hyper_util::{
    client::legacy::{Client, connect::HttpConnector},
    rt::TokioExecutor,
};

pub const ADMIN_PASSWORD: &str = "violet tram orbit kettle";

pub type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// A keep-alive HTTP client holding up to `connections` idle connections.
pub fn client(connections: usize) -> HttpClient {
    Client::builder(TokioExecutor::new()).pool_max_idle_per_host(connections).build_http()
}

/// SERVER_BIN, or the release binary in Cargo's target folder.
pub fn server_binary() -> PathBuf {
    if let Ok(path) = std::env::var("SERVER_BIN") {
        return path.into();
    }
    let target = std::env::var("CARGO_TARGET_DIR")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target").into());
    Path::new(&target).join("release/staff-onboarding")
}

/// The `SECRET_KEY` of release servers on Postgres.
pub const TEST_SECRET_KEY: &str =
    "7e57000000000000000000000000000000000000000000000000000000007e57";

pub struct ReleaseServer {
    child: Mutex<Option<Child>>,
    pub base: String,
    port: u16,
    env: Vec<(String, String)>,
    dir: PathBuf,
    starts: AtomicU32,
}

impl ReleaseServer {
    /// Starts the server on `database_url`, with `extra` variables (SMTP_URL, say), logging
    /// into `dir`, and waits until it answers.
    pub fn start(database_url: &str, extra: &[(&str, &str)], dir: &Path) -> ReleaseServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let base = format!("http://127.0.0.1:{port}");
        let site_root = std::env::var("SITE_ROOT")
            .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target/site").into());
        let mut env: Vec<(String, String)> = [
            ("DATABASE_URL", database_url),
            ("PUBLIC_URL", base.as_str()),
            ("LEPTOS_SITE_ADDR", &format!("127.0.0.1:{port}")),
            ("LEPTOS_SITE_ROOT", &site_root),
            ("MAIL_FROM", "Greenwood High <staff@greenwood.example>"),
            ("LOG_FORMAT", "json"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        if database_url.starts_with("postgres") {
            // Postgres has no key file beside it: every instance is given the same key.
            env.push(("SECRET_KEY".into(), TEST_SECRET_KEY.into()));
        }
        env.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let server = ReleaseServer {
            child: Mutex::new(None),
            base,
            port,
            env,
            dir: dir.to_owned(),
            starts: AtomicU32::new(0),
        };
        server.spawn();
        server
    }

    fn spawn(&self) {
        let start = self.starts.fetch_add(1, Ordering::SeqCst) + 1;
        let log = std::fs::File::create(self.dir.join(format!("server-{}-{start}.log", self.port)))
            .unwrap();
        let binary = server_binary();
        let child = Command::new(&binary)
            .arg("serve")
            .envs(self.env.iter().cloned())
            .current_dir(&self.dir)
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start {} ({e}); build it with `make build-release`",
                    binary.display()
                )
            });
        *self.child.lock().unwrap() = Some(child);
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            let exited = self.child.lock().unwrap().as_mut().unwrap().try_wait().unwrap();
            if let Some(status) = exited {
                panic!("the server exited with {status}:\n{}", self.logs());
            }
            assert!(started.elapsed() < Duration::from_secs(60), "the server did not start");
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Everything the server has logged, across its restarts.
    pub fn logs(&self) -> String {
        (1..=self.starts.load(Ordering::SeqCst))
            .map(|n| {
                std::fs::read_to_string(self.dir.join(format!("server-{}-{n}.log", self.port)))
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Runs another command of the binary against this server's database.
    pub fn cli(&self, args: &[&str], extra: &[(&str, &str)]) -> std::process::Output {
        Command::new(server_binary())
            .args(args)
            .envs(self.env.iter().cloned())
            .envs(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())))
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    /// Creates the Super-Admin `robin` with ADMIN_PASSWORD.
    pub fn create_admin(&self) {
        let output = self.cli(
            &[
                "create-super-admin",
                "--email",
                "robin@greenwood.example",
                "--username",
                "robin",
                "--name",
                "Robin Principal",
            ],
            &[("STAFF_ONBOARDING_PASSWORD", ADMIN_PASSWORD)],
        );
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }

    /// A POST as the hydrated page sends it.
    pub fn post(
        &self,
        path: &str,
        content_type: &str,
        body: String,
        cookie: &str,
    ) -> Request<Full<Bytes>> {
        Request::post(format!("{}{path}", self.base))
            .header(header::CONTENT_TYPE, content_type)
            .header(header::ORIGIN, &self.base)
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, cookie)
            .body(Full::new(Bytes::from(body)))
            .unwrap()
    }

    /// Sends `request`; its status and body, or `None` when the connection failed.
    pub async fn send(
        client: &HttpClient,
        request: Request<Full<Bytes>>,
    ) -> Option<(StatusCode, String)> {
        let response = client.request(request).await.ok()?;
        let status = response.status();
        let body = response.into_body().collect().await.ok()?.to_bytes();
        Some((status, String::from_utf8_lossy(&body).into_owned()))
    }

    /// Signs `robin` in; the session cookie (`so_session=…`).
    pub async fn sign_in(&self, client: &HttpClient) -> String {
        let body = format!("login=robin&password={}", ADMIN_PASSWORD.replace(' ', "+"));
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
            .unwrap_or_else(|| {
                panic!("signing in sets the session cookie ({})", response.status())
            });
        cookie.split(';').next().unwrap().to_owned()
    }

    /// Invites `email` as a Teacher through the dashboard's server function.
    pub async fn invite(
        &self,
        client: &HttpClient,
        cookie: &str,
        email: &str,
    ) -> Option<(StatusCode, String)> {
        let body = format!(r#"{{"email":"{email}","role":"Teacher"}}"#);
        Self::send(client, self.post("/api/create_invitation", "application/json", body, cookie))
            .await
    }

    /// SIGKILL: no clean-up of any kind.
    pub fn kill9(&self) {
        if let Some(mut child) = self.child.lock().unwrap().take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }

    /// SIGTERM, then waits: the server finishes what is in flight.
    pub fn stop(&self) {
        if let Some(mut child) = self.child.lock().unwrap().take() {
            let _ = Command::new("kill").arg(child.id().to_string()).status();
            let _ = child.wait();
        }
    }

    /// Starts it again, on the same port and database.
    pub fn restart(&self) {
        self.stop();
        self.spawn();
    }

    /// Whether the process is still running.
    pub fn running(&self) -> bool {
        self.child.lock().unwrap().as_mut().is_some_and(|c| c.try_wait().unwrap().is_none())
    }
}

impl Drop for ReleaseServer {
    fn drop(&mut self) {
        self.kill9();
    }
}
