# staff-onboarding: `make run` sets up and serves the app; `make test` runs every test.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

# Build output lives outside the clone, so fresh clones (and CI) reuse earlier builds.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/staff-onboarding/target
export TOOLS_DIR ?= $(HOME)/.cache/staff-onboarding/tools
# Our pinned wasm-opt comes first: an older one on the PATH would silently break hydration.
export PATH := $(TOOLS_DIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# The Postgres half of the contract suite; see README, "Deploying".
export TEST_DATABASE_URL ?= postgres://postgres:postgres@127.0.0.1:5432/postgres

SITE_ROOT := $(CURDIR)/target/site

.PHONY: run dev test setup setup-dev setup-e2e setup-fuzz setup-nginx setup-bench setup-lighthouse lint fmt check-wasm-deps test-rust build-release e2e reliability fuzz page-weight bench migrate

## run: install what is missing, build in release mode, serve on 127.0.0.1:3000 with SQLite
run: build-release
	LEPTOS_SITE_ROOT=$(SITE_ROOT) $(SERVER_BIN) serve

## dev: rebuild and reload on every change (after changing crates/light-pages, run
## scripts/build-site.sh light-pages dev: the watcher then copies the new build into the site)
dev: setup-dev
	scripts/build-site.sh light-pages dev
	cargo leptos watch

## test: formatting, lints, the WASM dependency check, Rust tests on SQLite and Postgres, browser
## tests, the reliability suite and a bounded fuzzing run
test: setup setup-e2e lint check-wasm-deps test-rust e2e reliability fuzz

setup:
	@scripts/ensure-tools.sh build

setup-dev:
	@scripts/ensure-tools.sh dev

setup-e2e:
	@scripts/ensure-tools.sh e2e

setup-fuzz:
	@scripts/ensure-tools.sh fuzz

setup-nginx:
	@scripts/ensure-tools.sh nginx

lint:
	cargo fmt --all --check
	cargo clippy --all-targets --features ssr -- -D warnings
	cargo clippy -p staff-onboarding-domain --all-targets -- -D warnings
	cargo clippy -p light-pages --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p build-site -- -D warnings
	cargo clippy --features ssr --test reliability -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --features hydrate -- -D warnings

fmt:
	cargo fmt --all

check-wasm-deps:
	@scripts/check-wasm-deps.sh

test-rust:
	cargo test -p staff-onboarding-domain
	cargo test -p build-site --profile tools
	cargo test --features ssr

# The server binary built with the site (its HTML must match the WASM), kept apart: `cargo bench`
# and `cargo test --release` would overwrite target/release/staff-onboarding with their own.
SERVER_BIN := $(CARGO_TARGET_DIR)/site-server/staff-onboarding

# What `cargo leptos build --release --split --precompress` builds (the WASM split per lazy
# route, every file precompressed at maximum brotli and gzip levels), by our own small tool:
# docs/first-run.md says why.
build-release: setup
	scripts/build-site.sh release
	@# Copied beside it, then renamed over it: a server still running the old binary (a
	@# browser test's, say) would make a plain copy fail with "Text file busy".
	mkdir -p $(dir $(SERVER_BIN))
	cp $(CARGO_TARGET_DIR)/release/staff-onboarding $(SERVER_BIN).new
	mv -f $(SERVER_BIN).new $(SERVER_BIN)

e2e: build-release setup-e2e
	cd end2end && $(RELEASE_SERVER) npm test

RELEASE_SERVER := SERVER_BIN=$(SERVER_BIN) SITE_ROOT=$(SITE_ROOT)

## reliability: fault injection against the release server on SQLite and Postgres, and two
## servers behind nginx (needs root: it stops and starts the local Postgres and mounts a small
## tmpfs); one test at a time
reliability: build-release setup-nginx
	$(RELEASE_SERVER) cargo test --features ssr --test reliability -- --test-threads=1 --nocapture

## fuzz: every target in fuzz/ for FUZZ_SECONDS each (stable Rust: libFuzzer without sanitizers)
FUZZ_SECONDS ?= 30
FUZZ_TARGETS := domain_parsers server_fn_payloads bulk_invite
fuzz: setup-fuzz
	for target in $(FUZZ_TARGETS); do \
	  cargo fuzz run --fuzz-dir fuzz --sanitizer none $$target -- -max_total_time=$(FUZZ_SECONDS) || exit 1; \
	done

## page-weight: brotli/gzip bytes of what the browser loads, and Lighthouse 12's mobile run of the
## setup page and Invites (writes bench/results/page-weight.json and docs/page-weight.md's table)
page-weight: build-release setup-lighthouse
	$(RELEASE_SERVER) node bench/page-weight.mjs

setup-lighthouse:
	@scripts/ensure-tools.sh lighthouse

## bench: every benchmark on SQLite and Postgres, then invitation creation side by side with
## django-invitations (results in bench/results/, summarised in the README);
## BENCH_INVITATIONS=100000 makes the dashboard's quicker, BENCH_SECONDS=20 the invite load's
bench: build-release page-weight setup-bench
	$(RELEASE_SERVER) cargo bench --features ssr
	$(RELEASE_SERVER) bench/peer/side-by-side.sh

setup-bench:
	@scripts/ensure-tools.sh bench

migrate:
	cargo run --features ssr -- migrate
