"""Errors the API shows as they are; every other exception is masked.

Top-level errors (authentication, authorisation) carry `extensions.code`.
Expected business failures are not errors here: each mutation returns its
own `XError` type, built from the domain error by `error_fields`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Any, ClassVar, TypeVar

from graphql import GraphQLError

from api.graphql.core.types import FieldError
from domain.errors import DomainError, HiddenError, NotPermittedError

logger = logging.getLogger("api.graphql")
MASKED_MESSAGE = "Unexpected error."
E = TypeVar("E", bound=Enum)


class PublicError(GraphQLError):
    """An error whose message and code are safe to show to the client.

    Raised before execution (a refused request), its `http_status` and
    `http_headers` become the HTTP response's; over the socket they are unused.
    """

    code: ClassVar[str]
    http_status: ClassVar[int] = 200

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message, extensions={"code": self.code, **extensions})

    @property
    def http_headers(self) -> dict[str, str]:
        return {}


class UnauthenticatedError(PublicError):
    code = "UNAUTHENTICATED"


class OnboardingRequiredError(PublicError):
    code = "ONBOARDING_REQUIRED"


class AccountDeletionPendingError(PublicError):
    """The member asked to delete their account: only accountRestore (and public fields) work until then."""

    code = "ACCOUNT_DELETION_PENDING"


class ForbiddenError(PublicError):
    code = "FORBIDDEN"


class NotFoundError(PublicError):
    """Missing and not-yours look the same (GQL-12)."""

    code = "NOT_FOUND"

    def __init__(self, message: str = "Not found.") -> None:
        super().__init__(message)


class ServiceUnavailableError(PublicError):
    code = "SERVICE_UNAVAILABLE"
    http_status = 503


class RateLimitedError(PublicError):
    """Too many requests: `retryAfterSeconds` (and the Retry-After header) say when to try again."""

    code = "RATE_LIMITED"
    http_status = 429

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(
            f"Too many requests. Try again in {retry_after_seconds} s.", retryAfterSeconds=retry_after_seconds
        )
        self.retry_after_seconds = retry_after_seconds

    @property
    def http_headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after_seconds)}


class ListTooLongError(PublicError):
    """A list input longer than its field allows; nothing ran."""

    code = "LIST_TOO_LONG"

    def __init__(self, field: str, max_items: int) -> None:
        super().__init__(f"`{field}` takes at most {max_items} items.", field=field, maxItems=max_items)


class TextNotUnicodeError(PublicError):
    """Text that is not Unicode (a lone surrogate, which JSON's \\u escapes can carry but
    UTF-8 cannot store); nothing ran.
    """

    code = "TEXT_NOT_UNICODE"

    def __init__(self, field: str) -> None:
        super().__init__(f"`{field}` holds text that is not valid Unicode.", field=field)


class PersistedQueryNotFoundError(PublicError):
    """A document id (hash) the allow-list does not hold (Apollo's code, so its clients know it)."""

    code = "PERSISTED_QUERY_NOT_FOUND"
    http_status = 404

    def __init__(self) -> None:
        super().__init__("No operation has this id. Update the app, or send the document.")


class PersistedQueryNotInListError(PublicError):
    """In production, a document that is not in the allow-list (GQL-2)."""

    code = "PERSISTED_QUERY_NOT_IN_LIST"
    http_status = 403

    def __init__(self) -> None:
        super().__init__("Only the app's own operations are accepted.")


class PersistedQueryMismatchError(PublicError):
    """A document id sent with a document whose sha256 is different."""

    code = "PERSISTED_QUERY_MISMATCH"
    http_status = 400

    def __init__(self) -> None:
        super().__init__("The document id is not the sha256 of the document sent with it.")


def should_mask_error(error: GraphQLError) -> bool:
    """Mask execution errors unless public. Errors without a path come from
    parsing, validation or variable coercion: they describe the client's own
    document, so they stay readable (suggestions are switched off elsewhere);
    but an exception that escaped before execution (strawberry wraps it with
    its own text as the message) is ours, and masked.
    """
    original = error.original_error
    if isinstance(original, PublicError):
        return False
    if error.path is not None:
        return True
    return original is not None and not isinstance(original, GraphQLError) and error.message == str(original)


def strip_suggestions(errors: list[GraphQLError]) -> None:
    """Drop every "Did you mean …?" hint: with introspection off they would map
    the schema for a prober (GQL-6). Strawberry's own switch covers fields only.
    """
    for error in errors:
        if "Did you mean" in error.message:
            error.message = error.message.split("Did you mean")[0].strip()


def log_unexpected(errors: list[GraphQLError]) -> None:
    """Log what will be masked, with its traceback; expected errors are not noise."""
    for error in errors:
        if should_mask_error(error):
            logger.error("unexpected error at %s", error.path, exc_info=error.original_error)


def mask_escaped(errors: list[GraphQLError]) -> None:
    """Mask, in place, exceptions that escaped before execution: MaskErrors only
    sees the results of operations that got as far as running.
    """
    for error in errors:
        if error.path is None and should_mask_error(error):
            error.message = MASKED_MESSAGE
            error.extensions = {}


def error_fields(error: DomainError, codes: type[E]) -> dict[str, Any]:
    """The `code`, `message` and `field_errors` of a mutation's error type.

    A domain code that the mutation's enum lacks raises ValueError: a bug,
    masked like any other.
    """
    return {
        "code": codes(error.code.value),
        "message": error.message,
        "field_errors": [
            FieldError(field=issue.field, code=codes(issue.code.value), message=issue.message) for issue in error.issues
        ],
    }


@contextmanager
def access_denials() -> Iterator[None]:
    """The domain's access errors as top-level errors: a hidden object and a missing
    one give the same NOT_FOUND, word for word (GQL-12).
    """
    try:
        yield
    except HiddenError:
        raise NotFoundError() from None
    except NotPermittedError:
        raise ForbiddenError("Your role here doesn't allow that.") from None
