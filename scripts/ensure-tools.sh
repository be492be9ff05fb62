#!/usr/bin/env bash
# Installs, only when missing or at the wrong version, what building and testing need.
#   ensure-tools.sh build   OpenSSL's headers, the wasm target, and the site build's npm tools:
#                           wasm-opt, esbuild and Lightning CSS (tools/build-site drives them)
#   ensure-tools.sh dev     what `cargo leptos watch` needs besides: cargo-leptos and
#                           wasm-bindgen-cli (a long compile, once; only `make dev` asks for it)
#   ensure-tools.sh e2e     Chromium and the end-to-end test driver
#   ensure-tools.sh postgres  a running Postgres on 127.0.0.1:5432 (used by CI)
#   ensure-tools.sh fuzz    cargo-fuzz (runs on stable Rust with --sanitizer none)
#   ensure-tools.sh nginx   Debian's nginx, for the two-instance reliability test
#   ensure-tools.sh bench   wrk, the load generator of the side-by-side benchmark
#   ensure-tools.sh lighthouse  Lighthouse 12 (13 needs Node 22), for `make page-weight`
set -euo pipefail

CARGO_LEPTOS_VERSION=0.3.10
CARGO_FUZZ_VERSION=0.13.2
WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate pinned in Cargo.toml (and
                               # tools/build-site's wasm-bindgen-cli-support)
LIGHTHOUSE_VERSION=12.2.3
BINARYEN_VERSION=132           # Debian's binaryen 108 silently breaks hydration: never use it
ESBUILD_VERSION=0.28.2
LIGHTNINGCSS_VERSION=1.33.0    # the npm lightningcss-cli package
TOOLS_DIR=${TOOLS_DIR:-$HOME/.cache/staff-onboarding/tools}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

say() { printf '==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1; fi
}

apt_install() {
  if [ -z "${APT_UPDATED:-}" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@"
}

# `make dev`'s tools only drive its watch builds, so they are compiled for a quick build rather
# than top speed: opt-level 0 without link-time optimisation, but opt-level 3 for the few crates
# that do heavy work at every build (the WASM parsers and writers, brotli and gzip).
tool_install() {
  local hot=profile.release.package
  CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_LTO=false \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 CARGO_PROFILE_RELEASE_DEBUG=0 \
    cargo install --config "$hot.brotli.opt-level=3" --config "$hot.miniz_oxide.opt-level=3" \
      --config "$hot.wasmparser.opt-level=3" --config "$hot.wasm-encoder.opt-level=3" \
      --config "$hot.walrus.opt-level=3" --config "$hot.wasm_split_cli_support.opt-level=3" \
      "$@"
}

# The version an npm package installed into TOOLS_DIR says it is, or nothing.
npm_version() {
  node -p "require('$TOOLS_DIR/node_modules/$1/package.json').version" 2>/dev/null || true
}

ensure_build() {
  # The passkeys' relying party (webauthn-rs) links the system's OpenSSL.
  if ! pkg-config --exists openssl 2>/dev/null; then
    say "installing Debian's libssl-dev and pkg-config (for the passkeys' relying party)"
    apt_install libssl-dev pkg-config
  fi
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  # Our own copies, first on the PATH (see the Makefile), whatever else the machine has.
  local wanted=(binaryen@$BINARYEN_VERSION esbuild@$ESBUILD_VERSION
                lightningcss-cli@$LIGHTNINGCSS_VERSION) missing=()
  for package in "${wanted[@]}"; do
    [ "$(npm_version "${package%@*}")" = "${package#*@}" ] || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing ${missing[*]} from npm into $TOOLS_DIR"
    mkdir -p "$TOOLS_DIR"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" "${wanted[@]}"
  fi
}

ensure_dev() {
  ensure_build
  local pids=()
  if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (several minutes, once)"
    tool_install --locked cargo-leptos --version "$CARGO_LEPTOS_VERSION" --features no_downloads &
    pids+=($!)
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
    # Not --locked: one of its locked dependency versions is missing from the registry.
    tool_install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force &
    pids+=($!)
  fi
  for pid in "${pids[@]}"; do wait "$pid"; done
}

ensure_e2e() {
  if [ ! -x /usr/bin/chromium ]; then
    say "installing Debian's chromium"
    apt_install chromium
  fi
  if [ ! -d "$ROOT/end2end/node_modules/playwright-core" ] ||
     [ "$ROOT/end2end/package-lock.json" -nt "$ROOT/end2end/node_modules/.package-lock.json" ]; then
    say "installing the end-to-end test driver (playwright-core)"
    (cd "$ROOT/end2end" && npm ci --silent --no-audit --no-fund)
  fi
}

ensure_fuzz() {
  if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION"
    cargo install --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION"
  fi
}

ensure_nginx() {
  if ! [ -x /usr/sbin/nginx ]; then
    say "installing Debian's nginx"
    apt_install nginx
  fi
}

ensure_lighthouse() {
  ensure_e2e
  if [ "$("$TOOLS_DIR/node_modules/.bin/lighthouse" --version 2>/dev/null)" != "$LIGHTHOUSE_VERSION" ]; then
    say "installing lighthouse@$LIGHTHOUSE_VERSION into $TOOLS_DIR"
    mkdir -p "$TOOLS_DIR"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" "lighthouse@$LIGHTHOUSE_VERSION"
  fi
}

ensure_bench() {
  if ! command -v wrk >/dev/null; then
    say "installing Debian's wrk"
    apt_install wrk
  fi
  if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    say "installing Python's venv module (the side-by-side peer runs in one)"
    apt_install python3-venv
  fi
}

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

ensure_postgres() {
  if pg_up; then return; fi
  if ! command -v pg_ctlcluster >/dev/null; then
    say "installing PostgreSQL"
    apt_install postgresql
  fi
  say "starting PostgreSQL"
  for version in $(ls /etc/postgresql); do
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || { echo "PostgreSQL did not start on 127.0.0.1:5432" >&2; exit 1; }
  # The test URL carries the password "postgres"; trust auth ignores it, password auth needs it.
  as_root su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null || true
}

for what in "$@"; do
  case "$what" in
    build) ensure_build ;;
    dev) ensure_dev ;;
    e2e) ensure_e2e ;;
    postgres) ensure_postgres ;;
    fuzz) ensure_fuzz ;;
    nginx) ensure_nginx ;;
    bench) ensure_bench ;;
    lighthouse) ensure_lighthouse ;;
    *) echo "unknown: $what (build, dev, e2e, postgres, fuzz, nginx, bench or lighthouse)" >&2; exit 2 ;;
  esac
done
