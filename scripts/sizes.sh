#!/usr/bin/env bash
# Prints the sizes of what the page loads, raw and gzipped.
set -euo pipefail
cd "$(dirname "$0")/.."
printf '%-44s %10s %10s\n' file bytes gzipped
for f in dist/*.wasm dist/*.js dist/*.css; do
  printf '%-44s %10d %10d\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
done
