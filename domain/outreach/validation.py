"""Checks on what someone writes in a thread and the app's key for it; each failure is a FieldIssue."""

from __future__ import annotations

import hashlib
import unicodedata

from domain.errors import FieldIssue
from domain.outreach.errors import OutreachError, OutreachErrorCode

BODY_MAX = 2_000
NOTE_MAX = 1_000
KEY_LENGTH = (8, 128)
_ALLOWED_CONTROLS = {"\n", "\t"}
# Control characters and lone surrogates; format characters (Cf) stay, as emoji need the zero-width joiner.
_REFUSED_CATEGORIES = {"Cc", "Cs"}


def clean_text(raw: str) -> str:
    """NFC-normalised, trimmed, with Windows line breaks made plain."""
    return unicodedata.normalize("NFC", raw.replace("\r\n", "\n")).strip()


def text_issues(
    field: str, text: str, *, limit: int, codes: tuple[OutreachErrorCode, OutreachErrorCode], required: bool
) -> list[FieldIssue]:
    """`codes`: for the length, then for the characters."""
    if len(text) > limit or (required and not text):
        low = 1 if required else 0
        return [FieldIssue(field, codes[0], f"Write {low} to {limit:,} characters.")]
    if any(unicodedata.category(char) in _REFUSED_CATEGORIES and char not in _ALLOWED_CONTROLS for char in text):
        return [FieldIssue(field, codes[1], "Remove the control characters.")]
    return []


def checked_body(raw: str) -> str:
    """The message's words, cleaned, or OutreachError."""
    body = clean_text(raw)
    codes = (OutreachErrorCode.BODY_LENGTH, OutreachErrorCode.BODY_CHARACTERS)
    if issues := text_issues("body", body, limit=BODY_MAX, codes=codes, required=True):
        raise OutreachError.from_issues(issues)
    return body


def checked_key(key: str) -> str:
    low, high = KEY_LENGTH
    if not low <= len(key) <= high or not key.isascii() or not key.isprintable() or " " in key:
        message = f"Send {low} to {high} visible ASCII characters, such as a UUID made when the message was."
        raise OutreachError.from_issues([FieldIssue("clientKey", OutreachErrorCode.CLIENT_KEY_INVALID, message)])
    return key


def fingerprint(author_id: str, body: str) -> str:
    """What a retry under the same key must match: the same author and words."""
    return hashlib.sha256(f"{author_id}\x00{body}".encode()).hexdigest()
