"""The follow-up 48 hours after high-risk support: scheduled once per event by signpost(),
asked by the tick outside quiet hours (a break and the cap do not hold it), answered once
with followUpAnswer. A moved clock drives it; each test has a database of its own.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from domain.crisis.follow_ups import FollowUpsOutcome, ask_due_follow_ups
from domain.crisis.messages import MessageKey, default_messages
from domain.crisis.service import SignpostSource, signpost
from infra.settings import Settings
from schemas.documents.base import new_id
from schemas.documents.members import MemberDocument
from schemas.documents.safeguarding_alerts import AlertSourceKind
from tests.factories.devices import SET_PREFERENCES
from tests.factories.frozen import FrozenApi, frozen_api
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.factories.noticing import noticing_operation
from tests.fixtures.auth import AuthEmulator

WRITTEN = datetime(2027, 5, 10, 14, 0, tzinfo=UTC)  # a Monday afternoon (15:00 in London)
DUE = WRITTEN + timedelta(hours=48)
HIGH_TEXT = "I want to kill myself"
ANSWER = noticing_operation("FollowUpAnswer")


@dataclass(frozen=True)
class World:
    api: FrozenApi
    person: Person

    async def member(self) -> MemberDocument:
        [found] = await self.api.runtime.repos.members.get_many([self.person.id])
        return found

    async def high_risk(self, at: datetime, *, anonymous: bool = False, source_id: str | None = None) -> str:
        kind = AlertSourceKind.SHARE if anonymous else AlertSourceKind.CHECK_IN
        source = SignpostSource(kind=kind, id=source_id or new_id(), anonymous=anonymous)
        runtime = self.api.runtime
        result = await signpost(repos=runtime.repos, directory=runtime.support, member=await self.member(),
                                source=source, texts=[HIGH_TEXT], now=at)  # fmt: skip
        assert result.alerted is True
        return source.key

    async def tick(self, at: datetime) -> FollowUpsOutcome:
        self.api.clock.current = at
        outcome = await ask_due_follow_ups(repos=self.api.runtime.repos, queue=self.api.runtime.queue, now=at)
        outcome.asked_members.clear()  # compare the counts only
        return outcome

    async def follow_ups(self) -> list[dict[str, Any]]:
        return await self.api.db.follow_ups.find({"member_id": self.person.id}).sort("created_at").to_list(None)

    async def questions(self) -> list[dict[str, Any]]:
        return await self.api.db.notifications.find({"kind": "signpost_follow_up"}).to_list(None)

    async def answer(self, follow_up_id: str, token: str | None = None, **values: Any) -> dict[str, Any]:
        variables = {"input": {"id": follow_up_id, "mood": 2, "reachedSomeone": False} | values}
        return await self.api.gql(ANSWER, variables, token=token or self.person.token)


@pytest.fixture
async def world(settings: Settings, auth_emulator: AuthEmulator) -> AsyncIterator[World]:
    async with frozen_api(settings, WRITTEN, isolated=True) as api:
        yield World(api=api, person=await onboarded_member(api.gql, auth_emulator, language="EN"))


def counts(asked: int = 0, postponed: int = 0, skipped: int = 0) -> FollowUpsOutcome:
    return FollowUpsOutcome(asked=asked, postponed=postponed, skipped=skipped)


async def test_high_risk_words_in_a_check_in_schedule_one_follow_up_that_copies_nothing(world: World) -> None:
    # When the same check-in is screened three times (a retried mutation)
    check_in = new_id()
    for _ in range(3):
        source_key = await world.high_risk(WRITTEN, source_id=check_in)

    # Then one follow-up is due 48 hours later; it points at the check-in and holds no words
    [follow_up] = await world.follow_ups()
    assert follow_up.pop("_id")
    assert follow_up == {
        "source_key": source_key, "member_id": world.person.id, "status": "scheduled", "due_at": DUE,
        "created_at": WRITTEN, "asked_at": None, "answer": None,
    }  # fmt: skip


async def test_an_anonymous_post_brings_no_follow_up(world: World) -> None:
    # A record linking the member to the moment of an anonymous post would undo its anonymity (ANON-12).
    await world.high_risk(WRITTEN, anonymous=True)
    assert await world.follow_ups() == []


async def test_the_question_is_asked_once_48_hours_later_as_an_urgent_message(world: World) -> None:
    await world.high_risk(WRITTEN)

    early = await world.tick(DUE - timedelta(minutes=1))
    on_time = await world.tick(DUE)
    again = await world.tick(DUE + timedelta(minutes=1))

    assert (early, on_time, again) == (counts(), counts(asked=1), counts())
    [follow_up] = await world.follow_ups()
    [question] = await world.questions()
    assert (question["member_id"], question["urgent"]) == (world.person.id, True)
    assert question["params"] == {"followUpId": follow_up["_id"]}
    assert question["dedupe_key"] == f"follow_up:{follow_up['_id']}"
    assert (follow_up["status"], follow_up["asked_at"], follow_up["due_at"]) == ("asked", DUE, None)


async def test_it_waits_for_the_end_of_quiet_hours(world: World) -> None:
    # Given a high-risk check-in at 23:00 in London (BST): due at 23:00 two days later, in quiet hours
    late = datetime(2027, 5, 10, 22, 0, tzinfo=UTC)
    await world.high_risk(late)
    morning = datetime(2027, 5, 13, 7, 0, tzinfo=UTC)  # 08:00 BST, when the default quiet hours end

    held = await world.tick(late + timedelta(hours=48))
    still_held = await world.tick(morning - timedelta(minutes=1))
    asked = await world.tick(morning)

    assert (held, still_held, asked) == (counts(postponed=1), counts(), counts(asked=1))
    assert [q["created_at"] for q in await world.questions()] == [morning]


async def test_a_break_does_not_hold_it(world: World) -> None:
    # The member is told a break holds everything but safety messages; this is one.
    until = (DUE + timedelta(days=7)).isoformat()
    await world.api.gql(SET_PREFERENCES, {"input": {"onBreakUntil": until}}, token=world.person.token)
    await world.high_risk(WRITTEN)

    assert await world.tick(DUE) == counts(asked=1)


async def test_two_hard_moments_within_a_day_bring_one_question(world: World) -> None:
    await world.high_risk(WRITTEN)
    await world.high_risk(WRITTEN + timedelta(hours=1))

    first = await world.tick(DUE)
    second = await world.tick(DUE + timedelta(hours=1))

    assert (first, second) == (counts(asked=1), counts(skipped=1))
    assert len(await world.questions()) == 1
    assert sorted(f["status"] for f in await world.follow_ups()) == ["asked", "skipped"]


async def test_a_crash_after_asking_and_before_recording_it_asks_nothing_twice(world: World) -> None:
    await world.high_risk(WRITTEN)
    await world.tick(DUE)
    # As if the worker died between writing the notification and marking the follow-up asked
    await world.api.db.follow_ups.update_many({}, {"$set": {"status": "scheduled", "due_at": DUE, "asked_at": None}})

    await world.tick(DUE + timedelta(minutes=1))

    assert len(await world.questions()) == 1
    [follow_up] = await world.follow_ups()
    assert follow_up["status"] == "asked"


async def test_a_low_answer_is_kept_privately_and_brings_the_members_helplines(world: World) -> None:
    await world.high_risk(WRITTEN)
    await world.tick(DUE)
    [follow_up] = await world.follow_ups()
    answered_at = DUE + timedelta(hours=2)
    world.api.clock.current = answered_at

    body = await world.answer(follow_up["_id"], mood=2, reachedSomeone=False)

    result = body["data"]["followUpAnswer"]
    assert result["__typename"] == "FollowUpAnswerSuccess"
    assert result["followUp"] == {
        "id": follow_up["_id"], "askedAt": DUE.isoformat(), "mood": 2, "reachedSomeone": False,
        "answeredAt": answered_at.isoformat(),
    }  # fmt: skip
    assert result["signposting"]["message"] == default_messages().texts[MessageKey.LOW_MOOD].en
    assert [r["id"] for r in result["signposting"]["resources"]][:3] == ["emergency-999", "emergency-a-and-e",
                                                                         "samaritans"]  # fmt: skip
    [stored] = await world.follow_ups()
    assert (stored["status"], stored["answer"]) == (
        "answered", {"mood": 2, "reached_someone": False, "answered_at": answered_at},
    )  # fmt: skip


async def test_a_good_answer_brings_no_support_and_a_second_answer_is_refused(world: World) -> None:
    await world.high_risk(WRITTEN)
    await world.tick(DUE)
    [follow_up] = await world.follow_ups()

    first = (await world.answer(follow_up["_id"], mood=4, reachedSomeone=True))["data"]["followUpAnswer"]
    second = (await world.answer(follow_up["_id"], mood=1))["data"]["followUpAnswer"]

    assert (first["__typename"], first["signposting"]) == ("FollowUpAnswerSuccess", None)
    assert (second["__typename"], second["code"]) == ("FollowUpAnswerError", "ALREADY_ANSWERED")
    assert (await world.follow_ups())[0]["answer"]["mood"] == 4


@pytest.mark.parametrize("mood", [0, 6])
async def test_a_mood_outside_1_to_5_is_refused_and_nothing_is_kept(world: World, mood: int) -> None:
    await world.high_risk(WRITTEN)
    await world.tick(DUE)
    before = await world.follow_ups()

    result = (await world.answer(before[0]["_id"], mood=mood))["data"]["followUpAnswer"]

    assert (result["code"], [(e["field"], e["code"]) for e in result["fieldErrors"]]) == (
        "MOOD_RANGE", [("mood", "MOOD_RANGE")],
    )  # fmt: skip
    assert await world.follow_ups() == before


async def test_another_members_question_and_one_not_yet_asked_are_not_found_like_a_made_up_id(
    world: World, auth_emulator: AuthEmulator
) -> None:
    await world.high_risk(WRITTEN)
    await world.tick(DUE)
    await world.high_risk(DUE + timedelta(days=3))  # scheduled, not asked yet
    asked, waiting = await world.follow_ups()
    other = await onboarded_member(world.api.gql, auth_emulator)

    answers = [
        (await world.answer(asked["_id"], token=other.token))["data"]["followUpAnswer"],
        (await world.answer(waiting["_id"]))["data"]["followUpAnswer"],
        (await world.answer(str(uuid.uuid4())))["data"]["followUpAnswer"],
    ]

    assert [(a["code"], a["message"]) for a in answers] == [("NOT_FOUND", "There is no such question for you.")] * 3
    assert [f["answer"] for f in await world.follow_ups()] == [None, None]


async def test_a_signed_out_caller_is_refused(world: World) -> None:
    body = await world.api.gql(ANSWER, {"input": {"id": "x", "mood": 3, "reachedSomeone": True}})
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
