#!/usr/bin/env bash
# Compiles the site's build tool (tools/build-site; once per machine, about a minute) and runs
# it from the workspace root:
#   scripts/build-site.sh release              everything `make run` serves, into target/site
#   scripts/build-site.sh light-pages [dev]    the light pages' WASM only, into public/light-pages
set -euo pipefail
cd "$(dirname "$0")/.."
: "${CARGO_TARGET_DIR:=$HOME/.cache/staff-onboarding/target}"
export CARGO_TARGET_DIR
cargo build --quiet --package build-site --profile tools
exec "$CARGO_TARGET_DIR/tools/build-site" "$@"
