"""Difficult dates: a member names days that may be hard, such as an anniversary of a loss
or a first Christmas. On the day the service checks in gently; if the member chose
to share the date, their groups' leads get a heads-up the evening before, which
names the member but never the date's label.
"""

from __future__ import annotations

import calendar as months
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from domain.errors import FieldIssue
from domain.members import local_date, member_zone
from domain.noticing import calendar
from domain.noticing.errors import NoticingError, NoticingErrorCode
from infra.mongo.repositories.difficult_dates import SlotTakenError
from infra.mongo.repositories.registry import Repositories
from schemas.documents.base import new_id
from schemas.documents.difficult_dates import MAX_PER_MEMBER, DifficultDateDocument
from schemas.documents.members import MemberDocument
from schemas.pagination import Keyset, Page

LABEL_MAX = 60
YEARS_AHEAD_MAX = 10
_SLOT_ATTEMPTS = 3


@dataclass(frozen=True)
class DifficultDateDraft:
    label: str
    month: int
    day: int
    year: int | None = None
    share_with_leads: bool = False


def rule_of(item: DifficultDateDocument) -> calendar.DateRule:
    return calendar.DateRule(month=item.month, day=item.day, year=item.year)


async def add_difficult_date(
    *, repos: Repositories, member: MemberDocument, draft: DifficultDateDraft, now: datetime
) -> DifficultDateDocument:
    """Record a date (at most 20 each); nothing is written if anything is invalid."""
    label = clean_label(draft.label)
    zone = member_zone(member)
    _raise_if_any(draft_issues(draft, label, today=local_date(now, zone)))
    rule = calendar.DateRule(month=draft.month, day=draft.day, year=draft.year)
    check_in = calendar.first_check_in(rule, zone, now)
    heads_up = calendar.first_heads_up(rule, now) if draft.share_with_leads else None
    for _attempt in range(_SLOT_ATTEMPTS):  # another add may take the same free slot: read again
        item = DifficultDateDocument(
            id=new_id(), member_id=member.id, slot=await _free_slot(repos, member.id), label=label,
            month=draft.month, day=draft.day, year=draft.year, month_day=f"{draft.month:02d}-{draft.day:02d}",
            share_with_leads=draft.share_with_leads, created_at=now,
            check_in_on=check_in[0] if check_in else None, next_check_in_at=check_in[1] if check_in else None,
            heads_up_on=heads_up[0] if heads_up else None, next_heads_up_at=heads_up[1] if heads_up else None,
        )  # fmt: skip
        try:
            await repos.difficult_dates.insert(item)
        except SlotTakenError:
            continue
        return item
    raise _too_many()


async def remove_difficult_date(*, repos: Repositories, member: MemberDocument, date_id: str) -> None:
    """Forget one of the member's dates; another member's id is NOT_FOUND, like a made-up one."""
    if not await repos.difficult_dates.delete_for_member(member.id, date_id):
        raise NoticingError(NoticingErrorCode.NOT_FOUND, "There is no such date in your list.")


async def my_difficult_dates(
    *, repos: Repositories, member: MemberDocument, first: int, after: Keyset | None
) -> Page[DifficultDateDocument]:
    """The member's own dates, through the year from January."""
    return await repos.difficult_dates.page_for_member(member.id, first=first, after=after)


def clean_label(raw: str) -> str:
    """NFC, no control characters, single spaces."""
    text = "".join(c for c in unicodedata.normalize("NFC", raw) if not unicodedata.category(c).startswith("C"))
    return " ".join(text.split())


def draft_issues(draft: DifficultDateDraft, label: str, *, today: date) -> list[FieldIssue]:
    """Every rule the draft breaks; `today` is the member's local date."""
    issues: list[FieldIssue] = []
    if not 1 <= len(label) <= LABEL_MAX:
        issues.append(_issue("label", NoticingErrorCode.LABEL_LENGTH, f"Use 1 to {LABEL_MAX} characters."))
    if not 1 <= draft.month <= 12:
        return [*issues, _issue("month", NoticingErrorCode.MONTH_INVALID, "Choose a month from 1 to 12.")]
    if draft.year is not None and not today.year <= draft.year <= today.year + YEARS_AHEAD_MAX:
        return [*issues, _year_range_issue(draft.year, today)]
    # 29 February is a date every year (kept on the 28th in other years) unless a year says otherwise.
    longest = months.monthrange(draft.year if draft.year is not None else 2000, draft.month)[1]
    if not 1 <= draft.day <= longest:
        return [*issues, _issue("day", NoticingErrorCode.DAY_INVALID, f"That month has days 1 to {longest}.")]
    if draft.year is not None and date(draft.year, draft.month, draft.day) < today:
        issues.append(_year_range_issue(today.year - 1, today))
    return issues


def _year_range_issue(year: int, today: date) -> FieldIssue:
    if year < today.year:
        message = "That day has passed. Leave the year out for a date that comes round every year."
        return _issue("year", NoticingErrorCode.YEAR_PAST, message)
    return _issue("year", NoticingErrorCode.YEAR_TOO_FAR, f"Choose a day in the next {YEARS_AHEAD_MAX} years.")


async def _free_slot(repos: Repositories, member_id: str) -> int:
    used = await repos.difficult_dates.used_slots(member_id)
    free = next((slot for slot in range(MAX_PER_MEMBER) if slot not in used), None)
    if free is None:
        raise _too_many()
    return free


def _too_many() -> NoticingError:
    message = f"You can keep up to {MAX_PER_MEMBER} dates. Remove one to add another."
    return NoticingError(NoticingErrorCode.TOO_MANY, message)


def _issue(field: str, code: NoticingErrorCode, message: str) -> FieldIssue:
    return FieldIssue(field=field, code=code, message=message)


def _raise_if_any(issues: list[FieldIssue]) -> None:
    if issues:
        raise NoticingError.from_issues(issues)
