#!/usr/bin/env bash
# Prints what a first visit transfers (raw, gzip, brotli per file, and the total) and fails when
# a budget of perf-budget.json is over. See scripts/sizes.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node scripts/sizes.mjs dist
