//! The real binary: help, configuration errors, `migrate`, and `serve` with graceful shutdown.

use std::{
    io::{Read, Write},
    net::{TcpListener, TcpStream},
    path::Path,
    process::{Command, Output, Stdio},
    time::{Duration, Instant},
};

use crate::support::db::TestDb;

const BIN: &str = env!("CARGO_BIN_EXE_staff-onboarding");

/// The binary with a clean environment, run in `dir` so no stray `.env` is read.
fn command(dir: &Path, vars: &[(&str, &str)]) -> Command {
    let mut command = Command::new(BIN);
    command.env_clear().current_dir(dir).env("LOG_FORMAT", "json");
    for (name, value) in vars {
        command.env(name, value);
    }
    command
}

fn run(dir: &Path, args: &[&str], vars: &[(&str, &str)]) -> Output {
    command(dir, vars).args(args).output().expect("run the binary")
}

#[test]
fn help_describes_every_command_and_variable() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["--help"], &[]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in ["serve", "migrate", "backup", "create-super-admin", "invite"] {
        assert!(text.contains(needle), "--help mentions {needle}:\n{text}");
    }
    // Every setting, with its default where it has one.
    for var in staff_onboarding::server::config::vars::VARS {
        assert!(text.contains(&format!("  {}", var.name)), "--help lists {}:\n{text}", var.name);
        if let Some(default) = var.default {
            assert!(text.contains(&format!("[default: {default}]")), "{}'s default", var.name);
        }
    }
    for sub in ["serve", "migrate"] {
        let out = run(dir.path(), &[sub, "--help"], &[]);
        assert!(out.status.success(), "{sub} --help");
        assert!(String::from_utf8(out.stdout).unwrap().contains("DATABASE_URL"));
    }
}

#[test]
fn invalid_configuration_exits_2_naming_the_variable() {
    let dir = tempfile::tempdir().unwrap();
    for (var, value) in [
        ("PUBLIC_URL", "not a url"),
        ("DATABASE_URL", "mysql://localhost/x"),
        ("LOG_FORMAT", "xml"),
        ("LEPTOS_SITE_ADDR", "nowhere"),
        ("SMTP_URL", "smtp://mail.example.org"),
    ] {
        for args in [&["migrate"][..], &["serve"][..], &[][..]] {
            let out = run(dir.path(), args, &[(var, value)]);
            assert_eq!(out.status.code(), Some(2), "{var}={value} {args:?}");
            let stderr = String::from_utf8(out.stderr).unwrap();
            assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
            assert!(stderr.contains(var), "names {var}: {stderr}");
            assert!(!stderr.contains("panicked"), "{stderr}");
        }
    }
}

#[test]
fn migrate_creates_the_sqlite_file_and_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/app.db");
    let url = format!("sqlite://{}", path.display());
    let out = run(dir.path(), &["migrate"], &[("DATABASE_URL", &url)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(path.exists());
    assert!(String::from_utf8(out.stdout).unwrap().contains("up to date"));

    // Again: nothing to do, still success.
    let again = run(dir.path(), &["migrate"], &[("DATABASE_URL", &url)]);
    assert!(again.status.success());
}

#[tokio::test]
async fn migrate_works_against_postgres() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["migrate"], &[("DATABASE_URL", &db.url_string())]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8(out.stdout).unwrap().contains("postgres database is up to date"));
}

