"""When a member counts as quiet, and where an episode stands: the pure rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.noticing import quiet
from schemas.documents.groups import CheckInSchedule, GroupAccess, GroupDocument, GroupKind, QuietPolicy
from schemas.documents.memberships import GroupRole, MembershipDocument, QuietEpisode, QuietStep
from schemas.documents.support_resources import Weekday

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def a_group(*, schedule: CheckInSchedule | None = None, missed: int = 2, days: int = 7) -> GroupDocument:
    return GroupDocument(
        _id="g", name="G", description="D", kind=GroupKind.GENERAL, access=GroupAccess.CLOSED, youth=False,
        capacity=30, timezone="Europe/London", member_count=1, free_slots=29, lead_count=1, name_key="g",
        search_text="g", created_by="m", created_at=NOW, updated_at=NOW, schedule=schedule,
        quiet_policy=QuietPolicy(missed_check_ins=missed, inactive_days=days),
    )  # fmt: skip


MONDAYS_AND_THURSDAYS = CheckInSchedule(weekdays=(Weekday.MONDAY, Weekday.THURSDAY), local_time="19:00")


@pytest.mark.parametrize(
    ("since", "missed", "expected"),
    [
        # Active on Monday 15 March at 19:30 (answering it): Thursday 18 and Monday 22 missed; the second's
        # 24 hours close on Tuesday 23 at 19:00 (GMT)
        (datetime(2027, 3, 15, 19, 30, tzinfo=UTC), 2, datetime(2027, 3, 23, 19, 0, tzinfo=UTC)),
        (datetime(2027, 3, 15, 19, 30, tzinfo=UTC), 1, datetime(2027, 3, 19, 19, 0, tzinfo=UTC)),
        # Across the change to BST on 28 March: Thursday 25 (19:00 GMT), Monday 29 (19:00 BST = 18:00 UTC)
        (datetime(2027, 3, 23, 9, 0, tzinfo=UTC), 2, datetime(2027, 3, 30, 18, 0, tzinfo=UTC)),
        # Six in a row: three weeks
        (datetime(2027, 3, 1, 20, 0, tzinfo=UTC), 6, datetime(2027, 3, 23, 19, 0, tzinfo=UTC)),
    ],
)
def test_in_a_scheduled_group_quiet_is_after_the_last_n_check_ins_have_passed_unanswered(
    since: datetime, missed: int, expected: datetime
) -> None:
    assert quiet.quiet_at(a_group(schedule=MONDAYS_AND_THURSDAYS, missed=missed), since) == expected


@pytest.mark.parametrize("days", [1, 7, 30])
def test_without_a_schedule_quiet_is_days_after_the_last_activity(days: int) -> None:
    assert quiet.quiet_at(a_group(days=days), NOW) == NOW + days * DAY


def a_membership(**fields: object) -> MembershipDocument:
    return MembershipDocument.model_validate(
        {"_id": "m", "group_id": "g", "member_id": "p", "role": GroupRole.MEMBER, "joined_at": NOW, **fields}
    )


def test_the_latest_check_in_or_named_post_or_joining_is_the_last_activity() -> None:
    assert quiet.last_activity(a_membership()) == NOW
    later = a_membership(last_checkin_at=NOW + DAY, last_engaged_at=NOW + 2 * DAY)
    assert quiet.last_activity(later) == NOW + 2 * DAY


def test_no_episode_starts_within_14_days_of_the_last_ones_end() -> None:
    ended = a_membership(last_checkin_at=NOW + DAY, quiet_ended_at=NOW + DAY)
    assert quiet.episode_start(a_group(days=7), ended) == NOW + 15 * DAY
    long_ago = a_membership(last_checkin_at=NOW + 30 * DAY, quiet_ended_at=NOW)
    assert quiet.episode_start(a_group(days=7), long_ago) == NOW + 37 * DAY


def test_steps_come_due_in_order_and_the_last_word_ends_them() -> None:
    episode = QuietEpisode(number=1, started_at=NOW, since=NOW - 7 * DAY)
    assert quiet.due_steps(episode, NOW) == [QuietStep.NUDGED]
    assert quiet.due_steps(episode, NOW + 20 * DAY) == [QuietStep.NUDGED, QuietStep.LISTED, QuietStep.LAST_WORD]
    nudged = episode.model_copy(update={"step": QuietStep.NUDGED})
    assert quiet.due_steps(nudged, NOW + 3 * DAY - timedelta(seconds=1)) == []
    assert quiet.next_step_at(nudged) == NOW + 3 * DAY
    done = episode.model_copy(update={"step": QuietStep.LAST_WORD})
    assert (quiet.due_steps(done, NOW + 90 * DAY), quiet.next_step_at(done)) == ([], None)


def test_a_new_membership_is_looked_at_from_joining() -> None:
    assert a_membership().next_evaluation_at == NOW
    assert a_membership(next_evaluation_at=None).next_evaluation_at is None
