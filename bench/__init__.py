"""``make bench``: generated schools, measured side by side (see docs/benchmarks.md)."""
