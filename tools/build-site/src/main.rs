//! Builds the site the release server serves, as `cargo leptos build --release --split
//! --precompress` would, from the same libraries cargo-leptos and wasm-bindgen wrap, so that a
//! new machine compiles a small tool instead of theirs (docs/first-run.md).
//!
//!   build-site release             the server, the app's split WASM, the light pages, CSS,
//!                                  assets, all precompressed, into target/site
//!   build-site light-pages [dev]   only the light pages' WASM, into public/light-pages (for
//!                                  `cargo leptos watch`, which copies it into its site)
//!
//! Run from the workspace root (scripts/build-site.sh does). It reads CARGO_TARGET_DIR and
//! TOOLS_DIR as the Makefile sets them; wasm-opt, esbuild and lightningcss come from TOOLS_DIR
//! (scripts/ensure-tools.sh installs them).

mod cargo;
mod site;
mod wasm;

use anyhow::{Context, Result, bail};
use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::Instant;

/// Where everything is read and written; one place, so each step names the same folders.
pub struct Paths {
    /// The workspace root.
    pub root: PathBuf,
    /// The server's cargo target dir.
    pub target: PathBuf,
    /// The browser builds' own target dir: cargo-leptos's layout, so `cargo leptos watch`
    /// and this tool share their artefacts.
    pub front_target: PathBuf,
    /// The site the server serves (LEPTOS_SITE_ROOT).
    pub site: PathBuf,
    /// The npm tools' `.bin` folder.
    pub node_bin: PathBuf,
}

impl Paths {
    fn from_env() -> Result<Paths> {
        let root = std::env::current_dir().context("reading the current folder")?;
        if !root.join("tools/build-site").is_dir() {
            bail!("run build-site from the workspace root (scripts/build-site.sh does)");
        }
        let home = PathBuf::from(std::env::var_os("HOME").unwrap_or_default());
        let cache = home.join(".cache/staff-onboarding");
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| cache.join("target"));
        let tools = std::env::var_os("TOOLS_DIR").map(PathBuf::from).unwrap_or(cache.join("tools"));
        Ok(Paths {
            front_target: target.join("front"),
            site: root.join(site::SITE_ROOT),
            node_bin: tools.join("node_modules/.bin"),
            target,
            root,
        })
    }
}

fn main() {
    if let Err(error) = build() {
        eprintln!("build-site: {error:#}");
        std::process::exit(1);
    }
}

fn build() -> Result<()> {
    let paths = Paths::from_env()?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["release"] => release(&paths),
        ["light-pages"] | ["light-pages", "release"] => {
            wasm::light_pages(&paths, cargo::Mode::Release)
        }
        ["light-pages", "dev"] => wasm::light_pages(&paths, cargo::Mode::Dev),
        _ => bail!("usage: build-site release | build-site light-pages [release|dev]"),
    }
}

/// The whole release site. The server compiles beside the browser builds, which run one after
/// the other in their own target dir; everything after the compiles takes seconds.
fn release(paths: &Paths) -> Result<()> {
    let started = Instant::now();
    let server = cargo::server(paths).spawn().context("starting cargo for the server")?;
    let front = (|| {
        wasm::light_pages(paths, cargo::Mode::Release)?;
        site::clear(paths)?;
        wasm::app(paths)?;
        site::style(paths)?;
        site::assets(paths)?;
        site::precompress(&paths.site)
    })();
    let server = finish(server, "the server's build");
    front?;
    server?;
    println!("build-site: the site and the server are built, in {:.0?}", started.elapsed());
    Ok(())
}

/// Runs a build step's program, failing with its name when it fails.
pub fn run(mut command: Command, what: &str) -> Result<()> {
    let program = command.get_program().to_string_lossy().into_owned();
    let child = command.spawn().with_context(|| {
        format!("starting {what}: {program} (`make setup` installs the build's tools)")
    })?;
    finish(child, what)
}

pub fn finish(mut child: Child, what: &str) -> Result<()> {
    let status = child.wait().with_context(|| format!("waiting for {what}"))?;
    if !status.success() {
        bail!("{what} failed ({status})");
    }
    Ok(())
}
