"""signpost(): what check-in, share and response mutations call before returning.

Against the real database the API uses; the last test proves it needs neither
Redis nor the broker (CRISIS-3).
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest

from api.main import create_app
from api.runtime import ApiRuntime
from domain.clock import FrozenClock
from domain.crisis.messages import MessageKey, default_messages
from domain.crisis.service import Signposting, SignpostSource, signpost
from infra.local.services import free_port
from infra.mongo.client import Database
from infra.settings import RedisSettings, Settings, WorkerSettings
from schemas.documents.base import new_id
from schemas.documents.members import Language, MemberDocument, Nation, Preferences
from schemas.documents.safeguarding_alerts import AlertSourceKind, RiskCategory, RiskLevel
from tests.fixtures.app import CommandCounter, RunningApi, in_process

NOW = datetime(2026, 11, 23, 19, 30, tzinfo=UTC)  # a Monday evening in London
HIGH_TEXT = "I’ve been stockpiling my tablets and I want to die"


def _member(*, born: date, nation: Nation = Nation.ENGLAND, language: Language = Language.EN) -> MemberDocument:
    return MemberDocument(
        id=new_id(), firebase_uid=f"uid-{uuid.uuid4()}", display_name="Sam", date_of_birth=born, nation=nation,
        timezone="Europe/London", language=language, preferences=Preferences(), created_at=NOW, updated_at=NOW,
    )  # fmt: skip


async def _signpost(runtime: ApiRuntime, **kwargs: Any) -> Signposting:
    return await signpost(repos=runtime.repos, directory=runtime.support, **kwargs)


def _check_in() -> SignpostSource:
    return SignpostSource(kind=AlertSourceKind.CHECK_IN, id=new_id())


async def test_words_of_distress_bring_the_members_resources_and_kind_words_but_no_alert(
    api: RunningApi, db: Database, command_counter: CommandCounter
) -> None:
    member, source = _member(born=date(2009, 1, 10)), _check_in()  # 17 on NOW

    with command_counter.counting() as commands:
        result = await _signpost(api.runtime, member=member, source=source,
                                texts=["I can’t cope any more"], now=NOW, mood=2)  # fmt: skip

    assert (result.level, result.screen.categories) == (RiskLevel.CONCERN, (RiskCategory.DISTRESS,))
    assert result.show_support is True
    assert result.message == default_messages().texts[MessageKey.CONCERN].en
    assert [item.id for item in result.resources] == [
        "emergency-999", "emergency-a-and-e", "samaritans", "shout", "nhs-111-england", "childline",
        "papyrus-hopeline247", "calm", "the-mix",
    ]  # fmt: skip  # and never Mind's Infoline, which gives information, not crisis support
    assert (result.alerted, result.checked_at, result.language) == (False, NOW, Language.EN)
    assert commands == []  # the resources come from memory (CRISIS-3)
    assert await db.safeguarding_alerts.count_documents({"source_id": source.id}) == 0


async def test_words_of_risk_raise_one_alert_that_points_at_the_source_and_never_copies_it(
    api: RunningApi, db: Database, command_counter: CommandCounter
) -> None:
    member, source = _member(born=date(2001, 5, 1), nation=Nation.SCOTLAND), _check_in()

    with command_counter.counting() as commands:
        result = await _signpost(api.runtime, member=member, source=source,
                                texts=["fine", HIGH_TEXT], now=NOW)  # fmt: skip

    assert result.level is RiskLevel.HIGH
    assert result.message == default_messages().texts[MessageKey.HIGH].en
    assert [item.id for item in result.resources] == [
        "emergency-999", "emergency-a-and-e", "samaritans", "shout", "nhs-24-scotland", "papyrus-hopeline247",
        "breathing-space", "calm",
    ]  # fmt: skip
    assert result.alerted is True
    # The alert, then the follow-up in 48 hours; the resources come from memory.
    assert commands == ["insert", "insert"]
    [alert] = await db.safeguarding_alerts.find({"source_id": source.id}).to_list(None)
    assert alert.pop("_id")
    assert alert == {
        "source_key": f"check_in:{source.id}",
        "source_kind": "check_in",
        "source_id": source.id,
        "member_id": member.id,
        "group_id": None,  # this source names no group
        "level": "high",
        "categories": ["method", "suicidal_thoughts"],
        "lexicon_version": 1,
        "status": "open",
        "created_at": NOW,
        "updated_at": NOW,
        "acknowledged_by": None,
        "acknowledged_at": None,
        "resolved_by": None,
        "resolved_at": None,
        "resolution_note": None,
        "page_due_at": NOW,  # the on-call tick looks at it next (nothing pages it while unhosted)
        "page_step": 0,
        "organisation_id": None,
    }


async def test_screening_the_same_source_again_keeps_one_alert(api: RunningApi, db: Database) -> None:
    member, source = _member(born=date(2000, 1, 1)), _check_in()

    for _ in range(3):
        again = await _signpost(api.runtime, member=member, source=source, texts=[HIGH_TEXT], now=NOW)

    assert again.alerted is True
    assert await db.safeguarding_alerts.count_documents({"source_key": f"check_in:{source.id}"}) == 1


async def test_an_alert_about_anonymous_content_holds_no_member_id(api: RunningApi, db: Database) -> None:
    member = _member(born=date(2000, 1, 1))
    source = SignpostSource(kind=AlertSourceKind.SHARE, id=new_id(), anonymous=True)

    await _signpost(api.runtime, member=member, source=source, texts=["I want to kill myself"], now=NOW)

    alert = await db.safeguarding_alerts.find_one({"source_key": f"share:{source.id}"})
    assert alert is not None
    assert (alert["member_id"], alert["source_kind"]) == (None, "share")
    assert member.id not in str(alert)


async def test_the_lowest_mood_alone_brings_support_in_the_members_language(api: RunningApi, db: Database) -> None:
    member, source = _member(born=date(1990, 1, 1), nation=Nation.WALES, language=Language.CY), _check_in()

    result = await _signpost(api.runtime, member=member, source=source, texts=[None], now=NOW, mood=1)

    assert (result.level, result.show_support, result.alerted) == (RiskLevel.NONE, True, False)
    assert result.message == default_messages().texts[MessageKey.LOW_MOOD].cy
    assert [item.id for item in result.resources] == [
        "emergency-999", "emergency-a-and-e", "samaritans", "shout", "nhs-111-wales", "papyrus-hopeline247",
        "call-wales", "calm", "samaritans-welsh-language-line",
    ]  # fmt: skip
    assert await db.safeguarding_alerts.count_documents({"source_id": source.id}) == 0


@pytest.mark.parametrize("mood", [None, 2, 5])
async def test_an_ordinary_check_in_costs_no_database_command_and_shows_nothing(
    api: RunningApi, command_counter: CommandCounter, mood: int | None
) -> None:
    member = _member(born=date(1990, 1, 1))

    with command_counter.counting() as commands:
        result = await _signpost(api.runtime, member=member, source=_check_in(),
                                texts=["Had a good day at college"], now=NOW, mood=mood)  # fmt: skip

    assert (result.level, result.show_support, result.message, result.resources) == (RiskLevel.NONE, False, None, ())
    assert commands == []


async def test_logs_carry_ids_and_codes_never_the_words_or_the_member(
    api: RunningApi, caplog: pytest.LogCaptureFixture
) -> None:
    member = _member(born=date(1990, 1, 1))
    source = SignpostSource(kind=AlertSourceKind.SHARE, id=new_id(), anonymous=True)
    caplog.set_level(logging.DEBUG)

    await _signpost(api.runtime, member=member, source=source, texts=[HIGH_TEXT], now=NOW)

    [record] = [record for record in caplog.records if record.name == "domain.crisis.service"]
    assert (record.getMessage(), record.source_kind) == ("safeguarding alert raised", "share")
    logged = " ".join(f"{record.getMessage()} {record.__dict__}" for record in caplog.records)
    assert "stockpiling" not in logged
    assert "want to die" not in logged
    assert member.id not in logged


async def test_signposting_and_support_resources_work_with_redis_and_the_broker_down(
    settings: Settings, db: Database
) -> None:
    # Given an API whose Redis and Celery broker point at closed ports (CRISIS-3)
    down = settings.model_copy(
        update={
            "redis": RedisSettings(url=f"redis://127.0.0.1:{free_port()}/1", socket_timeout_seconds=0.5),
            "worker": WorkerSettings(broker_url=f"redis://127.0.0.1:{free_port()}/0"),
        }
    )
    app = create_app(down, clock=FrozenClock(NOW))
    member, source = _member(born=date(2008, 6, 1), nation=Nation.NORTHERN_IRELAND), _check_in()
    query = "query { supportResources(nation: NORTHERN_IRELAND, age: 18) { id openNow } }"

    async with in_process(app) as clients:
        client = clients()
        # When a high-risk check-in is screened and the help screen is opened
        result = await _signpost(app.state.runtime, member=member, source=source,
                                texts=["I’m going to kill myself"], now=NOW)  # fmt: skip
        response = await client.post("/graphql", json={"query": query})

    # Then both answer in full, and the alert is stored
    assert [item.id for item in result.resources] == [
        "emergency-999", "emergency-a-and-e", "samaritans", "shout", "lifeline", "childline", "papyrus-hopeline247",
        "calm", "the-mix",
    ]  # fmt: skip
    assert response.json() == {"data": {"supportResources": [
        {"id": name, "openNow": True} for name in [item.id for item in result.resources]
    ]}}  # fmt: skip
    assert await db.safeguarding_alerts.count_documents({"source_key": f"check_in:{source.id}"}) == 1
