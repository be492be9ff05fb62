#!/usr/bin/env bash
# Builds the light pages' own WASM (crates/light-pages) into public/light-pages/ (not in git),
# from where cargo-leptos copies it into the site with the other assets, and with
# `--precompress` writes its brotli and gzip copies. Run it before `cargo leptos build`; under
# `cargo leptos watch`, running it again puts the new build live. See docs/page-weight.md.
#   scripts/build-light-pages.sh [release|dev]
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-release}
out=public/light-pages
target_dir=${CARGO_TARGET_DIR:-target}
case $mode in
  release) profile=wasm-release; built=wasm-release ;;
  dev) profile=dev; built=debug ;;
  *) echo "usage: $0 [release|dev]" >&2; exit 2 ;;
esac

cargo build -p light-pages --lib --target wasm32-unknown-unknown --profile "$profile"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name page \
  "$target_dir/wasm32-unknown-unknown/$built/light_pages.wasm"
if [ "$mode" = release ]; then
  # The features rustc's wasm32 target emits by default.
  wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
    --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
    "$out/page_bg.wasm" -o "$out/page_bg.wasm"
fi
echo "invite page: $(wc -c < "$out/page_bg.wasm") bytes of WASM"
