"""Checks on what a member writes in a share or response; each failure is a FieldIssue."""

from __future__ import annotations

import unicodedata

from domain.errors import FieldIssue
from domain.shares.errors import ShareErrorCode
from domain.text import has_visible_text

BODY_MAX = 2_000
_ALLOWED_CONTROLS = {"\n", "\t"}


def clean_body(raw: str) -> str:
    """NFC-normalised, trimmed, with Windows line breaks made plain."""
    return unicodedata.normalize("NFC", raw).replace("\r\n", "\n").strip()


def body_issues(body: str) -> list[FieldIssue]:
    if not 1 <= len(body) <= BODY_MAX:
        message = f"Write 1 to {BODY_MAX:,} characters."
        return [FieldIssue("body", ShareErrorCode.BODY_LENGTH, message)]
    if not has_visible_text(body):
        message = "Write something people can see: invisible characters alone show nothing."
        return [FieldIssue("body", ShareErrorCode.BODY_LENGTH, message)]
    if any(unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS for char in body):
        return [FieldIssue("body", ShareErrorCode.BODY_CHARACTERS, "Remove the control characters.")]
    return []
