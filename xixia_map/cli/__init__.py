"""Command line: `xixia-map` (window), `layers`, `check`, `export`."""
