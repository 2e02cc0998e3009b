"""The push contract the app deep-links from (issue 14, item 6): each kind's ids under one set of
camelCase keys, the kind as its GraphQL enum value, the SDL documenting each kind's data, and no
notification written that breaks it.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

import pytest
from graphql import GraphQLEnumType

from domain.notifications.service import notify
from infra.mongo.client import Database
from schemas.documents.notifications import NotificationDocument, NotificationKind
from schemas.push import COMMON_KEYS, PUSH_DATA_KEYS, PushKey, push_data
from tests.fixtures.app import RunningApi
from tests.security.registry import app_schema


def test_every_kind_says_which_ids_it_carries_under_camel_case_keys() -> None:
    assert set(PUSH_DATA_KEYS) == set(NotificationKind)
    assert [key.value for key in PushKey if not re.fullmatch(r"[a-z]+(?:[A-Z][a-z]+)*Id", key.value)] == []
    assert COMMON_KEYS == ("notificationId", "kind")


def test_the_graphql_enum_keeps_its_values_and_documents_each_kind_s_push_data() -> None:
    enum = app_schema().type_map["NotificationKind"]
    assert isinstance(enum, GraphQLEnumType)
    assert list(enum.values) == [kind.name for kind in NotificationKind]  # the values the app already knows
    for kind in NotificationKind:
        keys = ", ".join(["notificationId", "kind", *PUSH_DATA_KEYS[kind]])
        assert (enum.values[kind.name].description or "").endswith(f" Push data: {keys}."), kind


def test_a_push_carries_the_enum_value_and_exactly_its_kind_s_ids() -> None:
    params = {"groupId": "g-1", "shareId": "s-1"}
    assert push_data("n-1", NotificationKind.GROUP_SHARE, params) == {
        "notificationId": "n-1", "kind": "GROUP_SHARE", "groupId": "g-1", "shareId": "s-1"
    }  # fmt: skip
    assert push_data("n-2", NotificationKind.LEAD_DIGEST, {}) == {"notificationId": "n-2", "kind": "LEAD_DIGEST"}


@pytest.mark.parametrize("params", [{}, {"group_id": "g-1"}, {"groupId": "g-1", "shareId": "s-1"}])
async def test_a_notification_that_breaks_its_kind_s_contract_is_refused_before_anything_is_written(
    api: RunningApi, db: Database, params: dict[str, str]
) -> None:
    key = f"test:{uuid.uuid4()}"
    with pytest.raises(ValueError, match="CHECK_IN_REMINDER carries"):
        await notify(
            repos=api.runtime.repos, queue=api.runtime.queue, member_id="m-1", kind=NotificationKind.CHECK_IN_REMINDER,
            dedupe_key=key, now=datetime.now(UTC), params=params,
        )  # fmt: skip
    assert await db.notifications.count_documents({"dedupe_key": key}) == 0


def test_a_notification_stored_with_the_old_key_reads_with_the_camel_case_one() -> None:
    stored = {
        "_id": "n-1", "member_id": "m-1", "kind": "check_in_reminder", "params": {"group_id": "g-1"},
        "dedupe_key": "k", "created_at": datetime(2026, 1, 1, tzinfo=UTC),
    }  # fmt: skip
    assert NotificationDocument.from_mongo(stored).params == {"groupId": "g-1"}
