"""The crisis screen on shares and responses: support in the same response, an alert for staff,
high risk held in youth groups, and leads told that someone may be struggling, never who.
"""

from __future__ import annotations

from typing import Any

from api.main import create_app
from infra.local.services import free_port
from infra.mongo.client import Database
from infra.settings import RedisSettings, Settings, WorkerSettings
from tests.factories.shares import (
    ShareCast,
    YoungPeople,
    act,
    content_group,
    feed,
    responded,
    run,
    shared,
    youth_content_group,
)
from tests.fixtures.app import GraphQLClient, in_process
from tests.fixtures.changes import Changes
from tests.support.operations import app_operation

HIGH = "I want to kill myself"
ALWAYS = ["emergency-999", "emergency-a-and-e", "samaritans", "shout"]
CONCERN = "Everything feels hopeless"


async def notifications_of(db: Database, kind: str) -> list[dict[str, Any]]:
    return await db.notifications.find({"kind": kind}).to_list(None)


async def test_high_risk_brings_support_at_once_an_alert_without_the_author_and_a_word_to_the_lead(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)
    await db.notifications.delete_many({"kind": "group_support_needed"})

    result = await act(gql, "ShareCreate", share_cast.author.token, groupId=group_id, body=HIGH)

    assert result["__typename"] == "ShareCreateSuccess"
    share, support = result["share"], result["signposting"]
    assert (share["status"], share["sensitive"]) == ("PUBLISHED", True)
    assert support["level"] == "HIGH"
    assert "116 123" in support["message"]
    assert "samaritans" in [r["id"] for r in support["resources"]]
    [alert] = await db.safeguarding_alerts.find({"source_id": share["id"]}).to_list(None)
    assert (alert["source_kind"], alert["member_id"], alert["level"]) == ("share", None, "high")
    [told] = await notifications_of(db, "group_support_needed")
    assert (told["member_id"], told["params"]) == (share_cast.lead.id, {"groupId": group_id})
    assert share["id"] not in str(told)


async def test_concern_brings_support_and_no_alert(gql: GraphQLClient, db: Database, share_cast: ShareCast) -> None:
    group_id = await content_group(gql, db, share_cast)

    result = await act(gql, "ShareCreate", share_cast.author.token, groupId=group_id, body=CONCERN)

    assert (result["signposting"]["level"], result["share"]["sensitive"]) == ("CONCERN", True)
    assert await db.safeguarding_alerts.count_documents({"source_id": result["share"]["id"]}) == 0


async def test_a_response_is_screened_too(gql: GraphQLClient, db: Database, share_cast: ShareCast) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)

    result = await act(gql, "ResponseCreate", share_cast.member.token, shareId=share["id"], body=HIGH)

    assert result["signposting"]["level"] == "HIGH"
    [alert] = await db.safeguarding_alerts.find({"source_id": result["response"]["id"]}).to_list(None)
    assert (alert["source_kind"], alert["member_id"]) == ("response", None)


