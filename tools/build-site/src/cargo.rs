//! The cargo builds: asked for exactly as cargo-leptos asks for them (packages, features,
//! profiles, target dirs, RUSTFLAGS and LEPTOS_* variables, from the app's
//! `[package.metadata.leptos]`), so either tool finds the other's builds fresh.

use crate::Paths;
use crate::run;
use anyhow::Result;
use std::path::PathBuf;
use std::process::Command;

pub const APP_PACKAGE: &str = "staff-onboarding";
/// `output-name`: the file names under pkg/ that leptos's hydration script loads.
pub const OUTPUT_NAME: &str = "staff-onboarding";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// `always-erase-components`, in both builds: the server's HTML must match what the WASM
/// hydrates.
const ERASE: &str = "--cfg erase_components";

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Release,
    Dev,
}

/// What cargo-leptos exports to both builds; leptos reads LEPTOS_OUTPUT_NAME when it compiles.
fn leptos_env(command: &mut Command) {
    command.envs([
        ("LEPTOS_OUTPUT_NAME", OUTPUT_NAME),
        ("LEPTOS_SITE_ROOT", crate::site::SITE_ROOT),
        ("LEPTOS_SITE_PKG_DIR", crate::site::PKG_DIR),
        ("LEPTOS_SITE_ADDR", "127.0.0.1:3000"),
        ("LEPTOS_RELOAD_PORT", "3001"),
        ("LEPTOS_LIB_DIR", "."),
        ("LEPTOS_BIN_DIR", "."),
        ("LEPTOS_JS_MINIFY", "true"),
        ("LEPTOS_HASH_FILES", "false"),
    ]);
}

fn cargo(paths: &Paths) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or("cargo".into()));
    command.current_dir(&paths.root);
    command
}

/// The server binary, for release.
pub fn server(paths: &Paths) -> Command {
    let mut command = cargo(paths);
    command.args(["build", "--package", APP_PACKAGE, "--bin", APP_PACKAGE]);
    command.args(["--no-default-features", "--features=ssr", "--release"]);
    command.arg("--target-dir").arg(&paths.target).env("RUSTFLAGS", ERASE);
    leptos_env(&mut command);
    command
}

/// The app's hydrating WASM, linked with its relocations kept so that it can be split per
/// route. Returns the built module.
pub fn app_wasm(paths: &Paths) -> Result<PathBuf> {
    let mut command = cargo(paths);
    command.args(["build", "--package", APP_PACKAGE, "--lib", "--target", WASM_TARGET]);
    command.args(["--no-default-features", "--features=hydrate", "--profile=wasm-release"]);
    command.arg("--target-dir").arg(&paths.front_target);
    command.env("RUSTFLAGS", format!("-Clink-args=--emit-relocs {ERASE}"));
    leptos_env(&mut command);
    run(command, "the app's WASM build")?;
    Ok(paths.front_target.join(WASM_TARGET).join("wasm-release/staff_onboarding.wasm"))
}

/// The light pages' WASM (crates/light-pages). Returns the built module.
pub fn light_pages_wasm(paths: &Paths, mode: Mode) -> Result<PathBuf> {
    let (profile, folder) = match mode {
        Mode::Release => ("wasm-release", "wasm-release"),
        Mode::Dev => ("dev", "debug"),
    };
    let mut command = cargo(paths);
    command.args(["build", "--package", "light-pages", "--lib", "--target", WASM_TARGET]);
    command.args(["--profile", profile]).arg("--target-dir").arg(&paths.front_target);
    run(command, "the light pages' WASM build")?;
    Ok(paths.front_target.join(WASM_TARGET).join(folder).join("light_pages.wasm"))
}
