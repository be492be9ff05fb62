//! Every page route of the app is either guarded (`PROTECTED_PAGES`, by path prefix) or in
//! `PUBLIC_PAGES`, public on purpose; a new page that is neither fails here, and a guarded
//! one refuses a visitor who isn't signed in. The routes are the app's own, as the server
//! registers them (`generate_route_list`), not a copy.

use axum::http::StatusCode;
use staff_onboarding::server::auth::guard::{PUBLIC_PAGES, page_access};

use crate::support::db::TestDb;

/// `/invite/{token}` (axum's way) or `/invite/:token` as `/invite/:token`.
fn as_listed(path: &str) -> String {
    let segments: Vec<String> = path
        .split('/')
        .map(|segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => format!(":{name}"),
            None => segment.to_owned(),
        })
        .collect();
    match segments.join("/") {
        empty if empty.is_empty() => "/".to_owned(),
        path => path,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_is_guarded_or_public_on_purpose() {
    let routes = leptos_axum::generate_route_list(staff_onboarding::app::App);
    let paths: Vec<String> = routes.iter().map(|route| as_listed(route.path())).collect();
    assert!(paths.len() >= PUBLIC_PAGES.len(), "the app's routes: {paths:?}");
    for public in PUBLIC_PAGES {
        assert!(paths.iter().any(|p| p == public), "{public} is listed public but no route");
    }

    let db = TestDb::sqlite();
    let app = crate::support::http::app(&db, &[]).await;
    for path in &paths {
        let guarded = page_access(path).is_some();
        let public = PUBLIC_PAGES.contains(&path.as_str());
        assert!(guarded != public, "{path}: guarded ({guarded}) or public ({public}), one only");
        if guarded {
            let visited: String = path
                .split('/')
                .map(|s| if s.starts_with(':') { "1" } else { s })
                .collect::<Vec<_>>()
                .join("/");
            let status = app.get(&visited, None).await.status();
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{visited} for a visitor");
        }
    }
}
