"""Benchmarks: `make bench` (build.py) and `make lighthouse` (lighthouse.py); see RESULTS.md."""
