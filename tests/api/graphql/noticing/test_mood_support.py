"""Mood decline and supportRequest: a private, kind message when a member's moods slide (at most
once a week, never to anyone else), and the one way they can tell their leads they would
welcome a message. Bad or unauthorised requests tell nobody and write nothing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from domain.noticing.mood import is_sliding
from domain.notifications.catalogue import text_for
from infra.settings import Settings
from schemas.documents.members import Language
from schemas.documents.notifications import NotificationKind
from tests.factories.checkins import checked_in
from tests.factories.devices import preferences_set
from tests.factories.frozen import FrozenApi, frozen_api
from tests.factories.groups import Cast, mutate, new_cast, populated_group
from tests.factories.members import TestMember as Person
from tests.factories.noticing import noticing_operation
from tests.fixtures.auth import AuthEmulator

MONDAY = datetime(2027, 2, 1, 10, 0, tzinfo=UTC)  # ISO week 2027-W05, London on GMT
DAY = timedelta(days=1)
SUPPORT_REQUEST = noticing_operation("SupportRequest")
INBOX = "query { notifications { nodes { kind title body params { key value } } } }"


def at(days: float) -> datetime:
    return MONDAY + timedelta(days=days)


@pytest.mark.parametrize(
    ("moods", "sliding"),
    [
        ([(0, 2), (-1, 1), (-2, 2)], True),  # the last three all 2 or lower
        ([(0, 2), (-1, 3), (-2, 2)], False),
        ([(0, 2), (-1, 2)], False),  # only two
        ([(0, 3), (-2, 3), (-10, 5), (-20, 4)], True),  # 3.0 against 4.5: 1.5 lower
        ([(0, 3), (-2, 3), (-10, 4), (-20, 4)], False),  # 1.0 lower
        ([(0, 1), (-2, 5), (-3, 1)], False),  # nothing in the 28 days before, and no run of three
        ([(0, 3), (-40, 5)], False),  # 40 days ago is outside the 28 days before the last 7
    ],
)
def test_what_counts_as_sliding(moods: list[tuple[int, int]], sliding: bool) -> None:
    history = [(at(days), mood) for days, mood in moods]
    assert is_sliding(history, at(0)) is sliding


@pytest.fixture
async def frozen(settings: Settings, auth_emulator: AuthEmulator) -> AsyncIterator[tuple[FrozenApi, Cast, str]]:
    async with frozen_api(settings, MONDAY, isolated=True) as api:
        cast = await new_cast(api.gql, auth_emulator)
        group_id = await populated_group(api.gql, cast)
        yield api, cast, group_id


async def _check_in(api: FrozenApi, member: Person, when: datetime, mood: int, **extra: Any) -> None:
    api.clock.current = when
    await checked_in(api.gql, member, mood=mood, **extra)


async def _sent(api: FrozenApi, kind: NotificationKind, to: Person | None = None) -> list[dict[str, Any]]:
    query: dict[str, Any] = {"kind": kind.value} | ({"member_id": to.id} if to else {})
    return await api.db.notifications.find(query).sort("created_at", 1).to_list(None)


async def test_three_low_check_ins_bring_one_private_message_a_week(frozen: tuple[FrozenApi, Cast, str]) -> None:
    api, cast, group_id = frozen
    # Given two low check-ins: nothing yet
    await _check_in(api, cast.member, at(0), 2, groupId=group_id, visibility="GROUP")
    await _check_in(api, cast.member, at(1), 1)
    assert await _sent(api, NotificationKind.MOOD_SUPPORT) == []

    # When a third low one comes, and a fourth the same week
    await _check_in(api, cast.member, at(2), 2)
    await _check_in(api, cast.member, at(3), 1)

    # Then one kind message reached Sam alone, safe for a lock screen, keyed by the ISO week
    [message] = await _sent(api, NotificationKind.MOOD_SUPPORT)
    assert (message["member_id"], message["dedupe_key"]) == (cast.member.id, f"mood_support:{cast.member.id}:2027-W05")
    assert message["params"] == {}
    text = text_for(NotificationKind.MOOD_SUPPORT, Language.EN)
    assert "mood" not in text.body.lower()
    assert [n["member_id"] for n in await api.db.notifications.find({"member_id": cast.lead.id}).to_list(None)] == []

    # And the next week, still low, one more
    await _check_in(api, cast.member, at(7), 2)
    assert [m["dedupe_key"] for m in await _sent(api, NotificationKind.MOOD_SUPPORT)] == [
        f"mood_support:{cast.member.id}:2027-W05", f"mood_support:{cast.member.id}:2027-W06"
    ]  # fmt: skip


async def test_a_fall_of_one_and_a_half_below_the_previous_four_weeks_brings_it(
    frozen: tuple[FrozenApi, Cast, str],
) -> None:
    api, cast, _ = frozen
    for day in (0, 4, 8, 12, 16):
        await _check_in(api, cast.member, at(day), 5)
    for day, mood in ((24, 4), (25, 4), (26, 3)):
        await _check_in(api, cast.member, at(day), mood)
    assert await _sent(api, NotificationKind.MOOD_SUPPORT) == []  # 3.67 against 5: 1.33 lower

    await _check_in(api, cast.member, at(27), 3)  # 3.5 against 5: 1.5 lower

    assert len(await _sent(api, NotificationKind.MOOD_SUPPORT, cast.member)) == 1


async def test_on_a_break_no_message_is_written(frozen: tuple[FrozenApi, Cast, str]) -> None:
    api, cast, _ = frozen
    await preferences_set(api.gql, cast.member, onBreakUntil=at(30).isoformat())
    for day in range(3):
        await _check_in(api, cast.member, at(day), 1)
    assert await _sent(api, NotificationKind.MOOD_SUPPORT) == []


async def _ask(api: FrozenApi, token: str | None, group_id: str) -> dict[str, Any]:
    return await api.gql(SUPPORT_REQUEST, {"input": {"groupId": group_id}}, token=token)


async def test_a_member_tells_their_lead_they_would_welcome_a_message_once_a_day(
    frozen: tuple[FrozenApi, Cast, str],
) -> None:
    api, cast, group_id = frozen
    body = await _ask(api, cast.member.token, group_id)
    result = body["data"]["supportRequest"]
    assert (result["__typename"], result["leadersTold"], result["threadMessage"], result["signposting"]) == (
        "SupportRequestSuccess", 1, None, None,
    )  # fmt: skip
    thread_id = result["thread"]["id"]
    again = await _ask(api, cast.member.token, group_id)  # twice the same day: told once, the same thread
    assert again["data"]["supportRequest"]["thread"]["id"] == thread_id

    [told] = await _sent(api, NotificationKind.SUPPORT_REQUEST)
    assert (told["member_id"], told["params"]) == (
        cast.lead.id, {"memberId": cast.member.id, "groupId": group_id, "threadId": thread_id},
    )  # fmt: skip
    inbox = await api.gql(INBOX, {}, token=cast.lead.token)
    [notice] = [n for n in inbox["data"]["notifications"]["nodes"] if n["kind"] == "SUPPORT_REQUEST"]
    lead = await api.db.members.find_one({"_id": cast.lead.id})
    assert lead is not None
    text = text_for(NotificationKind.SUPPORT_REQUEST, Language(lead["language"]))
    assert notice["body"] == text.for_inbox("Member").body  # the name, inside the app only
    english = text_for(NotificationKind.SUPPORT_REQUEST, Language.EN)
    assert english.for_inbox("Member").body == "Member says: I'm having a hard time and would welcome a message."
    assert english.body == "Someone in a group you lead would welcome a message. Open the app to see who."


async def test_while_the_lead_is_away_the_co_lead_is_told(frozen: tuple[FrozenApi, Cast, str]) -> None:
    api, cast, group_id = frozen
    await mutate(api.gql, "LeadAwaySet", cast.lead.token, groupId=group_id, until=at(10).isoformat())

    await _ask(api, cast.member.token, group_id)

    assert [n["member_id"] for n in await _sent(api, NotificationKind.SUPPORT_REQUEST)] == [cast.co_lead.id]


@pytest.mark.parametrize(
    ("who", "group", "expected"),
    [
        ("anonymous", "real", "UNAUTHENTICATED"),
        ("outsider", "real", "NOT_FOUND"),
        ("staff", "real", "NOT_FOUND"),
        ("member", "made-up", "NOT_FOUND"),
    ],
)
async def test_refused_callers_tell_nobody(
    frozen: tuple[FrozenApi, Cast, str], who: str, group: str, expected: str
) -> None:
    api, cast, group_id = frozen
    body = await _ask(api, cast.token(who), group_id if group == "real" else "made-up-id")
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == [expected]
    assert await api.db.notifications.count_documents({"kind": NotificationKind.SUPPORT_REQUEST.value}) == 0
    assert await api.db.threads.count_documents({}) == 0


async def test_with_no_other_leader_or_in_an_archived_group_a_typed_error_and_nobody_told(
    frozen: tuple[FrozenApi, Cast, str],
) -> None:
    api, cast, group_id = frozen
    # The lead asking in their own group, with the co-lead away: nobody else leads it just now
    await mutate(api.gql, "LeadAwaySet", cast.co_lead.token, groupId=group_id, until=at(10).isoformat())
    body = await _ask(api, cast.lead.token, group_id)
    assert body["data"]["supportRequest"]["code"] == "NO_LEADER_AVAILABLE"

    archived = await mutate(api.gql, "GroupArchive", cast.lead.token, groupId=group_id)
    assert archived["__typename"] == "GroupArchiveSuccess", archived
    body = await _ask(api, cast.member.token, group_id)
    assert body["data"]["supportRequest"]["code"] == "GROUP_ARCHIVED"
    assert await api.db.notifications.count_documents({"kind": NotificationKind.SUPPORT_REQUEST.value}) == 0
    assert await api.db.threads.count_documents({}) == 0