async def test_when_the_lead_wrote_it_nobody_is_told_in_their_place(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    # The co-lead hearing only when the lead wrote it would tell them who did.
    group_id = await content_group(gql, db, share_cast)
    await db.notifications.delete_many({"kind": "group_support_needed"})

    await act(gql, "ShareCreate", share_cast.lead.token, groupId=group_id, body=HIGH)

    assert await notifications_of(db, "group_support_needed") == []


async def test_in_a_youth_group_high_risk_is_held_for_staff(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, young: YoungPeople
) -> None:
    group_id = await youth_content_group(gql, db, share_cast, young)

    result = await act(gql, "ShareCreate", young.author.token, groupId=group_id, body=HIGH)

    share = result["share"]
    assert (share["status"], result["signposting"]["level"]) == ("HELD", "HIGH")
    assert [n["status"] for n in (await feed(gql, young.author, group_id))["nodes"]] == ["HELD"]
    for other in (young.members[1], young.lead):
        assert (await feed(gql, other, group_id))["nodes"] == []
        screen = await run(gql, "ShareScreen", other.token, id=share["id"])
        assert screen["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
    assert [n["status"] for n in (await feed(gql, share_cast.staff, group_id))["nodes"]] == ["HELD"]
    assert await db.notifications.count_documents({"kind": "group_share", "params.shareId": share["id"]}) == 0
    assert await db.notifications.count_documents({"kind": "group_support_needed", "member_id": young.lead.id}) >= 1
    reply = await act(gql, "ResponseCreate", young.members[1].token, shareId=share["id"], body="Hi")
    assert reply["errors"][0]["extensions"] == {"code": "NOT_FOUND"}


async def test_in_a_youth_group_a_high_risk_response_is_held_too(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, young: YoungPeople
) -> None:
    group_id = await youth_content_group(gql, db, share_cast, young)
    share = await shared(gql, young.author, group_id)

    reply = await responded(gql, young.members[1], share["id"], HIGH)

    assert reply["status"] == "HELD"
    others = await run(gql, "ShareScreen", young.members[2].token, id=share["id"])
    assert (others["data"]["share"]["responses"]["nodes"], others["data"]["share"]["responseCount"]) == ([], 0)
    own = await run(gql, "ShareScreen", young.members[1].token, id=share["id"])
    assert [r["status"] for r in own["data"]["share"]["responses"]["nodes"]] == ["HELD"]


async def test_support_comes_back_with_redis_and_the_broker_down(
    db: Database, settings: Settings, share_cast: ShareCast, gql: GraphQLClient
) -> None:
    # CRISIS-3: nothing between a member and their helplines depends on Redis, Celery or FCM.
    group_id = await content_group(gql, db, share_cast)
    closed = f"redis://127.0.0.1:{free_port()}/0"
    down = settings.model_copy(
        update={
            "redis": RedisSettings(url=closed, socket_timeout_seconds=0.2),
            "worker": WorkerSettings(broker_url=closed),
        }
    )
    async with in_process(create_app(down)) as client:
        response = await client().post(
            "/graphql",
            json={"query": app_operation("ShareCreate"), "variables": {"input": {"groupId": group_id, "body": HIGH}}},
            headers={"Authorization": f"Bearer {share_cast.author.token}"},
        )
    result = response.json()["data"]["shareCreate"]
    assert result["__typename"] == "ShareCreateSuccess", result
    assert result["signposting"]["level"] == "HIGH"
    assert await db.safeguarding_alerts.count_documents({"source_id": result["share"]["id"]}) == 1


async def test_words_reversed_behind_a_right_to_left_override_are_screened_as_shown(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    # Stored backwards, shown as "I want to kill myself" (issue 13, item 3).
    group_id = await content_group(gql, db, share_cast)
    result = await act(
        gql, "ShareCreate", share_cast.author.token, groupId=group_id, body="\u202eflesym llik ot tnaw I"
    )

    assert (result["__typename"], result["signposting"]["level"]) == ("ShareCreateSuccess", "HIGH")
    assert await db.safeguarding_alerts.count_documents({"source_id": result["share"]["id"]}) == 1


async def test_a_refused_share_or_response_still_carries_the_support_its_words_call_for(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    too_long = f"{HIGH}. {'x' * 2_000}"
    before = await changes.mark()

    refused_share = await act(gql, "ShareCreate", share_cast.author.token, groupId=group_id, body=too_long)
    refused_edit = await act(gql, "ShareUpdate", share_cast.author.token, shareId=share["id"], body=too_long)
    refused_reply = await act(gql, "ResponseCreate", share_cast.member.token, shareId=share["id"], body=too_long)

    for result, typename in (
        (refused_share, "ShareCreateError"), (refused_edit, "ShareUpdateError"), (refused_reply, "ResponseCreateError")
    ):  # fmt: skip
        assert (result["__typename"], result["code"]) == (typename, "BODY_LENGTH")
        assert result["signposting"]["level"] == "HIGH"
        assert [r["id"] for r in result["signposting"]["resources"]][:4] == ALWAYS
    assert await changes.since(before) == []  # nothing stored, no alert raised


async def test_in_a_bereavement_group_support_adds_cruse_and_never_an_information_line(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    # Given a bereavement group and a general one, and an author in Wales aged 30
    grieving = await content_group(gql, db, share_cast, kind="BEREAVEMENT")
    general = await content_group(gql, db, share_cast, kind="GENERAL")

    # When the author writes words of distress in each
    there = await act(gql, "ShareCreate", share_cast.author.token, groupId=grieving, body=CONCERN)
    elsewhere = await act(gql, "ShareCreate", share_cast.author.token, groupId=general, body=CONCERN)

    # Then Cruse comes in the bereavement group only, and Mind's Infoline (information) in neither
    shown = [[r["id"] for r in result["signposting"]["resources"]] for result in (there, elsewhere)]
    assert shown[0] == [
        "emergency-999", "emergency-a-and-e", "samaritans", "shout", "nhs-111-wales", "papyrus-hopeline247",
        "call-wales", "calm", "cruse-bereavement-support", "samaritans-welsh-language-line",
    ]  # fmt: skip
    assert shown[1] == [item for item in shown[0] if item != "cruse-bereavement-support"]
