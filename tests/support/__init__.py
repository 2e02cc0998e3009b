"""Helpers shared by tests (and the benchmarks): the app's operations, a live-feed client,
moments and settings. They import no fixture: those are the pytest plugins in
tests/fixtures/; data builders (members, groups, shares...) are in tests/factories/; the
authorisation matrices' helpers are in tests/security/matrix.py.
"""
