#!/usr/bin/env bash
# Builds and serves the app in mock-data mode on http://127.0.0.1:8080 (live reload).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
exec trunk serve --address 127.0.0.1 --port 8080 "$@"
