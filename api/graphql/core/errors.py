"""Errors the API shows as they are; every other exception is masked; and the one rule of which
channel a refusal takes.

The rule (README, "The API contract"): a refusal the member can act on is the mutation's own
typed error (`XError.code`), never a top-level error with `data: null`. That is every expected
business failure (`error_fields` builds it from the domain error) and every `RefusalError` below:
something the caller may see but not do (NOT_PERMITTED: not theirs to edit, not their role
there) and their own account waiting to be deleted (ACCOUNT_DELETION_PENDING). `TypedRefusals`,
on every mutation, turns a `RefusalError` into that typed error. Top-level errors, with
`extensions.code`, are left for `TOP_LEVEL_CODES`: who is calling (authentication, a profile
not made yet, a staff-only field without the staff claim), limits and malformed requests, and
true not-found (another's object looks exactly like a missing one). A query has no typed
error, so there a `RefusalError` is top-level too (FORBIDDEN, ACCOUNT_DELETION_PENDING).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from enum import Enum, StrEnum
from typing import Any, ClassVar, TypeVar

from graphql import GraphQLError
from strawberry.extensions import FieldExtension
from strawberry.types.field import StrawberryField
from strawberry.types.union import StrawberryUnion

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


class RefusalCode(StrEnum):
    """Refusals the member can act on; a mutation's error code enum holds those it can meet,
    under the same names.
    """

    NOT_PERMITTED = "not_permitted"
    ACCOUNT_DELETION_PENDING = "account_deletion_pending"


class RefusalError(PublicError):
    """A refusal the member can act on: the mutation's typed error (see the module's rule);
    top-level only in a query.
    """

    refusal: ClassVar[RefusalCode]


class AccountDeletionPendingError(RefusalError):
    """The member asked to delete their account: only accountRestore (and public fields) work until then."""

    code = "ACCOUNT_DELETION_PENDING"
    refusal = RefusalCode.ACCOUNT_DELETION_PENDING


class ActionNotPermittedError(RefusalError):
    """The caller can see the object but may not do this to it (not the author, not their role there)."""

    code = "FORBIDDEN"
    refusal = RefusalCode.NOT_PERMITTED


class ForbiddenError(PublicError):
    """A staff-only field called without the staff claim: who is calling, so always top-level."""

    code = "FORBIDDEN"


class NotFoundError(PublicError):
    """Missing and not-yours look the same (GQL-12)."""

    code = "NOT_FOUND"

    def __init__(self, message: str = "Not found.") -> None:
        super().__init__(message)


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


# The codes a mutation may answer at the top level (the rule above); anything else is typed.
TOP_LEVEL_CODES = frozenset({
    UnauthenticatedError.code, OnboardingRequiredError.code, ForbiddenError.code, NotFoundError.code,
    RateLimitedError.code, ListTooLongError.code, TextNotUnicodeError.code,
    PersistedQueryNotFoundError.code, PersistedQueryNotInListError.code, PersistedQueryMismatchError.code,
    "BAD_USER_INPUT", "PAYLOAD_TOO_LARGE",
})  # fmt: skip


class TypedRefusals(FieldExtension):
    """On every mutation, outermost (so around its permission checks too): a `RefusalError` becomes
    the mutation's typed error, with the code of the same name. A mutation whose code enum lacks
    it raises ValueError, masked like any bug: the schema-wide tests find it first.
    """

    def __init__(self) -> None:
        self._error: type | None = None
        self._codes: type[Enum] | None = None

    def apply(self, field: StrawberryField) -> None:
        self._error, self._codes = _typed_error_of(field)

    def resolve(self, next_: Callable[..., Any], source: Any, info: Any, **kwargs: Any) -> Any:
        try:
            return next_(source, info, **kwargs)
        except RefusalError as refusal:
            return self._typed(refusal)

    async def resolve_async(self, next_: Callable[..., Awaitable[Any]], source: Any, info: Any, **kwargs: Any) -> Any:
        try:
            return await next_(source, info, **kwargs)
        except RefusalError as refusal:
            return self._typed(refusal)

    def _typed(self, refusal: RefusalError) -> Any:
        if self._error is None or self._codes is None:
            raise ValueError("a mutation without a typed error cannot answer a refusal")
        return self._error(code=self._codes(refusal.refusal.value), message=refusal.message, field_errors=[])


def _typed_error_of(field: StrawberryField) -> tuple[type | None, type[Enum] | None]:
    """The `XError` type of a mutation's `XSuccess | XError` result, and its code enum."""
    result = field.type
    members = result.types if isinstance(result, StrawberryUnion) else ()
    errors = [t for t in members if isinstance(t, type) and t.__name__.endswith("Error")]
    if len(errors) != 1:
        return None, None
    fields = errors[0].__strawberry_definition__.fields  # type: ignore[attr-defined]
    codes = next((getattr(f.type, "wrapped_cls", None) for f in fields if f.python_name == "code"), None)
    return errors[0], codes if isinstance(codes, type) and issubclass(codes, Enum) else None


def answer_refusals_typed(root: type) -> type:
    """Put `TypedRefusals` outermost on every field of the mutation root (once: it is idempotent)."""
    for field in root.__strawberry_definition__.fields:  # type: ignore[attr-defined]
        if not any(isinstance(extension, TypedRefusals) for extension in field.extensions):
            field.extensions.append(TypedRefusals())
    return root


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
    """The domain's access errors: a hidden object and a missing one give the same top-level
    NOT_FOUND, word for word (GQL-12); an object the caller may see but not change is a
    `RefusalError` (typed in a mutation, FORBIDDEN in a query).
    """
    try:
        yield
    except HiddenError:
        raise NotFoundError() from None
    except NotPermittedError as error:
        raise ActionNotPermittedError(str(error)) from None
