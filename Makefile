.PHONY: serve test release bench-mock bench-dashboard screenshots

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
