"""The inbox: every notification newest first in the member's language, an unread count, and marking read."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from domain.notifications.catalogue import text_for
from infra.mongo.client import Database
from schemas.documents.members import Language
from schemas.documents.notifications import NotificationKind
from tests.factories.members import onboarded_member
from tests.factories.notifications import stored_notification
from tests.fixtures.app import CommandCounter, GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator

INBOX = """
query Inbox($first: Int, $after: String) {
  notifications(first: $first, after: $after) {
    nodes { id kind title body params { key value } urgent createdAt readAt }
    pageInfo { hasNextPage endCursor }
  }
  unreadNotificationCount
}
"""
MARK_READ = """
mutation NotificationsMarkRead($input: NotificationsMarkReadInput!) {
  notificationsMarkRead(input: $input) {
    __typename
    ... on NotificationsMarkReadSuccess { notifications { id readAt } notFoundIds unreadCount }
    ... on NotificationsMarkReadError { code message fieldErrors { field code message } }
  }
}
"""
BASE = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)


async def test_the_inbox_pages_newest_first_in_the_member_s_language(
    gql: GraphQLClient, auth_emulator: AuthEmulator, api: RunningApi
) -> None:
    # Given five notifications, one already read, for a Welsh-speaking member (and one for someone else)
    member = await onboarded_member(gql, auth_emulator, language="CY")
    other = await onboarded_member(gql, auth_emulator)
    repos = api.runtime.repos
    written = [
        await stored_notification(repos, member.id, created_at=BASE + timedelta(minutes=i), params={"groupId": f"g{i}"})
        for i in range(4)
    ]
    written.append(
        await stored_notification(
            repos, member.id, created_at=BASE + timedelta(minutes=9), kind=NotificationKind.JOIN_REQUEST_APPROVED,
            read_at=BASE + timedelta(minutes=10),
        )
    )  # fmt: skip
    await stored_notification(repos, other.id, created_at=BASE + timedelta(minutes=5))

    # When the member reads the inbox two at a time
    pages, after = [], None
    while True:
        body = await gql(INBOX, {"first": 2, "after": after}, token=member.token)
        connection = body["data"]["notifications"]
        pages.append([node["id"] for node in connection["nodes"]])
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]

    # Then every one of theirs comes once, newest first, in Welsh, and the unread count leaves out the read one
    newest_first = [n.id for n in reversed(written)]
    assert pages == [newest_first[0:2], newest_first[2:4], newest_first[4:5]]
    first = (await gql(INBOX, {"first": 1}, token=member.token))["data"]
    approved = text_for(NotificationKind.JOIN_REQUEST_APPROVED, Language.CY)
    assert first["notifications"]["nodes"] == [
        {
            "id": written[4].id, "kind": "JOIN_REQUEST_APPROVED", "title": approved.title, "body": approved.body,
            "params": [], "urgent": False, "createdAt": (BASE + timedelta(minutes=9)).isoformat(),
            "readAt": (BASE + timedelta(minutes=10)).isoformat(),
        }
    ]  # fmt: skip
    assert first["unreadNotificationCount"] == 4
    second_page = (await gql(INBOX, {"first": 2, "after": after}, token=member.token))["data"]
    assert second_page["notifications"]["nodes"][0]["params"] == [{"key": "groupId", "value": "g0"}]


async def test_a_member_marks_their_own_read_and_other_ids_change_nothing_alike(
    gql: GraphQLClient, auth_emulator: AuthEmulator, api: RunningApi, db: Database
) -> None:
    member, other = await onboarded_member(gql, auth_emulator), await onboarded_member(gql, auth_emulator)
    repos = api.runtime.repos
    unread = await stored_notification(repos, member.id, created_at=BASE)
    already = await stored_notification(repos, member.id, created_at=BASE, read_at=BASE + timedelta(hours=1))
    left = await stored_notification(repos, member.id, created_at=BASE)
    theirs = await stored_notification(repos, other.id, created_at=BASE)
    unknown = str(uuid.uuid4())

    ids = [unread.id, already.id, theirs.id, unknown, unread.id]
    result = (await gql(MARK_READ, {"input": {"ids": ids}}, token=member.token))["data"]["notificationsMarkRead"]

    read_at = {n["id"]: n["readAt"] for n in result["notifications"]}
    assert list(read_at) == [unread.id, already.id]
    assert read_at[already.id] == (BASE + timedelta(hours=1)).isoformat()  # the first read time stays
    assert abs(datetime.fromisoformat(read_at[unread.id]) - datetime.now(UTC)) < timedelta(minutes=1)
    assert result["notFoundIds"] == [theirs.id, unknown]
    assert result["unreadCount"] == 1
    stored = await db.notifications.find_one({"_id": theirs.id})
    assert stored is not None
    assert stored["read_at"] is None
    assert (await db.notifications.find_one({"_id": left.id}) or {})["read_at"] is None


async def test_marking_none_is_refused_and_changes_nothing(
    gql: GraphQLClient, auth_emulator: AuthEmulator, api: RunningApi, db: Database
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    mine = await stored_notification(api.runtime.repos, member.id, created_at=BASE)

    result = (await gql(MARK_READ, {"input": {"ids": []}}, token=member.token))["data"]["notificationsMarkRead"]

    assert (result["__typename"], result["code"]) == ("NotificationsMarkReadError", "IDS_COUNT")
    assert (await db.notifications.find_one({"_id": mine.id}) or {})["read_at"] is None


async def test_marking_more_than_100_is_refused_before_anything_runs(
    gql: GraphQLClient, auth_emulator: AuthEmulator, api: RunningApi, db: Database
) -> None:
    # The API-wide list limit answers first, with its own typed code.
    member = await onboarded_member(gql, auth_emulator)
    mine = await stored_notification(api.runtime.repos, member.id, created_at=BASE)
    ids = [mine.id, *[str(uuid.uuid4()) for _ in range(100)]]

    body = await gql(MARK_READ, {"input": {"ids": ids}}, token=member.token)

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "LIST_TOO_LONG"
    assert (await db.notifications.find_one({"_id": mine.id}) or {})["read_at"] is None


@pytest.mark.parametrize("first", [0, 101])
async def test_a_page_size_outside_1_to_100_is_refused(
    gql: GraphQLClient, auth_emulator: AuthEmulator, first: int
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    body = await gql(INBOX, {"first": first}, token=member.token)
    assert body["data"] is None
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT"}


async def test_the_inbox_screen_costs_the_same_few_commands_however_many_notifications(
    gql: GraphQLClient, auth_emulator: AuthEmulator, api: RunningApi, command_counter: CommandCounter
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    for i in range(30):
        await stored_notification(api.runtime.repos, member.id, created_at=BASE + timedelta(seconds=i))

    with command_counter.counting() as commands:
        body = await gql(INBOX, {"first": 25}, token=member.token)

    assert len(body["data"]["notifications"]["nodes"]) == 25
    # The member (once per request), one page of notifications, one count.
    assert commands == ["find", "find", "aggregate"]
