"""Settings shared by the tests and the benchmarks."""

from __future__ import annotations

from infra.settings import RateLimitSettings

# One API called from one address by many members: buckets too large to empty, though the
# limiter still runs (one Redis call per request), as in production. The rate-limit tests serve
# their own app with small buckets (tests/api/graphql/execution/test_rate_limits.py).
UNLIMITED = RateLimitSettings(
    member_burst=1_000_000,
    member_per_minute=1_000_000,
    ip_burst=1_000_000,
    ip_per_minute=1_000_000,
    sensitive_burst=1_000_000,
    sensitive_per_minute=1_000_000,
    guessable_burst=1_000_000,
    guessable_per_minute=1_000_000,
)
