"""checkInSubmit: what is stored, each rule's own error (nothing written), the idempotency key,
the limits of `recordedAt`, and the support a low check-in brings in the same response.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from infra.mongo.client import Database
from tests.factories.checkins import checked_in, submit
from tests.factories.groups import Cast, created_group, mutate, populated_group
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes


@pytest.fixture
async def member(gql: GraphQLClient, auth_emulator: AuthEmulator) -> Person:
    return await onboarded_member(gql, auth_emulator, timezone="Europe/London", nation="WALES", language="EN")


async def _stored(db: Database, check_in_id: str) -> dict[str, Any]:
    raw = await db.checkins.find_one({"_id": check_in_id})
    assert raw is not None
    return raw


async def test_a_check_in_is_private_by_default_and_stored_as_sent(
    gql: GraphQLClient, member: Person, db: Database
) -> None:
    # When a member checks in with a mood, an energy, a note and two tags
    before = datetime.now(UTC)
    result = await submit(
        gql, member, mood=4, energy=2, note="  Slept badly, but the walk helped.  ", tags=["SLEEP", "EXERCISE"]
    )

    # Then it is recorded privately, with nothing to signpost
    assert result["__typename"] == "CheckInSubmitSuccess", result
    assert result["signposting"] is None
    check_in = result["checkIn"]
    assert {key: check_in[key] for key in ("mood", "energy", "note", "tags", "visibility", "groupId", "answers")} == {
        "mood": 4, "energy": 2, "note": "Slept badly, but the walk helped.", "tags": ["SLEEP", "EXERCISE"],
        "visibility": "PRIVATE", "groupId": None, "answers": [],
    }  # fmt: skip
    stored = await _stored(db, check_in["id"])
    assert before <= stored["recorded_at"] == stored["created_at"] <= datetime.now(UTC)
    assert stored["local_day"] == stored["recorded_at"].astimezone(ZoneInfo("Europe/London")).date().isoformat()
    assert (stored["member_id"], stored["risk_level"], stored["note_held"]) == (member.id, "none", False)
    assert check_in["recordedAt"] == stored["recorded_at"].isoformat()


def _hours_ago(hours: float) -> str:
    return (datetime.now(UTC) - timedelta(hours=hours)).isoformat()


@pytest.mark.parametrize(
    ("values", "code", "field"),
    [
        ({"mood": 0}, "MOOD_OUT_OF_RANGE", "mood"),
        ({"mood": 6}, "MOOD_OUT_OF_RANGE", "mood"),
        ({"energy": 0}, "ENERGY_OUT_OF_RANGE", "energy"),
        ({"energy": 6}, "ENERGY_OUT_OF_RANGE", "energy"),
        ({"note": "a" * 1_001}, "NOTE_TOO_LONG", "note"),
        ({"note": "a bell\u0007"}, "NOTE_CHARACTERS", "note"),
        ({"tags": ["SLEEP", "WORK", "MONEY", "HEALTH", "GRIEF", "CARING"]}, "TOO_MANY_TAGS", "tags"),
        ({"tags": ["SLEEP", "SLEEP"]}, "TAGS_REPEATED", "tags"),
        ({"visibility": "GROUP"}, "VISIBILITY_NEEDS_GROUP", "visibility"),
        ({"recordedAt": "2026-01-01T10:00:00"}, "RECORDED_AT_INVALID", "recordedAt"),
        ({"recordedAt": lambda: _hours_ago(-0.25)}, "RECORDED_AT_IN_FUTURE", "recordedAt"),
        ({"recordedAt": lambda: _hours_ago(7 * 24 + 1)}, "RECORDED_AT_TOO_OLD", "recordedAt"),
        ({"idempotencyKey": "short"}, "IDEMPOTENCY_KEY_INVALID", "idempotencyKey"),
        ({"idempotencyKey": "has a space in it"}, "IDEMPOTENCY_KEY_INVALID", "idempotencyKey"),
        ({"idempotencyKey": "k" * 129}, "IDEMPOTENCY_KEY_INVALID", "idempotencyKey"),
        ({"idempotencyKey": "ключ-ключ-ключ"}, "IDEMPOTENCY_KEY_INVALID", "idempotencyKey"),
    ],
)
async def test_each_broken_rule_has_its_own_code_and_nothing_is_written(
    gql: GraphQLClient, member: Person, changes: Changes, values: dict[str, Any], code: str, field: str
) -> None:
    values = {key: value() if callable(value) else value for key, value in values.items()}  # times: now, not at import
    before = await changes.mark()

    result = await submit(gql, member, **values)

    assert result["__typename"] == "CheckInSubmitError", result
    assert (result["code"], [(e["field"], e["code"]) for e in result["fieldErrors"]]) == (code, [(field, code)])
    assert await changes.since(before) == []


async def test_a_refused_check_in_still_carries_the_support_its_words_and_mood_call_for(
    gql: GraphQLClient, member: Person, changes: Changes
) -> None:
    before = await changes.mark()

    worrying = await submit(gql, member, mood=3, note=f"I want to kill myself. {'x' * 1_000}")
    lowest = await submit(gql, member, mood=1, energy=9)

    assert (worrying["code"], worrying["signposting"]["level"]) == ("NOTE_TOO_LONG", "HIGH")
    assert (lowest["code"], lowest["signposting"]["level"]) == ("ENERGY_OUT_OF_RANGE", "NONE")
    for result in (worrying, lowest):
        ids = [resource["id"] for resource in result["signposting"]["resources"]]
        assert ids[:4] == ["emergency-999", "emergency-a-and-e", "samaritans", "shout"]
        assert "nhs-111-wales" in ids  # the member's own nation
    assert await changes.since(before) == []  # nothing stored, no alert raised


async def test_every_broken_rule_is_listed(gql: GraphQLClient, member: Person, changes: Changes) -> None:
    before = await changes.mark()

    result = await submit(gql, member, mood=9, energy=9, tags=["SLEEP", "SLEEP"], visibility="GROUP")

    assert [e["code"] for e in result["fieldErrors"]] == [
        "MOOD_OUT_OF_RANGE", "ENERGY_OUT_OF_RANGE", "TAGS_REPEATED", "VISIBILITY_NEEDS_GROUP",
    ]  # fmt: skip
    assert await changes.since(before) == []


async def test_a_note_of_1000_characters_with_emoji_and_line_breaks_is_kept(gql: GraphQLClient, member: Person) -> None:
    family = "👨\u200d👩\u200d👧"  # joined by zero-width joiners
    start = f"Line one\n\tline two {family} "
    note = start + "x" * (1_000 - len(start))
    assert (await checked_in(gql, member, note=note))["note"] == note


async def test_a_retry_with_the_same_key_records_one_check_in_and_answers_the_same(
    gql: GraphQLClient, member: Person, db: Database
) -> None:
    key = str(uuid.uuid4())
    values = {"mood": 2, "note": "A rough day", "tags": ["WORK"], "idempotencyKey": key}

    first = await submit(gql, member, **values)
    again = await submit(gql, member, **values)

    assert again == first
    assert await db.checkins.count_documents({"member_id": member.id, "idempotency_key": key}) == 1


async def test_retries_at_the_same_moment_record_one_check_in(gql: GraphQLClient, member: Person, db: Database) -> None:
    key = str(uuid.uuid4())

    results = await asyncio.gather(*(submit(gql, member, mood=3, idempotencyKey=key) for _ in range(5)))

    assert {r["__typename"] for r in results} == {"CheckInSubmitSuccess"}
    assert len({r["checkIn"]["id"] for r in results}) == 1
    assert await db.checkins.count_documents({"member_id": member.id, "idempotency_key": key}) == 1


async def test_a_key_used_again_for_another_check_in_is_refused_and_the_first_is_kept(
    gql: GraphQLClient, member: Person, changes: Changes
) -> None:
    key = str(uuid.uuid4())
    first = await checked_in(gql, member, mood=4, idempotencyKey=key)
    before = await changes.mark()

    result = await submit(gql, member, mood=1, idempotencyKey=key)

    assert result["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert await changes.since(before) == []
    assert first["mood"] == 4


async def test_the_same_key_from_two_members_is_two_check_ins(
    gql: GraphQLClient, member: Person, auth_emulator: AuthEmulator
) -> None:
    other = await onboarded_member(gql, auth_emulator)
    key = str(uuid.uuid4())
    mine = await checked_in(gql, member, idempotencyKey=key)
    theirs = await checked_in(gql, other, idempotencyKey=key)
    assert mine["id"] != theirs["id"]


async def test_a_retry_after_leaving_the_group_still_gets_the_recorded_check_in(
    gql: GraphQLClient, cast: Cast, auth_emulator: AuthEmulator
) -> None:
    # Given a member who shared a check-in with their group, then left it
    group_id = await populated_group(gql, cast)
    person = await onboarded_member(gql, auth_emulator)
    code = (await mutate(gql, "InviteCreate", cast.lead.token, groupId=group_id))["inviteCode"]
    await mutate(gql, "GroupJoin", person.token, inviteCode=code)
    values = {"mood": 3, "visibility": "GROUP", "groupId": group_id, "idempotencyKey": str(uuid.uuid4())}
    first = await submit(gql, person, **values)
    await mutate(gql, "GroupLeave", person.token, groupId=group_id)

    # When the app retries (its first answer was lost), and a new check-in tries the group
    again = await submit(gql, person, **values)
    refused = await submit(gql, person, **(values | {"idempotencyKey": str(uuid.uuid4())}))

    # Then the retry gets the recorded one; a new one is refused like any group they are not in
    assert again == first
    assert refused["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_a_check_in_made_offline_up_to_7_days_ago_keeps_its_time_and_day(
    gql: GraphQLClient, member: Person, db: Database
) -> None:
    recorded = (datetime.now(UTC) - timedelta(days=7) + timedelta(minutes=5)).replace(microsecond=0)

    check_in = await checked_in(gql, member, recordedAt=recorded.isoformat())

    stored = await _stored(db, check_in["id"])
    assert stored["recorded_at"] == recorded
    assert stored["local_day"] == recorded.astimezone(ZoneInfo("Europe/London")).date().isoformat()
    assert stored["created_at"] - stored["recorded_at"] > timedelta(days=6, hours=23)


async def test_a_phone_clock_a_minute_fast_is_read_as_now_never_stored_in_the_future(
    gql: GraphQLClient, member: Person, db: Database
) -> None:
    ahead = datetime.now(UTC) + timedelta(minutes=1)

    check_in = await checked_in(gql, member, recordedAt=ahead.isoformat())

    stored = await _stored(db, check_in["id"])
    assert stored["recorded_at"] == stored["created_at"]


async def test_a_group_the_member_is_not_in_is_not_found_like_a_random_id(
    gql: GraphQLClient, cast: Cast, changes: Changes
) -> None:
    group_id = await populated_group(gql, cast)
    open_group = await created_group(gql, cast.lead, access="OPEN")
    before = await changes.mark()

    answers = [
        await submit(gql, cast.outsider, visibility="GROUP", groupId=target)
        for target in (group_id, open_group, str(uuid.uuid4()))
    ]

    assert [a["errors"][0]["extensions"]["code"] for a in answers] == ["NOT_FOUND"] * 3
    assert len({a["errors"][0]["message"] for a in answers}) == 1
    assert await changes.since(before) == []


async def test_an_archived_group_takes_no_check_in(gql: GraphQLClient, cast: Cast, changes: Changes) -> None:
    group_id = await populated_group(gql, cast)
    await mutate(gql, "GroupArchive", cast.lead.token, groupId=group_id)
    before = await changes.mark()

    result = await submit(gql, cast.member, visibility="GROUP", groupId=group_id)

    assert result["code"] == "GROUP_ARCHIVED"
    assert await changes.since(before) == []


async def test_the_lowest_mood_brings_the_member_s_helplines_and_kind_words_at_once(
    gql: GraphQLClient, member: Person, db: Database
) -> None:
    result = await submit(gql, member, mood=1)

    signposting = result["signposting"]
    assert signposting["level"] == "NONE"  # the words were not worrying; the mood was
    assert "Samaritans" in signposting["message"]
    ids = [resource["id"] for resource in signposting["resources"]]
    assert ids[:4] == ["emergency-999", "emergency-a-and-e", "samaritans", "shout"]
    assert "nhs-111-wales" in ids
    assert await db.safeguarding_alerts.count_documents({"source_id": result["checkIn"]["id"]}) == 0


async def test_words_of_distress_bring_support_whatever_the_mood(
    gql: GraphQLClient, member: Person, db: Database
) -> None:
    result = await submit(gql, member, mood=3, note="I can’t cope any more")

    assert result["signposting"]["level"] == "CONCERN"
    stored = await _stored(db, result["checkIn"]["id"])
    assert (stored["risk_level"], stored["note_held"]) == ("concern", False)
    assert await db.safeguarding_alerts.count_documents({"source_id": stored["_id"]}) == 0


async def test_words_of_risk_raise_one_alert_for_staff_and_hold_the_note_from_the_group(
    gql: GraphQLClient, member: Person, db: Database
) -> None:
    key = str(uuid.uuid4())

    result = await submit(gql, member, mood=2, note="I want to kill myself", idempotencyKey=key)
    await submit(gql, member, mood=2, note="I want to kill myself", idempotencyKey=key)

    assert result["signposting"]["level"] == "HIGH"
    assert result["checkIn"]["noteHeldForReview"] is True
    [alert] = await db.safeguarding_alerts.find({"source_id": result["checkIn"]["id"]}).to_list(None)
    assert (alert["source_kind"], alert["member_id"], alert["level"]) == ("check_in", member.id, "high")
    assert "kill" not in str(alert)
