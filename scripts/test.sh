#!/usr/bin/env bash
# Every test: a lint of the API contract (docs/openapi.json), then three layers: native cargo
# tests, browser tests (wasm-bindgen-test in headless Chromium), and end-to-end Playwright tests
# against the release build on 127.0.0.1; and Schemathesis against the reference usage API
# (crates/api-server), which the real-HTTP e2e suite also runs against.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

printf '\n== contract lint (Redocly)\n'
# Redocly exits 0 when it finds only warnings, so this lints with recommended-strict (the
# recommended rules, every warning an error) and also fails on a warning in its summary.
# The env keeps it offline: no telemetry, no update check.
if ! lint_out=$(REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true REDOCLY_SUPPRESS_NOTIFICATIONS=true \
      npx redocly lint docs/openapi.json --extends recommended-strict --lint-config error 2>&1) \
   || grep -qE '[0-9]+ warnings?|Your config has' <<<"$lint_out"; then
  printf '%s\n' "$lint_out"
  printf 'the contract docs/openapi.json has lint errors or warnings\n'
  exit 1
fi
grep -E 'validated in|valid\.' <<<"$lint_out" || true

printf '\n== native tests (cargo test: the app, the contract, the engine, its worker and the reference server)\n'
cargo test --workspace --locked

printf '\n== browser tests (wasm-bindgen-test, headless Chromium)\n'
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=120
cargo test --locked --target wasm32-unknown-unknown --test browser

printf '\n== release build\n'
rm -rf dist
scripts/build-release.sh
scripts/sizes.sh

printf '\n== contract test (Schemathesis against the reference usage API)\n'
scripts/schemathesis.sh

printf '\n== end-to-end tests (Playwright, release build; demo in its worker, HTTP stubs, the reference API)\n'
npx playwright test

printf '\nall test layers passed in %ss\n' "$(( $(date +%s) - started ))"
