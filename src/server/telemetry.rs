//! Logging through `tracing`: human-readable by default, JSON lines for log collectors.

use tracing_appender::non_blocking::{NonBlockingBuilder, WorkerGuard};
use tracing_subscriber::{EnvFilter, fmt, prelude::*};

use super::config::LogFormat;

/// Installs the global subscriber. `RUST_LOG` narrows or widens what is logged. Lines are
/// written to stdout by a thread of their own, so a request or the mail sender never waits
/// on the write (nothing is dropped: a full queue makes the logger wait instead). Keep the
/// guard until the process ends: dropping it writes what is still queued.
pub fn init(format: LogFormat) -> WorkerGuard {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(super::config::vars::default_of("RUST_LOG")));
    let (writer, guard) = NonBlockingBuilder::default().lossy(false).finish(std::io::stdout());
    let registry = tracing_subscriber::registry().with(filter);
    let result = match format {
        LogFormat::Pretty => {
            registry.with(fmt::layer().with_target(false).with_writer(writer)).try_init()
        }
        LogFormat::Json => {
            registry.with(fmt::layer().json().flatten_event(true).with_writer(writer)).try_init()
        }
    };
    // A second init (in tests) keeps the first subscriber; that is fine.
    let _ = result;
    guard
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
