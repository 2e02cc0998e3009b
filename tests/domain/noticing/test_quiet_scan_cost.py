"""What one quiet-scan tick costs in MongoDB commands: it reads only the memberships that are due,
through the quiet_due index, so the same 50 due memberships cost the same commands among 100
memberships or among 10,000. Built with bulk inserts through the repositories.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.noticing.quiet_scan import scan_quiet
from infra.mongo.repositories.registry import Repositories
from infra.settings import Settings
from schemas.documents.base import new_id
from schemas.documents.groups import GroupAccess, GroupDocument, GroupKind
from schemas.documents.members import Language, MemberDocument, Nation, Preferences
from schemas.documents.memberships import GroupRole, MembershipDocument
from tests.factories.frozen import frozen_api
from tests.fixtures.app import CommandCounter

NOW = datetime(2027, 5, 10, 12, 0, tzinfo=UTC)
DUE = 50
CHUNK = 1_000


def a_group(group_id: str) -> GroupDocument:
    return GroupDocument(
        _id=group_id, name="G", description="D", kind=GroupKind.GENERAL, access=GroupAccess.CLOSED, youth=False,
        capacity=100, timezone="Europe/London", member_count=1, free_slots=99, lead_count=1, name_key="g",
        search_text="g", created_by="someone", created_at=NOW, updated_at=NOW,
    )  # fmt: skip


def a_member(member_id: str) -> MemberDocument:
    return MemberDocument(
        _id=member_id, firebase_uid=member_id, display_name="M", date_of_birth=date(1990, 1, 1), nation=Nation.WALES,
        timezone="Europe/London", language=Language.EN, preferences=Preferences(), created_at=NOW, updated_at=NOW,
    )  # fmt: skip


def a_membership(group_id: str, member_id: str, *, joined: datetime, evaluate: datetime) -> MembershipDocument:
    return MembershipDocument(
        _id=new_id(), group_id=group_id, member_id=member_id, role=GroupRole.MEMBER, joined_at=joined,
        next_evaluation_at=evaluate,
    )  # fmt: skip


async def seeded(repos: Repositories, total: int) -> None:
    """One group with 50 members quiet since 8 days and due now; `total - 50` more memberships
    (in groups of 100) evaluated tomorrow.
    """
    await repos.groups.insert(a_group("due-group"))
    for index in range(DUE):
        await repos.members.insert(a_member(f"due-{index}"))
    quiet_since = NOW - timedelta(days=8)
    await repos.memberships.insert_many(
        [
            a_membership("due-group", f"due-{i}", joined=quiet_since, evaluate=NOW - timedelta(minutes=1))
            for i in range(DUE)
        ]
    )
    later = [
        a_membership(
            f"group-{i // 100}", f"member-{i}", joined=NOW - timedelta(days=1), evaluate=NOW + timedelta(days=1)
        )
        for i in range(total - DUE)
    ]
    for start in range(0, len(later), CHUNK):
        await repos.memberships.insert_many(later[start : start + CHUNK])


@pytest.mark.parametrize("total", [100, 10_000])
async def test_one_tick_costs_the_same_commands_whatever_the_number_of_memberships(
    settings: Settings, command_counter: CommandCounter, total: int
) -> None:
    async with frozen_api(settings, NOW, isolated=True, listeners=[command_counter]) as api:
        repos = api.runtime.repos
        await seeded(repos, total)
        assert await api.db.memberships.count_documents({}) == total

        with command_counter.counting() as commands:
            outcome = await scan_quiet(repos=repos, queue=api.runtime.queue, now=NOW)

        # Then: the due memberships (one query), their group and members (one each), and for each of the
        # 50 newly quiet: open the episode, write the nudge, record the step
        assert (outcome.evaluated, outcome.started, outcome.messages) == (DUE, DUE, DUE)
        assert commands == ["find", "find", "find"] + ["update", "insert", "update"] * DUE
        assert len(commands) == 153
        # And a second tick finds nothing due
        with command_counter.counting() as again:
            await scan_quiet(repos=repos, queue=api.runtime.queue, now=NOW)
        assert again == ["find"]
