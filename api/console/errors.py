"""What a console request can be refused with; `api/console/router.py` answers each as a page."""

from __future__ import annotations


class SignInNeededError(Exception):
    """No session, or one that no longer counts (expired, revoked, another project's): sign in again."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NotForYouError(Exception):
    """Signed in, but this screen or action is not for this person (403)."""


class NotFoundPageError(Exception):
    """Missing, or not visible to this person: the two look the same (404), as in GraphQL (GQL-12)."""


class CsrfRefusedError(Exception):
    """A form without the browser's CSRF token (403): nothing was done."""


class RateLimitedPageError(Exception):
    """Too many requests from this person or address (429, with Retry-After)."""

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(retry_after_seconds)
        self.retry_after_seconds = retry_after_seconds
