"""The `Signposting` type the check-in, share and response mutations will embed,
tried in a small schema of its own (no mutation of this branch returns it yet).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import strawberry
from graphql import GraphQLObjectType

from api.graphql.crisis.types import Signposting
from domain.crisis.messages import MessageKey, default_messages
from domain.crisis.service import SignpostSource, signpost
from schemas.documents.base import new_id
from schemas.documents.members import Language, MemberDocument, Nation, Preferences
from schemas.documents.safeguarding_alerts import AlertSourceKind
from tests.fixtures.app import RunningApi

NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)  # Monday 8pm in London: Breathing Space is open
QUERY = "{ signposting { level message resources { id name openNow hours contacts { label } } } }"


def _member(language: Language) -> MemberDocument:
    return MemberDocument(
        id=new_id(), firebase_uid=new_id(), display_name="Sam", date_of_birth=date(2008, 2, 1),
        nation=Nation.SCOTLAND, timezone="Europe/London", language=language, preferences=Preferences(),
        created_at=NOW, updated_at=NOW,
    )  # fmt: skip


def _schema(value: Signposting | None) -> strawberry.Schema:
    def resolve() -> Signposting | None:
        return value

    @strawberry.type(description="A stand-in for a mutation's success type.")
    class Query:
        signposting: Signposting | None = strawberry.field(resolver=resolve, description="What the member is shown.")

    return strawberry.Schema(query=Query)


async def _shown(api: RunningApi, *, texts: list[str | None], mood: int | None, language: Language) -> Any:
    source = SignpostSource(kind=AlertSourceKind.CHECK_IN, id=new_id())
    runtime = api.runtime
    result = await signpost(repos=runtime.repos, directory=runtime.support, member=_member(language), source=source,
                            texts=texts, now=NOW, mood=mood)  # fmt: skip
    executed = await _schema(Signposting.from_result(result)).execute(QUERY)
    assert executed.errors is None
    return executed.data


async def test_high_risk_words_are_met_with_kind_words_and_the_members_helplines(api: RunningApi) -> None:
    data = await _shown(api, texts=["I want to kill myself"], mood=3, language=Language.EN)

    shown = data["signposting"]
    assert (shown["level"], shown["message"]) == ("HIGH", default_messages().texts[MessageKey.HIGH].en)
    assert [item["id"] for item in shown["resources"]] == [
        "emergency-999", "emergency-a-and-e", "samaritans", "shout", "nhs-24-scotland", "childline",
        "papyrus-hopeline247", "breathing-space", "calm", "the-mix",
    ]  # fmt: skip
    assert shown["resources"][-3] == {
        "id": "breathing-space",
        "name": "Breathing Space",
        "openNow": True,
        "hours": "Monday to Thursday 6pm to 2am; Friday 6pm to Monday 6am",
        "contacts": [{"label": "Call 0800 83 85 87"}, {"label": "Web chat at breathingspace.scot"}],
    }


async def test_the_lowest_mood_alone_is_shown_in_welsh_with_no_level(api: RunningApi) -> None:
    data = await _shown(api, texts=[None], mood=1, language=Language.CY)

    shown = data["signposting"]
    assert (shown["level"], shown["message"]) == ("NONE", default_messages().texts[MessageKey.LOW_MOOD].cy)
    assert shown["resources"][2]["name"] == "Y Samariaid"


async def test_nothing_is_embedded_when_nothing_calls_for_support(api: RunningApi) -> None:
    data = await _shown(api, texts=["a quiet, good day"], mood=4, language=Language.EN)
    assert data == {"signposting": None}


def test_every_field_of_the_embedded_types_is_described() -> None:
    schema = _schema(None)._schema
    for name in ("Signposting", "SupportResource", "SupportContact", "OpeningRange"):
        graphql_type = schema.type_map[name]
        assert isinstance(graphql_type, GraphQLObjectType)
        assert graphql_type.description
        assert [field for field, value in graphql_type.fields.items() if not value.description] == []
    assert schema.type_map["RiskLevel"].description
