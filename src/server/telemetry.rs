//! Logging through `tracing`: human-readable by default, JSON lines for log collectors.

use tracing_subscriber::{EnvFilter, fmt, prelude::*};

use super::config::LogFormat;

/// Installs the global subscriber. `RUST_LOG` narrows or widens what is logged.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let registry = tracing_subscriber::registry().with(filter);
    let result = match format {
        LogFormat::Pretty => registry.with(fmt::layer().with_target(false)).try_init(),
        LogFormat::Json => registry.with(fmt::layer().json().flatten_event(true)).try_init(),
    };
    // A second init (in tests) keeps the first subscriber; that is fine.
    let _ = result;
}

/// The path as it may appear in logs. Invitation links carry their secret in the path, so
/// everything after `/invite/` is hidden.
pub fn loggable_path(path: &str) -> String {
    match path.find("/invite/") {
        Some(at) => format!("{}/invite/…", &path[..at]),
        None => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn invitation_tokens_never_reach_the_log() {
        assert_eq!(loggable_path("/invite/abcDEF123"), "/invite/…");
        assert_eq!(loggable_path("/healthz"), "/healthz");
    }
}
