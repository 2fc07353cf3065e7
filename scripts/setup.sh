#!/usr/bin/env bash
# Installs what the build (and, with --browser, the tests) need, from the registries only.
# Idempotent: a tool already present at the right version is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
[[ "${1:-}" == "--browser" ]] && want_browser=1

step() { printf '\n== %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -qx 'trunk 0.21.14'; then
  step "installing trunk 0.21.14 (about 14 minutes on 2 cores, once)"
  cargo install trunk --version 0.21.14 --locked
fi

# The CLI must equal the lock file's wasm-bindgen exactly, or Trunk tries to download one.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb_version\$"; then
  step "installing wasm-bindgen-cli $wb_version (about 3 minutes, once)"
  # Not --locked: the locked webpki-roots is missing from the registry mirror.
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

# npm tools and assets: wasm-opt (binaryen 132), ECharts 5.6.0, Playwright.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f node_modules/.installed-from ]] || [[ "$(cat node_modules/.installed-from)" != "$lock_sum" ]]; then
  step "installing npm packages"
  npm ci --no-audit --no-fund
  echo "$lock_sum" > node_modules/.installed-from
fi

if [[ $want_browser == 1 ]]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    step "installing Chromium and ChromeDriver from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi

if [[ ! -f target/.fetched-from ]] || [[ "$(cat target/.fetched-from)" != "$(sha256sum Cargo.lock | cut -d' ' -f1)" ]]; then
  step "fetching crates"
  cargo fetch --locked
  mkdir -p target
  sha256sum Cargo.lock | cut -d' ' -f1 > target/.fetched-from
  cargo fetch --locked --target wasm32-unknown-unknown
fi

# Schemathesis (PyPI) for the contract test against the reference server, in a virtual
# environment of the project's own (scripts/schemathesis.sh); with it, Python and curl.
if [[ $want_browser == 1 ]]; then
  if ! command -v python3 >/dev/null || ! python3 -c 'import venv, ensurepip' 2>/dev/null || ! command -v curl >/dev/null; then
    step "installing Python's venv and curl from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq python3 python3-venv curl >/dev/null
  fi
  if ! target/venv/bin/st --version 2>/dev/null | grep -q ' 4\.32\.5$'; then
    step "installing Schemathesis 4.32.5 into target/venv"
    rm -rf target/venv
    mkdir -p target
    python3 -m venv target/venv
    target/venv/bin/pip install --quiet --disable-pip-version-check 'schemathesis==4.32.5'
  fi
fi
