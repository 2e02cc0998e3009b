"""Rate limits: the console draws on the same buckets as GraphQL (a member's general bucket once
signed in, the client IP's before), so the desk and the app together get one allowance.
"""

from __future__ import annotations

from fastapi import Request

from api.console.errors import RateLimitedPageError
from api.graphql.execution.rate_limits import Subject
from api.runtime import ApiRuntime
from domain.identity import Identity
from infra.rate_limits import Charge, retry_after_seconds


async def charge(request: Request, runtime: ApiRuntime, identity: Identity | None) -> None:
    """One request's charge, or RateLimitedPageError with the seconds to wait."""
    subject = Subject.of(identity, request.client.host if request.client else None)
    rate = subject.rate(runtime.settings.rate_limits)
    wait = await runtime.rate_limits.take([Charge(subject.key, subject.bucket, rate)])
    if wait > 0:
        raise RateLimitedPageError(retry_after_seconds(wait))
