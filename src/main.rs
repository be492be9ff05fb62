//! The `staff-onboarding` command: all of it lives in the library's `server::cli`.

#[cfg(feature = "ssr")]
fn main() -> std::process::ExitCode {
    staff_onboarding::server::cli::run()
}

#[cfg(not(feature = "ssr"))]
fn main() {
    // The binary is only built with `--features ssr`; the browser build uses the library.
}
