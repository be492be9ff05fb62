#!/usr/bin/env bash
# Compiles the app's release builds, server and WASM, exactly as `cargo leptos build --release`
# asks cargo for them (same packages, features, profiles, target dirs, RUSTFLAGS and LEPTOS_*
# variables), so that cargo-leptos later finds them fresh. ensure-tools.sh runs this beside the
# build tools' own installs on a machine that lacks them: the cores the two installs leave idle
# (a long crate, a link) go to the app instead of waiting. Only a head start: should it ever
# drift from what cargo-leptos asks for, cargo-leptos builds again what differs.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${CARGO_TARGET_DIR:=$HOME/.cache/staff-onboarding/target}"
export LEPTOS_OUTPUT_NAME=staff-onboarding LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=. LEPTOS_BIN_DIR=. \
  LEPTOS_JS_MINIFY=true LEPTOS_HASH_FILES=false
RUSTFLAGS="--cfg erase_components" cargo build --package=staff-onboarding \
  --bin=staff-onboarding --no-default-features --features=ssr --release &
server=$!
RUSTFLAGS="-Clink-args=--emit-relocs --cfg erase_components" cargo build \
  --package=staff-onboarding --lib --target-dir="$CARGO_TARGET_DIR/front" \
  --target=wasm32-unknown-unknown --no-default-features --features=hydrate --profile=wasm-release
wait "$server"
