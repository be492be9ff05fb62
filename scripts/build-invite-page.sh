#!/usr/bin/env bash
# Builds the invite pages' own WASM (crates/invite-page) into the site's pkg folder, beside
# the app's bundle: wasm-bindgen's ES module, wasm-opt for size, then brotli and gzip copies
# at maximum levels (served as is, like cargo-leptos's --precompress). See README, "Page weight".
#   scripts/build-invite-page.sh [release|dev]
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-release}
pkg=${SITE_ROOT:-target/site}/pkg
target_dir=${CARGO_TARGET_DIR:-target}
case $mode in
  release) profile=wasm-release ;;
  dev) profile=dev ;;
  *) echo "usage: $0 [release|dev]" >&2; exit 2 ;;
esac

cargo build -p invite-page --lib --target wasm32-unknown-unknown --profile "$profile"
out=$profile
[ "$profile" = dev ] && out=debug
mkdir -p "$pkg"
wasm-bindgen --target web --no-typescript --out-dir "$pkg" --out-name invite-page \
  "$target_dir/wasm32-unknown-unknown/$out/invite_page.wasm"
if [ "$mode" = release ]; then
  # The features rustc's wasm32 target emits by default.
  wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
    --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
    "$pkg/invite-page_bg.wasm" -o "$pkg/invite-page_bg.wasm"
fi
node scripts/precompress.mjs "$pkg/invite-page.js" "$pkg/invite-page_bg.wasm"
echo "invite page: $(wc -c < "$pkg/invite-page_bg.wasm") bytes of WASM, $(wc -c < "$pkg/invite-page_bg.wasm.br") brotli"
