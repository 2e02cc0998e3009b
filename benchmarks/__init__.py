"""Performance and scale benchmarks (issue 8): `python -m benchmarks` writes `benchmarks/results/<date>.md`."""
