"""Checks on a check-in as the app sends it; each broken rule is a FieldIssue with its own code."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.checkins.errors import CheckInErrorCode
from domain.clock import to_millisecond
from domain.errors import FieldIssue
from schemas.documents.checkins import CheckInTag, CheckInVisibility

MOOD_RANGE = (1, 5)
ENERGY_RANGE = (1, 5)
NOTE_MAX = 1_000
TAGS_MAX = 5
BACKDATE_MAX = timedelta(days=7)
# Phones' clocks run a little fast: a time this far ahead is read as now, never stored as future.
CLOCK_SKEW = timedelta(minutes=2)
KEY_LENGTH = (8, 128)
_NOTE_CONTROLS_ALLOWED = {"\n", "\t"}
# Control characters and lone surrogates; format characters (Cf) stay, as emoji need the zero-width joiner.
_NOTE_REFUSED_CATEGORIES = {"Cc", "Cs"}


@dataclass(frozen=True)
class CheckInDraft:
    """A check-in as sent: `recorded_at` None means now; `group_id` None means no group."""

    mood: int
    idempotency_key: str
    energy: int | None = None
    note: str | None = None
    tags: Sequence[CheckInTag] = ()
    visibility: CheckInVisibility = CheckInVisibility.PRIVATE
    group_id: str | None = None
    recorded_at: datetime | None = None


def clean_note(raw: str | None) -> str | None:
    """NFC-normalised, trimmed, Windows line ends made plain; None when nothing is left."""
    if raw is None:
        return None
    note = unicodedata.normalize("NFC", raw.replace("\r\n", "\n")).strip()
    return note or None


def key_issues(key: str) -> list[FieldIssue]:
    low, high = KEY_LENGTH
    if not low <= len(key) <= high or not key.isascii() or not key.isprintable() or " " in key:
        message = f"Send {low} to {high} visible ASCII characters, such as a UUID made when the check-in was."
        return [_issue("idempotencyKey", CheckInErrorCode.IDEMPOTENCY_KEY_INVALID, message)]
    return []


def draft_issues(draft: CheckInDraft, note: str | None, *, now: datetime) -> list[FieldIssue]:
    """Every rule the draft breaks (the key is checked first, on its own)."""
    return [
        *_range_issues("mood", draft.mood, MOOD_RANGE, CheckInErrorCode.MOOD_OUT_OF_RANGE),
        *_range_issues("energy", draft.energy, ENERGY_RANGE, CheckInErrorCode.ENERGY_OUT_OF_RANGE),
        *_note_issues(note),
        *_tag_issues(draft.tags),
        *_visibility_issues(draft.visibility, draft.group_id),
        *_recorded_at_issues(draft.recorded_at, now),
    ]


def recorded_time(given: datetime | None, now: datetime) -> datetime:
    """When the check-in happened: the given time (a little ahead is now), else now."""
    if given is None:
        return now
    return min(to_millisecond(given), now)


def fingerprint(draft: CheckInDraft, note: str | None) -> str:
    """A digest of what was sent, to tell a retry (same digest) from a key used again for another check-in."""
    sent = [
        draft.mood, draft.energy, note, sorted(tag.value for tag in draft.tags), draft.visibility.value,
        draft.group_id, draft.recorded_at.isoformat() if draft.recorded_at else None,
    ]  # fmt: skip
    return hashlib.sha256(json.dumps(sent).encode()).hexdigest()


def _range_issues(field: str, value: int | None, bounds: tuple[int, int], code: CheckInErrorCode) -> list[FieldIssue]:
    low, high = bounds
    if value is not None and not low <= value <= high:
        return [_issue(field, code, f"Choose {low} to {high}.")]
    return []


def _note_issues(note: str | None) -> list[FieldIssue]:
    if note is None:
        return []
    if len(note) > NOTE_MAX:
        return [_issue("note", CheckInErrorCode.NOTE_TOO_LONG, f"Keep the note to {NOTE_MAX:,} characters.")]
    if any(unicodedata.category(c) in _NOTE_REFUSED_CATEGORIES and c not in _NOTE_CONTROLS_ALLOWED for c in note):
        return [_issue("note", CheckInErrorCode.NOTE_CHARACTERS, "Use letters, numbers, punctuation and emoji.")]
    return []


def _tag_issues(tags: Sequence[CheckInTag]) -> list[FieldIssue]:
    if len(tags) > TAGS_MAX:
        return [_issue("tags", CheckInErrorCode.TOO_MANY_TAGS, f"Choose up to {TAGS_MAX} tags.")]
    if len(set(tags)) != len(tags):
        return [_issue("tags", CheckInErrorCode.TAGS_REPEATED, "Choose each tag once.")]
    return []


def _visibility_issues(visibility: CheckInVisibility, group_id: str | None) -> list[FieldIssue]:
    if visibility is CheckInVisibility.GROUP and group_id is None:
        message = "Choose the group to share it with, or keep it private."
        return [_issue("visibility", CheckInErrorCode.VISIBILITY_NEEDS_GROUP, message)]
    return []


def _recorded_at_issues(recorded_at: datetime | None, now: datetime) -> list[FieldIssue]:
    if recorded_at is None:
        return []
    if recorded_at.tzinfo is None or recorded_at.utcoffset() is None:
        message = "Give the time with its offset, such as 2026-01-31T09:00:00+00:00."
        return [_issue("recordedAt", CheckInErrorCode.RECORDED_AT_INVALID, message)]
    if recorded_at > now + CLOCK_SKEW:
        return [_issue("recordedAt", CheckInErrorCode.RECORDED_AT_IN_FUTURE, "A check-in can't be in the future.")]
    if recorded_at < now - BACKDATE_MAX:
        message = f"A check-in made offline can be up to {BACKDATE_MAX.days} days old."
        return [_issue("recordedAt", CheckInErrorCode.RECORDED_AT_TOO_OLD, message)]
    return []


def _issue(field: str, code: CheckInErrorCode, message: str) -> FieldIssue:
    return FieldIssue(field=field, code=code, message=message)
