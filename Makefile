.PHONY: serve test release serve-api bench-mock bench-dashboard screenshots

# Build and serve the app in mock-data mode on http://127.0.0.1:8080.
serve:
	scripts/serve.sh

# Install what is missing, then run every test (native, browser, end to end).
test:
	scripts/test.sh

# Release build into dist/ (the product's page and the gallery's), with sizes.
release:
	scripts/setup.sh
	scripts/build-release.sh
	scripts/sizes.sh

# The reference usage API (crates/api-server) on http://127.0.0.1:8787/api/v1, with the release
# dashboard on the same origin pointed at it. SCENARIO, SEED, TODAY, NOW, FAIL and LATENCY choose
# the account and its faults (README: The reference usage API).
serve-api:
	scripts/setup.sh
	test -f dist/index.html || scripts/build-release.sh
	SCENARIO="$(SCENARIO)" SEED="$(SEED)" TODAY="$(TODAY)" NOW="$(NOW)" FAIL="$(FAIL)" LATENCY="$(LATENCY)" \
		cargo run --locked -p api-server -- --dist dist --port 8787
