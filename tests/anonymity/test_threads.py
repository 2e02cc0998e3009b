"""The anonymity oracle, for conversations: no path leads from an anonymous share (or response) to
a thread with its author. Nothing that starts a thread takes content; a share's or response's id
where a member's belongs is refused exactly like a random id; what a lead may do with the author
is what they may do with anyone in the group, answered alike; the schema links no content type to
a thread; staff reach the author of anonymous words only through break-glass; and nothing stored
with a thread names content.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from graphql import GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLUnionType

from infra.mongo.client import Database
from tests.anonymity.conftest import Canaried, Recorder, Scene
from tests.factories.members import onboarded_member
from tests.factories.outreach import key
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.security.registry import app_schema

HIGH = "I want to kill myself"
STARTING = ("ThreadStart", "StaffThreadStart", "SupportRequest")
CONTENT_WORDS = ("share", "response", "content", "reaction", "author")


async def test_no_thread_can_be_started_from_anonymous_content(
    gql: GraphQLClient, db: Database, scene: Scene, auth_emulator: AuthEmulator
) -> None:
    rec = Recorder(gql)
    staff_member = await onboarded_member(gql, auth_emulator, claims={"safeguarding": True})
    staff = Canaried(person=staff_member, display_name="Staff", device_token="none")
    author, lead, member = scene.author, scene.lead, scene.member
    share = (await rec.act(author, "ShareCreate", groupId=scene.group_id, body="A grey one today."))["share"]
    crisis = (await rec.act(author, "ShareCreate", groupId=scene.group_id, body=HIGH))["share"]
    reply = (await rec.act(author, "ResponseCreate", shareId=share["id"], body="Me too."))["response"]

    # A share's or response's id where a member's belongs: refused, word for word, like a random id
    answers = [await _start(rec, lead, scene, target) for target in (share["id"], reply["id"], str(uuid.uuid4()))]
    assert len({_without(answer, share["id"], reply["id"]) for answer in answers}) == 1
    assert answers[0]["code"] == "NOT_A_MEMBER"

    # What a lead may do with the author is what they may do with any member: answered alike
    with_author, with_member = [await _start(rec, lead, scene, who.person.id) for who in (author, member)]
    assert _shape(with_author) == _shape(with_member) == ("ThreadStartSuccess", False, "LEADERSHIP", "GROUP")

    # Staff reach the author of anonymous words only through break-glass, and leads not at all
    alert = await db.safeguarding_alerts.find_one({"source_id": crisis["id"]})
    assert alert is not None
    assert alert["member_id"] is None
    by_staff = await rec.act(staff, "StaffThreadStart", alertId=alert["_id"], body="Hi", clientKey=key())
    assert by_staff["code"] == "ALERT_WITHOUT_MEMBER"
    refused = await rec.act(lead, "StaffThreadStart", alertId=alert["_id"], body="Hi", clientKey=key())
    assert [e["extensions"]["code"] for e in refused["errors"]] == ["FORBIDDEN"]

    # Nothing stored with a thread, or its messages, names the content
    stored = json.dumps([*await db.threads.find({}).to_list(None), *await db.messages.find({}).to_list(None)],
                        default=str)  # fmt: skip
    assert [content_id for content_id in (share["id"], crisis["id"], reply["id"]) if content_id in stored] == []


def test_nothing_that_starts_a_thread_takes_content_and_no_content_type_leads_to_one() -> None:
    schema = app_schema()
    for name in ("threadStart", "staffThreadStart", "supportRequest", "messageSend"):
        [argument] = schema.mutation_type.fields[name].args.values()  # type: ignore[union-attr]
        input_type = _named(argument.type)
        assert isinstance(input_type, GraphQLInputObjectType)
        assert [f for f in input_type.fields if any(word in f.lower() for word in CONTENT_WORDS)] == [], name
    for content in ("Share", "Response", "NamedShare", "NamedResponse"):
        if content in schema.type_map:
            assert {"Thread", "Message"} & _reachable(schema.type_map[content]) == set(), content
    for conversation in ("Thread", "Message"):
        assert {"Share", "Response"} & _reachable(schema.type_map[conversation]) == set(), conversation


async def _start(rec: Recorder, lead: Canaried, scene: Scene, member_id: str) -> dict[str, Any]:
    return await rec.act(
        lead, "ThreadStart", groupId=scene.group_id, memberId=member_id, body="Hello.", clientKey=key()
    )


def _without(answer: dict[str, Any], *ids: str) -> str:
    text = json.dumps(answer, sort_keys=True)
    for each in ids:
        text = text.replace(each, "<id>")
    return text


def _shape(answer: dict[str, Any]) -> tuple[str, bool, str, str]:
    return answer["__typename"], answer["alreadyOpen"], answer["thread"]["viewerSide"], answer["thread"]["kind"]


def _named(type_: Any) -> Any:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    return type_


def _reachable(start: Any) -> set[str]:
    """Every object type a client can reach from `start` through fields (unions followed)."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        current = _named(todo.pop())
        if isinstance(current, GraphQLUnionType):
            todo.extend(current.types)
            continue
        if not isinstance(current, GraphQLObjectType) or current.name in seen:
            continue
        seen.add(current.name)
        todo.extend(field.type for field in current.fields.values())
    return seen - {_named(start).name}
