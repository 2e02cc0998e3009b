"""Helpers shared by tests: plain functions and classes, no fixtures (those are the pytest
plugins in tests/fixtures/); data builders are in tests/factories/.
"""
