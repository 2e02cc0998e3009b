"""Who is pushed about a share, when, and with what: the group (but not the author) at random
moments, the author about support at most hourly and never alongside the group, ids only.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from domain.notifications.catalogue import text_for
from domain.notifications.delivery import Pipeline, deliver
from infra.mongo.client import Database
from infra.push import PushSender
from infra.settings import PushSettings
from schemas.documents.members import Language
from schemas.documents.notifications import NotificationKind, PushStatus
from tests.factories.devices import no_quiet_hours, registered_device
from tests.factories.shares import ShareCast, act, content_group, responded, run, shared
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.fcm import FakeFcm


@pytest.fixture
def pipeline(api: RunningApi, push_sender: PushSender) -> Pipeline:
    return Pipeline(
        repos=api.runtime.repos, push=push_sender, queue=api.runtime.queue, settings=PushSettings(),
        lease=timedelta(minutes=2),
    )  # fmt: skip


async def test_everyone_but_the_author_hears_at_a_random_moment_one_to_ten_minutes_on(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)

    share = await shared(gql, share_cast.author, group_id)

    stored = await db.shares.find_one({"_id": share["id"]})
    assert stored is not None
    sent = await db.notifications.find({"kind": "group_share", "params.shareId": share["id"]}).to_list(None)
    expected = {share_cast.lead.id, share_cast.co_lead.id, share_cast.member.id, share_cast.peer.id}
    assert {n["member_id"] for n in sent} == expected
    for notification in sent:
        assert notification["params"] == {"groupId": group_id, "shareId": share["id"]}
        assert notification["created_at"] == stored["created_minute"]
        assert notification["push"]["status"] == "deferred"
        delay = notification["push"]["not_before"] - stored["created_at"]
        assert timedelta(seconds=60) <= delay <= timedelta(seconds=600)
    assert len({n["push"]["not_before"] for n in sent}) == 4  # each phone at its own moment


async def test_the_author_hears_of_support_hourly_at_most_and_after_the_group_has_heard(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)

    hours = {datetime.now(UTC).replace(minute=0, second=0, microsecond=0)}
    await responded(gql, share_cast.author, share["id"], "Thanks all.")  # their own: no push for it
    mine = {"kind": "share_support", "member_id": share_cast.author.id, "params.groupId": group_id}
    assert await db.notifications.count_documents(mine) == 0
    await responded(gql, share_cast.member, share["id"])
    await act(gql, "ReactionSet", share_cast.peer.token, shareId=share["id"], kind="ME_TOO")
    await responded(gql, share_cast.lead, share["id"])
    hours.add(datetime.now(UTC).replace(minute=0, second=0, microsecond=0))

    told = await db.notifications.find(mine).to_list(None)
    assert len(told) == len(hours)  # one per hour (two only if the clock crossed an hour meanwhile)
    group = await db.notifications.find({"kind": "group_share", "params.shareId": share["id"]}).to_list(None)
    last_group_push = max(n["push"]["not_before"] for n in group)
    for notification in told:
        assert notification["params"] == {"groupId": group_id}
        assert share["id"] not in str(notification)
        assert notification["push"]["not_before"] > last_group_push + timedelta(seconds=59)


async def test_a_change_of_settings_leaves_held_pushes_to_their_own_moments(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, pipeline: Pipeline
) -> None:
    # Given a share: the member's push about it is held for its own moment, 1 to 10 minutes on
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    mine = {"kind": "group_share", "member_id": share_cast.member.id, "params.shareId": share["id"]}
    held = await db.notifications.find_one(mine)
    assert held is not None

    # When the member changes a setting straight away (as the app does on its settings screen)
    await no_quiet_hours(gql, share_cast.member)

    # Then the push keeps its moment, and a worker looking now sends nothing before it
    after = await db.notifications.find_one(mine)
    assert after is not None
    assert (after["push"]["status"], after["push"]["not_before"]) == ("deferred", held["push"]["not_before"])
    assert after["push"]["release_at"] == held["push"]["not_before"]
    assert await deliver(pipeline=pipeline, notification_id=held["_id"], now=datetime.now(UTC)) is None


async def a_share_and_the_members_push_about_it(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, body: str
) -> tuple[str, dict[str, Any], dict[str, Any], str]:
    """A share in a new group, the member's held push about it and the member's phone (no quiet hours)."""
    group_id = await content_group(gql, db, share_cast)
    await no_quiet_hours(gql, share_cast.member)
    phone = await registered_device(gql, share_cast.member)
    share = await shared(gql, share_cast.author, group_id, body)
    [notification] = await db.notifications.find(
        {"kind": "group_share", "member_id": share_cast.member.id, "params.shareId": share["id"]}
    ).to_list(None)
    return group_id, share, notification, phone


async def test_pushes_carry_ids_and_safe_words_only(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, fake_fcm: FakeFcm, pipeline: Pipeline
) -> None:
    group_id, share, notification, phone = await a_share_and_the_members_push_about_it(
        gql, db, share_cast, "My private words about today."
    )

    early = await deliver(pipeline=pipeline, notification_id=notification["_id"], now=datetime.now(UTC))
    later = notification["push"]["not_before"] + timedelta(seconds=1)
    status = await deliver(pipeline=pipeline, notification_id=notification["_id"], now=later)

    assert (early, status) == (None, PushStatus.SENT)  # nothing before its moment
    [received] = fake_fcm.received(phone)
    text = text_for(NotificationKind.GROUP_SHARE, Language.EN)
    assert received.message["notification"] == {"title": text.title, "body": text.body}
    assert received.message["data"] == {
        "notificationId": notification["_id"],
        "kind": "GROUP_SHARE",
        "groupId": group_id,
        "shareId": share["id"],
    }
    assert "private words" not in str(received.message)


async def test_the_app_opens_a_push_by_its_notification_id_and_finds_typed_ids(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, fake_fcm: FakeFcm, pipeline: Pipeline
) -> None:
    # Given the member's phone got the push about a share
    group_id, share, held, phone = await a_share_and_the_members_push_about_it(gql, db, share_cast, "Hard day.")
    await deliver(pipeline=pipeline, notification_id=held["_id"], now=held["push"]["not_before"])
    [received] = fake_fcm.received(phone)
    data = received.message["data"]

    # When the app opens it by the id in the push's data, as the member and as anyone else
    opened = await run(gql, "Notification", share_cast.member.token, id=data["notificationId"])
    theirs = await run(gql, "Notification", share_cast.peer.token, id=data["notificationId"])
    missing = await run(gql, "Notification", share_cast.peer.token, id=str(uuid.uuid4()))

    # Then the kind is the enum's value, with typed ids under the push's own keys, and it opens the share
    notification = opened["data"]["notification"]
    assert (notification["kind"], data["kind"]) == ("GROUP_SHARE", "GROUP_SHARE")
    assert (notification["groupId"], notification["shareId"]) == (data["groupId"], data["shareId"])
    assert (data["groupId"], data["shareId"]) == (group_id, share["id"])
    assert notification["params"] == [{"key": "groupId", "value": group_id}, {"key": "shareId", "value": share["id"]}]
    assert (notification["memberId"], notification["followUpId"], notification["difficultDateId"]) == (None,) * 3
    assert (await run(gql, "ShareScreen", share_cast.member.token, id=data["shareId"]))["data"]["share"]["id"] == (
        share["id"]
    )
    # And another member's notification is NOT_FOUND, word for word like a missing one
    assert [e["extensions"]["code"] for e in theirs["errors"]] == ["NOT_FOUND"]
    assert [{k: v for k, v in e.items() if k != "locations"} for e in theirs["errors"]] == [
        {k: v for k, v in e.items() if k != "locations"} for e in missing["errors"]
    ]
