"""A group's rhythm: when it checks in (stored with its next occurrence), and when a member counts as quiet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.errors import FieldIssue
from domain.groups.access import archived_error, authorized, refuse_if_archived
from domain.groups.errors import GroupError, GroupErrorCode
from domain.groups.occurrences import next_occurrence
from domain.groups.policies import GroupAction, Viewer
from domain.groups.validation import issue
from domain.groups.views import GroupView, view_of
from domain.members import parse_clock
from infra.mongo.repositories.registry import Repositories
from schemas.commands import given, or_keep
from schemas.documents.groups import CheckInSchedule, GroupUpdate, QuietPolicyUpdate
from schemas.documents.support_resources import Weekday

MISSED_CHECK_INS_RANGE = (1, 6)
INACTIVE_DAYS_RANGE = (1, 30)
_WEEK = list(Weekday)


@dataclass(frozen=True)
class ScheduleDraft:
    weekdays: Sequence[Weekday]
    local_time: str


async def set_schedule(
    *, repos: Repositories, viewer: Viewer, group_id: str, draft: ScheduleDraft | None, now: datetime
) -> GroupView:
    """Set the days and local time the group checks in (leads), or clear them with None.
    The next occurrence is stored with the rule, for beat's reminder tick.
    """
    group, membership = await authorized(repos, viewer, group_id, GroupAction.SCHEDULE)
    refuse_if_archived(group)
    schedule = checked_schedule(draft) if draft is not None else None
    # A time zone changed at the same moment is caught up by the reminder task, which
    # re-reads the group and computes the occurrence after the one it sent in its zone.
    next_at = next_occurrence(schedule, group.timezone, after=now) if schedule else None
    update = GroupUpdate(schedule=schedule, next_checkin_at=next_at)
    updated = await repos.groups.update_live(group.id, update, capacity=None, now=now)
    if updated is None:
        raise archived_error()
    await _quiet_rules_changed(repos=repos, group_id=group.id, now=now)
    return view_of(viewer, updated, membership)


async def set_quiet_policy(
    *,
    repos: Repositories,
    viewer: Viewer,
    group_id: str,
    missed_check_ins: int | None,
    inactive_days: int | None,
    now: datetime,
) -> GroupView:
    """Change when a member of the group counts as quiet (leads); only the values given change."""
    group, membership = await authorized(repos, viewer, group_id, GroupAction.SCHEDULE)
    refuse_if_archived(group)
    update = GroupUpdate(quiet_policy=_quiet_policy(missed_check_ins, inactive_days))
    updated = await repos.groups.update_live(group.id, update, capacity=None, now=now)
    if updated is None:
        raise archived_error()
    await _quiet_rules_changed(repos=repos, group_id=group.id, now=now)
    return view_of(viewer, updated, membership)


def checked_schedule(draft: ScheduleDraft) -> CheckInSchedule:
    """The schedule to store, weekdays Monday first; GroupError with every issue otherwise."""
    issues: list[FieldIssue] = []
    if not draft.weekdays:
        message = "Choose at least one day of the week."
        issues.append(issue("schedule.weekdays", GroupErrorCode.WEEKDAYS_REQUIRED, message))
    elif len(set(draft.weekdays)) != len(draft.weekdays):
        message = "Give each day once."
        issues.append(issue("schedule.weekdays", GroupErrorCode.WEEKDAYS_REPEATED, message))
    if parse_clock(draft.local_time) is None:
        message = "Use a 24-hour time such as 19:00."
        issues.append(issue("schedule.localTime", GroupErrorCode.LOCAL_TIME_INVALID, message))
    if issues:
        raise GroupError.from_issues(issues)
    return CheckInSchedule(weekdays=tuple(sorted(draft.weekdays, key=_WEEK.index)), local_time=draft.local_time)


def _quiet_policy(missed_check_ins: int | None, inactive_days: int | None) -> QuietPolicyUpdate:
    issues: list[FieldIssue] = []
    low, high = MISSED_CHECK_INS_RANGE
    if missed_check_ins is not None and not low <= missed_check_ins <= high:
        message = f"Choose {low} to {high} missed check-ins."
        issues.append(issue("missedCheckIns", GroupErrorCode.MISSED_CHECK_INS_OUT_OF_RANGE, message))
    low, high = INACTIVE_DAYS_RANGE
    if inactive_days is not None and not low <= inactive_days <= high:
        message = f"Choose {low} to {high} days."
        issues.append(issue("inactiveDays", GroupErrorCode.INACTIVE_DAYS_OUT_OF_RANGE, message))
    if issues:
        raise GroupError.from_issues(issues)
    policy = QuietPolicyUpdate(missed_check_ins=or_keep(missed_check_ins), inactive_days=or_keep(inactive_days))
    if not given(policy):
        raise GroupError(GroupErrorCode.NOTHING_TO_UPDATE, "Nothing to change was given.")
    return policy


async def _quiet_rules_changed(*, repos: Repositories, group_id: str, now: datetime) -> None:
    """A new schedule or quiet policy: the quiet scan (domain/noticing) looks at every member of the
    group again under it."""
    await repos.memberships.evaluate_group_now(group_id, now=now)
