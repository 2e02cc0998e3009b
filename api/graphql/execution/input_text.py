"""Text a client sends must be Unicode. JSON's `\\u` escapes can carry a lone
surrogate (half of a UTF-16 pair), which Python accepts as a string but which
no UTF-8 store, log line or hash can take: every write would fail half-way.
Checked once per operation, before anything runs, in every string of the
variables (and every name in them); answered with `TEXT_NOT_UNICODE`. The
document needs no check: graphql-core's lexer refuses a surrogate, raw or escaped.
"""

from __future__ import annotations

from typing import Any

from api.graphql.core.errors import TextNotUnicodeError


def not_unicode(variables: dict[str, Any] | None) -> TextNotUnicodeError | None:
    """The refusal for the first text in the variables that is not valid Unicode, if any."""
    field = _first_invalid(variables or {}, "variables")
    return TextNotUnicodeError(field) if field is not None else None


def _first_invalid(value: Any, field: str) -> str | None:
    """The name of the innermost field holding invalid text (a variable's own name at the top)."""
    if isinstance(value, str):
        return None if _is_unicode(value) else field
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = ((field, item) for item in value)
    else:
        return None
    for name, item in items:
        if not _is_unicode(str(name)):
            return field  # a name that is not text either: the error names what holds it
        found = _first_invalid(item, str(name))
        if found is not None:
            return found
    return None


def _is_unicode(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
