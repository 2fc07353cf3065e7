#!/usr/bin/env bash
# Every test, in three layers: native cargo tests, browser tests (wasm-bindgen-test in headless
# Chromium), and end-to-end Playwright tests against the release build on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

printf '\n== native tests (cargo test)\n'
cargo test --locked

printf '\n== browser tests (wasm-bindgen-test, headless Chromium)\n'
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=120
cargo test --locked --target wasm32-unknown-unknown --test browser

printf '\n== release build\n'
rm -rf dist
if ! trunk build --release --locked > target/trunk-release.log 2>&1; then
  tail -40 target/trunk-release.log
  exit 1
fi
scripts/sizes.sh

printf '\n== end-to-end tests (Playwright, release build)\n'
npx playwright test

printf '\nall test layers passed in %ss\n' "$(( $(date +%s) - started ))"
