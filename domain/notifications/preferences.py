"""The member's say over pushes and over what the service notices: reminders and nudges,
whether their leads may be told they have gone quiet, whether leads may start a conversation
with them, quiet hours, a daily cap, a break.

Defaults come from the member's age at onboarding (`domain/members/policies.py`)
and are stored: from then on only the member changes them. A member who turns
18 keeps the choices they have (nothing flips on by itself), and an under-18
turns anything on with the same single call as anyone else, never prompted to.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from domain.errors import FieldIssue
from domain.members import may_tell_leads, parse_clock
from domain.notifications.errors import NotificationError, NotificationErrorCode
from infra.mongo.repositories.registry import Repositories
from schemas.commands import KEEP, given
from schemas.documents.members import MemberDocument, Preferences, PreferencesUpdate

DAILY_PUSH_CAP_MAX = 10
LONGEST_BREAK = timedelta(days=365)


async def set_preferences(
    *, repos: Repositories, member: MemberDocument, changes: PreferencesUpdate, end_break: bool = False, now: datetime
) -> Preferences:
    """Change the given preferences, or end the break (nothing is written if any is invalid); held pushes
    are decided again.
    """
    issues = _issues(changes, end_break, now)
    if issues:
        raise NotificationError.from_issues(issues)
    if end_break:
        changes = replace(changes, on_break_until=None)
    if not given(changes):
        raise NotificationError(NotificationErrorCode.NOTHING_TO_UPDATE, "Nothing to change was given.")
    updated = await repos.members.update_preferences(member.id, changes, now=now)
    if updated is None:  # the member was deleted meanwhile: nothing of theirs to hold
        return member.preferences
    await repos.notifications.make_deferred_due(member.id, now=now)
    if changes.let_leads_know_when_quiet is not KEEP or changes.on_break_until is not KEEP:  # a break begun or ended
        allowed = may_tell_leads(updated, now)
        await _quiet_consent_changed(repos=repos, member_id=member.id, may_tell_leads=allowed, now=now)
    return updated.preferences


def _issues(changes: PreferencesUpdate, end_break: bool, now: datetime) -> list[FieldIssue]:
    issues: list[FieldIssue] = []
    for field, value in (("quietHoursStart", changes.quiet_hours_start), ("quietHoursEnd", changes.quiet_hours_end)):
        if value is not KEEP and parse_clock(value) is None:
            issues.append(_issue(field, NotificationErrorCode.QUIET_HOURS_INVALID, "Use a 24-hour time such as 21:00."))
    cap = changes.daily_push_cap
    if cap is not KEEP and not 0 <= cap <= DAILY_PUSH_CAP_MAX:
        message = f"Choose 0 to {DAILY_PUSH_CAP_MAX} a day (0 keeps everything but safety messages to the app)."
        issues.append(_issue("dailyPushCap", NotificationErrorCode.DAILY_PUSH_CAP_RANGE, message))
    if isinstance(changes.on_break_until, datetime):
        issues += _break_issues(changes.on_break_until, now)
    if end_break and changes.on_break_until is not KEEP:
        message = "Either take a break until a time or end the break, not both."
        issues.append(_issue("endBreak", NotificationErrorCode.BREAK_CHOICE_CONFLICT, message))
    return issues


def _break_issues(until: datetime, now: datetime) -> list[FieldIssue]:
    if until.tzinfo is None or until.utcoffset() is None:
        message = "Give the time with its offset, such as 2026-01-31T09:00:00+00:00."
        return [_issue("onBreakUntil", NotificationErrorCode.ON_BREAK_UNTIL_INVALID, message)]
    if until <= now:
        return [_issue("onBreakUntil", NotificationErrorCode.ON_BREAK_UNTIL_PAST, "A break ends in the future.")]
    if until > now + LONGEST_BREAK:
        message = "A break can last up to a year; you can take another after it."
        return [_issue("onBreakUntil", NotificationErrorCode.ON_BREAK_UNTIL_TOO_FAR, message)]
    return []


def _issue(field: str, code: NotificationErrorCode, message: str) -> FieldIssue:
    return FieldIssue(field=field, code=code, message=message)


async def _quiet_consent_changed(*, repos: Repositories, member_id: str, may_tell_leads: bool, now: datetime) -> None:
    """What the service notices follows the member's say at once (domain/noticing): consent
    withdrawn or a break begun, leads stop seeing the member as quiet; consent given or a break
    ended, the quiet scan looks at their open episodes again.
    """
    if may_tell_leads:
        await repos.memberships.evaluate_episodes_now(member_id, now=now)
    else:
        await repos.memberships.withdraw_listings(member_id, now=now)
