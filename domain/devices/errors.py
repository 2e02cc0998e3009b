"""Error codes of the devices context."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError


class DeviceErrorCode(StrEnum):
    TOKEN_INVALID = "token_invalid"  # noqa: S105 - an error code, not a secret
    LOCALE_INVALID = "locale_invalid"
    NOT_FOUND = "not_found"


class DeviceError(DomainError):
    code: DeviceErrorCode
