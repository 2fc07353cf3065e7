#!/usr/bin/env bash
# The release build: dist/ for a static host, in two pages over one set of files.
# - index.html: the product, built without the `gallery` feature, so a visitor of the dashboard
#   loads no gallery code, no gallery stylesheet and no axe-core;
# - gallery.html: the same app with the gallery (DESIGN section 9), which a host serves for
#   /gallery and the paths below it (README: hosting; scripts/serve-dist.mjs does so).
# Each page has its own wasm and glue (content-hashed names, so they sit side by side); the
# stylesheets, the ECharts bundle and config.json are the same files for both. Trunk's log goes
# to target/trunk-release.log; its tail is printed when a build fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
log=target/trunk-release.log
mkdir -p target
: > "$log"

build() {
  if ! "$@" >> "$log" 2>&1; then
    tail -40 "$log"
    printf 'build-release.sh: the release build failed (%s)\n' "$log" >&2
    exit 1
  fi
}

# Trunk empties its dist directory before it writes, so the gallery is built beside it and added
# after. The variables are Trunk's own (its --html-output and --no-default-features); being
# variables, they reach the post-build hook too, which leaves the gallery's checks and stylesheet
# out of the product's page. The product is built last, so the unoptimised module that
# scripts/wasm-crates.mjs reads (target/wasm32-unknown-unknown/release/credit-dash.wasm) is its.
build env TRUNK_BUILD_HTML_OUTPUT=gallery.html trunk build --release --locked --dist target/gallery-dist
build env TRUNK_BUILD_NO_DEFAULT_FEATURES=true trunk build --release --locked --dist dist
cp -R target/gallery-dist/. dist/
printf 'build-release.sh: dist/index.html (the product) and dist/gallery.html (the gallery)\n'