#[test]
fn an_unreachable_database_is_a_clear_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let out =
        run(dir.path(), &["migrate"], &[("DATABASE_URL", "postgres://postgres@127.0.0.1:1/none")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("DATABASE_URL"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Waits (up to 30 s) for the server on `port` to answer `/healthz`; returns the answer.
fn wait_until_serving(port: u16) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(response) = http_get(port, "/healthz") {
            return response;
        }
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn http_get(port: u16, path: &str) -> Option<String> {
    http_get_with(port, path, "")
}

fn exchange(port: u16, request: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

fn http_get_with(port: u16, path: &str, cookie: &str) -> Option<String> {
    exchange(
        port,
        &format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
        ),
    )
}

/// Signs in over real HTTP, as a browser without JavaScript would; returns the cookie.
fn sign_in(port: u16, login: &str, password_form_encoded: &str) -> String {
    let body = format!("login={login}&password={password_form_encoded}");
    let response = exchange(
        port,
        &format!(
            "POST /api/sign_in HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://127.0.0.1:{port}\r\n\
             Accept: text/html\r\nContent-Type: application/x-www-form-urlencoded\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
    .expect("the sign-in answered");
    response
        .lines()
        .filter_map(|line| {
            line.strip_prefix("set-cookie: ").or_else(|| line.strip_prefix("Set-Cookie: "))
        })
        .find(|cookie| cookie.starts_with("so_session="))
        .and_then(|cookie| cookie.split(';').next())
        .unwrap_or_else(|| panic!("no session cookie:\n{response}"))
        .to_owned()
}

#[test]
fn serve_answers_and_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let url = format!("sqlite://{}", dir.path().join("app.db").display());
    let mut child = command(dir.path(), &[("DATABASE_URL", &url), ("LEPTOS_SITE_ADDR", &addr)])
        .arg("serve")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();

    let health = wait_until_serving(port);
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(health.contains(r#""status":"ok""#), "{health}");

    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(15);
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        assert!(Instant::now() < deadline, "the server did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "a graceful stop exits 0, got {exit:?}");
}

/// Without SMTP every message and its live link sits in the dev mailbox, so the server
/// refuses to listen beyond loopback unless DEV_MAILBOX=on says that is intended.
#[test]
fn serve_refuses_an_open_dev_mailbox_unless_told_it_is_intended() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let addr = format!("0.0.0.0:{port}");
    let url = format!("sqlite://{}", dir.path().join("app.db").display());
    let vars = [("DATABASE_URL", url.as_str()), ("LEPTOS_SITE_ADDR", addr.as_str())];
    let out = run(dir.path(), &["serve"], &vars);
    assert_eq!(out.status.code(), Some(2), "a configuration error");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("DEV_MAILBOX") && stderr.contains("SMTP_URL"), "{stderr}");
    assert!(!dir.path().join("app.db").exists(), "refused before touching the database");

    let mut server = command(dir.path(), &[vars[0], vars[1], ("DEV_MAILBOX", "on")])
        .arg("serve")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    assert!(wait_until_serving(port).starts_with("HTTP/1.1 200"), "serves when told");
    let _ = Command::new("kill").args(["-TERM", &server.id().to_string()]).status();
    let _ = server.wait();
}

#[test]
fn invite_from_the_command_line_reaches_the_running_servers_dev_mailbox() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let url = format!("sqlite://{}", dir.path().join("app.db").display());
    let public = format!("http://{addr}");
    let vars = [
        ("DATABASE_URL", url.as_str()),
        ("LEPTOS_SITE_ADDR", addr.as_str()),
        ("PUBLIC_URL", public.as_str()),
    ];
    let mut server = command(dir.path(), &vars)
        .arg("serve")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_until_serving(port);

    let out =
        run(dir.path(), &["invite", "--email", "sam@school.org", "--role", "Admin Staff"], &vars);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        String::from_utf8(out.stdout).unwrap().contains("Invited sam@school.org as Admin Staff")
    );

    // A Super-Admin made with the CLI signs in to read the dev mailbox.
    let with_password =
        [vars[0], vars[1], vars[2], ("STAFF_ONBOARDING_PASSWORD", "violet tram orbit kettle")];
    let args = [
        "create-super-admin",
        "--email",
        "robin@school.org",
        "--username",
        "robin",
        "--name",
        "Robin",
    ];
    assert!(run(dir.path(), &args, &with_password).status.success());
    let cookie = sign_in(port, "robin", "violet+tram+orbit+kettle");

    // The server's outbox sender picks the invitation up (it polls; the CLI is another process).
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let page = http_get_with(port, "/dev/mailbox", &cookie).unwrap_or_default();
        let page = crate::support::http::shown(&page);
        if page.contains("sam@school.org") {
            assert!(page.contains("invited to join"), "{page}");
            break;
        }
        assert!(Instant::now() < deadline, "the message never reached the dev mailbox:\n{page}");
        std::thread::sleep(Duration::from_millis(200));
    }

    let again = run(dir.path(), &["invite", "--email", "SAM@school.org"], &vars);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8(again.stderr).unwrap().contains("already been invited"));
    let _ = Command::new("kill").args(["-TERM", &server.id().to_string()]).status();
    let _ = server.wait();
}

#[test]
fn create_super_admin_takes_the_password_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("app.db").display());
    let args = [
        "create-super-admin",
        "--email",
        "robin@school.org",
        "--username",
        "robin.p",
        "--name",
        "Robin Principal",
    ];
    let good =
        [("DATABASE_URL", url.as_str()), ("STAFF_ONBOARDING_PASSWORD", "violet tram orbit kettle")];
    let out = run(dir.path(), &args, &good);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8(out.stdout).unwrap().contains("Created Super-Admin robin.p"));

    // Each refusal exits non-zero with a sentence, and creates nothing.
    let same_email = [
        "create-super-admin",
        "--email",
        "ROBIN@school.org",
        "--username",
        "robin2",
        "--name",
        "R",
    ];
    let taken = run(dir.path(), &same_email, &good);
    assert_eq!(taken.status.code(), Some(1));
    assert!(String::from_utf8(taken.stderr).unwrap().contains("already exists"));

    let other =
        ["create-super-admin", "--email", "b@school.org", "--username", "robin.p", "--name", "B"];
    let out = run(dir.path(), &other, &good);
    assert!(String::from_utf8(out.stderr).unwrap().contains("username is taken"));

    let weak = [("DATABASE_URL", url.as_str()), ("STAFF_ONBOARDING_PASSWORD", "short")];
    let other =
        ["create-super-admin", "--email", "c@school.org", "--username", "cee", "--name", "C"];
    let out = run(dir.path(), &other, &weak);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("at least 12 characters"));

    // Without the variable and without a terminal, it says how to give the password.
    let none = [("DATABASE_URL", url.as_str())];
    let out = command(dir.path(), &none).args(other).stdin(Stdio::null()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("STAFF_ONBOARDING_PASSWORD"));

    let missing = run(dir.path(), &["create-super-admin", "--email", "d@school.org"], &good);
    assert_eq!(missing.status.code(), Some(2), "clap's usage error");
}

