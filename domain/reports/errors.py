"""Error codes of the reports."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError


class ReportErrorCode(StrEnum):
    PERIOD_FORMAT = "period_format"
    TOO_MANY_GROUPS = "too_many_groups"


class ReportError(DomainError):
    code: ReportErrorCode
