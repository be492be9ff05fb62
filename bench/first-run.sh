#!/usr/bin/env bash
# Times `make run` as on a new machine: a new HOME (no cargo registry, no installed tools, no
# npm cache, an empty target dir) and a fresh clone of this repository's HEAD, with only the
# machine's Rust toolchain (rustup) and its registry settings. Prints the seconds until
# /login answers, then the phases from the log; the server keeps running until you stop it
# (kill %1 or pkill -f first-run). docs/first-run.md has the results.
#   bench/first-run.sh [FOLDER]   (default /tmp/first-run; deleted first)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-/tmp/first-run}
rm -rf "$dir"
mkdir -p "$dir/home/.cargo/bin"
for tool in cargo rustc rustup rustfmt cargo-fmt cargo-clippy clippy-driver rustdoc; do
  ln -s "$(command -v rustup)" "$dir/home/.cargo/bin/$tool"
done
# The machine's registry settings (a mirror, its certificate), not anything built.
[ -f "$HOME/.npmrc" ] && cp "$HOME/.npmrc" "$dir/home/.npmrc"
git clone -q "$repo" "$dir/repo"
cd "$dir/repo"
echo "make run on a new machine: $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD)"
start=$(date +%s)
env -i HOME="$dir/home" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" \
  PATH="$dir/home/.cargo/bin:/usr/local/bin:/usr/bin:/bin" TERM=dumb LANG=C.UTF-8 \
  ${NODE_EXTRA_CA_CERTS:+NODE_EXTRA_CA_CERTS="$NODE_EXTRA_CA_CERTS"} \
  ${SSL_CERT_FILE:+SSL_CERT_FILE="$SSL_CERT_FILE"} \
  make run > "$dir/run.log" 2>&1 &
server=$!
until curl -sf -o /dev/null http://127.0.0.1:3000/login; do
  kill -0 "$server" 2>/dev/null || { echo "make run stopped; see $dir/run.log" >&2; exit 1; }
  sleep 2
done
echo "serving after $(( $(date +%s) - start )) s"
grep -E "==>|Finished|Installed|for front in" "$dir/run.log" || true
