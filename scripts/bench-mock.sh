#!/usr/bin/env bash
# Prints the mock engine's time per query on the `large` scenario: natively, then as wasm in
# headless Chromium. Targets: under 5 ms natively, under 20 ms in wasm.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser >/dev/null
export PATH="$HOME/.cargo/bin:$PATH" CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=300
cargo run --quiet --release --example bench_mock
cargo test --release --target wasm32-unknown-unknown --test bench_browser -- --include-ignored --nocapture 2>&1 \
  | grep -E '^(mock engine|endpoint|balance|summary|timeseries|copilot|flows|flow-actions|ai-pilots|events|directory)'
