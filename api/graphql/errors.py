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

from api.graphql.types import FieldError
from domain.errors import DomainError, HiddenError, NotPermittedError

logger = logging.getLogger("api.graphql")
E = TypeVar("E", bound=Enum)


class PublicError(GraphQLError):
    """An error whose message and code are safe to show to the client."""

    code: ClassVar[str]

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": self.code})


class UnauthenticatedError(PublicError):
    code = "UNAUTHENTICATED"


class OnboardingRequiredError(PublicError):
    code = "ONBOARDING_REQUIRED"


class ForbiddenError(PublicError):
    code = "FORBIDDEN"


class NotFoundError(PublicError):
    """Missing and not-yours look the same (GQL-12)."""

    code = "NOT_FOUND"

    def __init__(self, message: str = "Not found.") -> None:
        super().__init__(message)


class ServiceUnavailableError(PublicError):
    code = "SERVICE_UNAVAILABLE"


def should_mask_error(error: GraphQLError) -> bool:
    """Mask execution errors unless public. Errors without a path come from
    parsing, validation or variable coercion: they describe the client's own
    document, so they stay readable (suggestions are switched off elsewhere).
    """
    if error.path is None:
        return False
    return not isinstance(error.original_error, PublicError)


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