#[test]
fn serve_prints_the_first_admin_link_only_while_no_super_admin_exists() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("app.db").display());
    let start = |dir: &Path| {
        let port = free_port();
        let addr = format!("127.0.0.1:{port}");
        let public = format!("http://{addr}");
        let mut server = command(
            dir,
            &[("DATABASE_URL", &url), ("LEPTOS_SITE_ADDR", &addr), ("PUBLIC_URL", &public)],
        )
        .arg("serve")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
        wait_until_serving(port);
        let _ = Command::new("kill").args(["-TERM", &server.id().to_string()]).status();
        let mut out = String::new();
        server.stdout.take().unwrap().read_to_string(&mut out).unwrap();
        let _ = server.wait();
        (public, out)
    };

    let (public, out) = start(dir.path());
    assert!(out.contains("No Super-Admin exists yet"), "{out}");
    assert!(out.contains("(it works once, for 24 hours)"), "the emails' wording: {out}");
    assert!(out.contains(&format!("{public}/invite/")), "the link, built from PUBLIC_URL: {out}");

    let args = [
        "create-super-admin",
        "--email",
        "robin@school.org",
        "--username",
        "robin",
        "--name",
        "Robin",
    ];
    let vars =
        [("DATABASE_URL", url.as_str()), ("STAFF_ONBOARDING_PASSWORD", "violet tram orbit kettle")];
    assert!(run(dir.path(), &args, &vars).status.success());
    let open_links = tokio::runtime::Runtime::new().unwrap().block_on(async {
        use staff_onboarding::{
            domain::Role,
            server::{config::DatabaseUrl, store},
        };
        let store = store::connect(&DatabaseUrl::parse(&url).unwrap()).await.unwrap();
        store.open_system_invitations(Role::SuperAdmin).await.unwrap().len()
    });
    assert_eq!(open_links, 0, "the printed link is withdrawn at once, not at the next start");
    let (_, out) = start(dir.path());
    assert!(!out.contains("/invite/"), "no link once a Super-Admin exists: {out}");
}

#[test]
fn seed_is_refused_by_a_debug_build() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/app.db", dir.path().display());
    let out = run(dir.path(), &["seed", "--invitations", "10"], &[("DATABASE_URL", &url)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("needs a release build"), "{stderr}");
}
