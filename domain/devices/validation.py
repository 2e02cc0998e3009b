"""Checks on what the app tells us about a phone; each failure is a FieldIssue."""

from __future__ import annotations

import re

from domain.devices.errors import DeviceErrorCode
from domain.errors import FieldIssue

TOKEN_MAX = 4_096
# FCM tokens are printable ASCII without spaces (letters, digits, ':', '-', '_').
_TOKEN = re.compile(rf"[\x21-\x7e]{{1,{TOKEN_MAX}}}")
# A BCP 47 tag as phones report it: "en", "en-GB", "cy-GB", "zh-Hant-TW" (or with underscores).
_LOCALE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}")


def token_issues(token: str) -> list[FieldIssue]:
    if _TOKEN.fullmatch(token) is None:
        return [FieldIssue("token", DeviceErrorCode.TOKEN_INVALID, "This is not a push token from the app.")]
    return []


def locale_issues(locale: str) -> list[FieldIssue]:
    if _LOCALE.fullmatch(locale) is None:
        return [FieldIssue("locale", DeviceErrorCode.LOCALE_INVALID, "Use a language tag such as en-GB or cy.")]
    return []
