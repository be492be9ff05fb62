//! What a visitor who is nobody can make the server write: nothing, for a link that doesn't
//! exist. Each anonymous write on SQLite takes a turn of the one writer from everyone else.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{Request, StatusCode, header},
};
use tower::ServiceExt;

use crate::hardening::{limit_rows, random_token};
use crate::support::db::{TestDb, for_each_backend};
use crate::support::http::{App, ORIGIN, app, invite};

for_each_backend!(username_checks_of_links_that_do_not_exist_write_nothing,);

/// A username check from the `n`th address of a botnet.
async fn check_from(app: &App, n: u32, token: &str) -> StatusCode {
    let [_, a, b, c] = n.to_be_bytes();
    let peer = SocketAddr::new(IpAddr::V4(Ipv4Addr::new(10, a, b, c.max(1))), 4000);
    let mut request = Request::post("/api/check_username")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, ORIGIN)
        .body(Body::from(format!("token={token}&username=sam")))
        .unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    app.router.clone().oneshot(request).await.unwrap().status()
}

/// Each check with a well-formed token took a row of the per-link limit before the link was
/// looked up: 20 calls from 20 addresses added 20 rows. The per-link limit is now kept only
/// for links that exist.
async fn username_checks_of_links_that_do_not_exist_write_nothing(db: &TestDb) {
    let app = app(db, &[]).await;
    for n in 0..1_000 {
        let status = check_from(&app, n, &random_token()).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "call {n}");
    }
    assert_eq!(limit_rows(&app).await, 0, "1,000 checks of links that don't exist");

    // A working link still has its own limit, shared by every address.
    let (_, token) = invite(&app, "sam@school.org").await;
    assert_eq!(check_from(&app, 1, &token).await, StatusCode::OK);
    assert_eq!(limit_rows(&app).await, 1, "the link's own allowance");
}
