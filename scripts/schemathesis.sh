#!/usr/bin/env bash
# Schemathesis (PyPI, installed by scripts/setup.sh into target/venv) against the reference usage
# API: every operation of docs/openapi.json, generated valid and invalid requests, every check
# (no 5xx, answers valid against their schemas, invalid requests refused with a 4xx and the
# error shape, the session, forgery and idempotency rules). Starts its own server over dist/ (a
# fresh account, so earlier runs leave nothing behind), signs in, runs, stops the server.
# Prints Schemathesis' own summary; exits non-zero on any failure.
#
#   scripts/schemathesis.sh [max examples per operation, default 100]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
port=${ST_PORT:-4181}
examples=${1:-100}

cargo build --locked --quiet -p api-server
target/debug/api-server --dist dist --port "$port" --seed 42 --today 2026-11-27 > target/schemathesis-server.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -sf "http://127.0.0.1:$port/config.json" >/dev/null && break
  sleep 0.2
done
CREDIT_SESSION=$(curl -sf -i -X POST "http://127.0.0.1:$port/api/v1/dev/sign-in" \
  | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: session=\([^;]*\).*/\1/p')
if [[ -z "$CREDIT_SESSION" ]]; then
  cat target/schemathesis-server.log
  printf 'schemathesis.sh: the reference server did not start or sign in\n' >&2
  exit 1
fi
export CREDIT_SESSION
# A fixed seed: the same requests every run, so CI is repeatable; change it to explore more.
target/venv/bin/st --config-file tests/contract/schemathesis.toml --no-color run docs/openapi.json \
  --url "http://127.0.0.1:$port/api/v1" --max-examples "$examples" --seed 29 \
  > target/schemathesis.log 2>&1 && ok=1 || ok=0
if [[ $ok == 0 ]]; then
  cat target/schemathesis.log
  printf 'schemathesis.sh: the reference server broke the contract (target/schemathesis.log)\n' >&2
  exit 1
fi
# The summary: operations, phases, warnings and the closing line.
sed -n '/= SUMMARY =/,$p' target/schemathesis.log
