#!/usr/bin/env bash
# Writes crates/shipped-icu-data/data/: ICU4X's date and number data for the date locales
# the catalogues name (`dates-locale` in locales/*.ftl), and `und` (digits by numbering
# system), taken from the data ICU4X publishes with its crates: no download of CLDR.
# Run it after adding a language, or after moving to a newer ICU4X (then change the
# versions pinned in tools/icu-data-export/Cargo.toml to the app's).
set -euo pipefail
cd "$(dirname "$0")/.."

locales=(und)
for catalogue in locales/*.ftl; do
  locales+=("$(sed -n 's/^dates-locale = *//p' "$catalogue")")
done
target="${CARGO_TARGET_DIR:-$HOME/.cache/staff-onboarding/target}/icu-data-export"
CARGO_TARGET_DIR="$target" cargo build --release --manifest-path tools/icu-data-export/Cargo.toml
rm -rf crates/shipped-icu-data/data
"$target/release/icu-data-export" crates/shipped-icu-data/data "${locales[@]}"
echo "crates/shipped-icu-data/data: ${locales[*]}"
