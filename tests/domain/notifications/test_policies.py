"""When a push goes: quiet hours at the same wall-clock time across DST, the next morning, and the rules' order."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.members.time import parse_clock
from domain.notifications.policies import (
    Action,
    Decision,
    decide,
    next_morning,
    quiet_hours_end,
    retry_delay,
)
from schemas.documents.members import Language, MemberDocument, Nation, Preferences
from schemas.documents.notifications import NotificationDocument, NotificationKind, PushState, PushStatus
from tests.support.time import utc

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
DEFAULT = Preferences()  # quiet hours 21:00 to 08:00


@pytest.mark.parametrize(
    ("text", "parsed"),
    [("00:00", (0, 0)), ("21:00", (21, 0)), ("23:59", (23, 59)), ("7:00", None), ("24:00", None), ("12:60", None),
     ("12-30", None), ("", None), ("1200", None), ("ab:cd", None), ("12:3 ", None)],
)  # fmt: skip
def test_clock_times_are_hh_mm_on_a_24_hour_clock(text: str, parsed: tuple[int, int] | None) -> None:
    result = parse_clock(text)
    assert (None if result is None else (result.hour, result.minute)) == parsed


@pytest.mark.parametrize(
    ("now", "end"),
    [
        # An ordinary winter night in London (GMT = UTC): quiet from 21:00 to 08:00
        pytest.param(utc(2026, 1, 15, 20, 59), None, id="just-before"),
        pytest.param(utc(2026, 1, 15, 21, 0), utc(2026, 1, 16, 8, 0), id="at-the-start"),
        pytest.param(utc(2026, 1, 16, 3, 0), utc(2026, 1, 16, 8, 0), id="after-midnight"),
        pytest.param(utc(2026, 1, 16, 8, 0), None, id="at-the-end"),
        # Clocks go forward on 29 March 2026 at 01:00 UTC: 08:00 BST is 07:00 UTC
        pytest.param(utc(2026, 3, 28, 22, 0), utc(2026, 3, 29, 7, 0), id="spring-forward-night"),
        # Clocks go back on 25 October 2026 at 01:00 UTC: 08:00 GMT is 08:00 UTC
        pytest.param(utc(2026, 10, 24, 21, 30), utc(2026, 10, 25, 8, 0), id="autumn-back-night"),
        # A summer evening: 21:00 BST is 20:00 UTC
        pytest.param(utc(2026, 7, 1, 19, 59), None, id="summer-before"),
        pytest.param(utc(2026, 7, 1, 20, 0), utc(2026, 7, 2, 7, 0), id="summer-start"),
    ],
)
def test_quiet_hours_stay_at_the_same_local_time_across_daylight_saving(now: datetime, end: datetime | None) -> None:
    assert quiet_hours_end(DEFAULT, now, LONDON) == end


def test_quiet_hours_within_one_day_and_quiet_hours_switched_off() -> None:
    afternoon = Preferences(quiet_hours_start="13:00", quiet_hours_end="15:30")
    assert quiet_hours_end(afternoon, utc(2026, 1, 15, 14, 0), LONDON) == utc(2026, 1, 15, 15, 30)
    assert quiet_hours_end(afternoon, utc(2026, 1, 15, 16, 0), LONDON) is None
    off = Preferences(quiet_hours_start="00:00", quiet_hours_end="00:00")
    assert quiet_hours_end(off, utc(2026, 1, 15, 3, 0), LONDON) is None


def test_an_end_in_the_spring_forward_gap_lands_just_after_it() -> None:
    # 01:30 does not exist in London on 29 March 2026: the hold ends at 02:30 BST (01:30 UTC)
    early = Preferences(quiet_hours_start="23:00", quiet_hours_end="01:30")
    assert quiet_hours_end(early, utc(2026, 3, 28, 23, 30), LONDON) == utc(2026, 3, 29, 1, 30)


@pytest.mark.parametrize(
    ("preferences", "now", "zone", "morning"),
    [
        pytest.param(DEFAULT, utc(2026, 1, 15, 12, 0), LONDON, utc(2026, 1, 16, 8, 0), id="winter"),
        pytest.param(DEFAULT, utc(2026, 3, 28, 12, 0), LONDON, utc(2026, 3, 29, 7, 0), id="spring-forward"),
        pytest.param(DEFAULT, utc(2026, 10, 24, 12, 0), LONDON, utc(2026, 10, 25, 8, 0), id="autumn-back"),
        pytest.param(
            Preferences(quiet_hours_start="00:00", quiet_hours_end="00:00"), utc(2026, 1, 15, 23, 0), NEW_YORK,
            utc(2026, 1, 16, 5, 0), id="no-quiet-hours-new-york-midnight",
        ),
    ],
)  # fmt: skip
def test_the_next_morning_is_the_next_local_day_at_the_end_of_quiet_hours(
    preferences: Preferences, now: datetime, zone: ZoneInfo, morning: datetime
) -> None:
    assert next_morning(preferences, now, zone) == morning


def _member(**preferences: object) -> MemberDocument:
    now = utc(2026, 1, 1)
    return MemberDocument(
        id="m", firebase_uid="u", display_name="Sam", date_of_birth=date(1990, 1, 1), nation=Nation.WALES,
        timezone="Europe/London", language=Language.CY, preferences=Preferences(**preferences),  # type: ignore[arg-type]
        created_at=now, updated_at=now,
    )  # fmt: skip


def _notification(
    kind: NotificationKind = NotificationKind.CHECK_IN_REMINDER, **fields: object
) -> NotificationDocument:
    values: dict[str, object] = {"id": "n", "member_id": "m", "kind": kind, "dedupe_key": "k", "created_at": NOON}
    return NotificationDocument(**(values | fields))  # type: ignore[arg-type]


NOON = utc(2026, 1, 15, 12, 0)
NIGHT = utc(2026, 1, 15, 23, 0)
ON_BREAK = {"on_break_until": utc(2026, 2, 1)}
SEND = Decision(Action.SEND)
RELEASED_AT_12_05 = PushState(
    status=PushStatus.DEFERRED, not_before=NOON, release_at=NOON + timedelta(minutes=5)
)  # a fan-out push made due early (say, by a change of settings)


def _held(reason: str) -> Decision:
    return Decision(Action.SUPPRESS, reason)


@pytest.mark.parametrize(
    ("notification", "preferences", "now", "decision"),
    [
        pytest.param(_notification(), {}, NOON, SEND, id="send"),
        pytest.param(_notification(), {}, NIGHT, Decision(Action.DEFER, "quiet_hours", utc(2026, 1, 16, 8)), id="qh"),
        pytest.param(_notification(), {"reminders": False}, NOON, _held("reminders_off"), id="off"),
        pytest.param(
            _notification(NotificationKind.JOIN_REQUEST_APPROVED), {"reminders": False}, NOON, SEND,
            id="other-kind-not-switched-off",
        ),
        pytest.param(_notification(), ON_BREAK, NOON, _held("on_break"), id="break"),
        pytest.param(_notification(), {"on_break_until": utc(2026, 1, 15)}, NOON, SEND, id="break-over"),
        pytest.param(_notification(), {"daily_push_cap": 0}, NOON, _held("daily_cap_zero"), id="cap-0"),
        pytest.param(_notification(urgent=True), ON_BREAK, NIGHT, SEND, id="urgent-passes-break-and-quiet-hours"),
        pytest.param(
            _notification(urgent=True), {"reminders": False}, NOON, _held("reminders_off"),
            id="urgent-respects-a-kind-switched-off",
        ),
        pytest.param(_notification(read_at=NOON), {}, NOON, _held("already_read"), id="read"),
        pytest.param(
            _notification(created_at=NOON - timedelta(hours=37)), {}, NOON, Decision(Action.EXPIRE, "too_old"),
            id="stale",
        ),
        pytest.param(
            _notification(NotificationKind.GROUP_SHARE, push=RELEASED_AT_12_05), {}, NOON,
            Decision(Action.DEFER, "release_time", NOON + timedelta(minutes=5)), id="before-its-release-time",
        ),
        pytest.param(
            _notification(NotificationKind.GROUP_SHARE, push=RELEASED_AT_12_05), {}, NOON + timedelta(minutes=5),
            SEND, id="at-its-release-time",
        ),
    ],
)  # fmt: skip
def test_the_decision_follows_the_member_s_preferences(
    notification: NotificationDocument, preferences: dict[str, object], now: datetime, decision: Decision
) -> None:
    assert decide(notification, _member(**preferences), now=now, max_age=timedelta(hours=36)) == decision


@pytest.mark.parametrize(
    ("attempt", "retry_after", "low", "high"),
    [
        (1, None, 5.0, 10.0),
        (2, None, 10.0, 20.0),
        (3, None, 20.0, 40.0),
        (10, None, 450.0, 900.0),
        (1, 60.0, 60.0, 60.0),
    ],
)
def test_retries_back_off_with_jitter_and_never_before_retry_after(
    attempt: int, retry_after: float | None, low: float, high: float
) -> None:
    delays = [retry_delay(attempt, retry_after, base=10.0, cap=900.0) for _ in range(200)]
    assert low <= min(delays)
    assert max(delays) <= high
