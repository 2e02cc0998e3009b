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
