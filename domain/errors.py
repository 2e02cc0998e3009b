"""The base of every expected domain error: a code from the context's enum, a
message a member can read, and the input fields at fault.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Self


@dataclass(frozen=True)
class FieldIssue:
    field: str
    code: StrEnum
    message: str


class DomainError(Exception):
    """An expected failure the API turns into its mutation's typed error."""

    def __init__(self, code: StrEnum, message: str, *, issues: tuple[FieldIssue, ...] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.issues = issues

    @classmethod
    def from_issues(cls, issues: list[FieldIssue]) -> Self:
        first = issues[0]
        return cls(first.code, first.message, issues=tuple(issues))


class AccessError(Exception):
    """The caller may not do this. Not a DomainError: the API shows it as a
    top-level error (`extensions.code`), not as a mutation's typed error.
    """


class HiddenError(AccessError):
    """Missing, or not visible to the caller: the two must look the same (GQL-12)."""


class NotPermittedError(AccessError):
    """The caller can see the object but may not do this to it."""
