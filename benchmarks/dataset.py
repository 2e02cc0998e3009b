"""A realistic data set, reproducible from a seed, written with bulk inserts into its own database.

Members (16 to 66, mostly England, 1 in 10 Welsh-speaking, 1 in 10 with reminders off) are
shuffled into groups of 8 to 30 (capacity 30); 1 in 4 also joins a second group with room. Every
group checks in at 19:00 London time on one or two weekdays. Each group has a lead, groups over 15
a co-lead too; everyone joined 90 to 180 days ago. The history (`benchmarks/history.py`) covers
the last 90 days. Documents are built with the stored-document models (`to_mongo()`), as the
repositories write them, and inserted 2,000 at a time, unordered.

At 100k members that is about 7.5 million documents; the local engine loads them in minutes.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from random import Random

from benchmarks.history import History, write_history
from benchmarks.meetings import write_sessions
from benchmarks.writer import Generated, GroupPlan, Person, Writer, seeded_id
from domain.groups.occurrences import next_occurrence
from domain.shares.anonymity import AnonymityKey
from infra.mongo.client import Database
from infra.mongo.indexes import ensure_indexes
from schemas.documents.groups import CheckInSchedule, GroupAccess, GroupDocument, GroupKind
from schemas.documents.members import Language, MemberDocument, Nation, Preferences
from schemas.documents.memberships import GroupRole, MembershipDocument
from schemas.documents.support_resources import Weekday

SIZES: dict[str, int] = {"http": 200, "1k": 1_000, "10k": 10_000, "100k": 100_000}
# At 100k the history (check-ins, shares, sessions) is written for 1 group in 10: the full set is about
# 8 million documents, 20 minutes to load here; every member, group and membership is there, and the
# members measured come from groups with history.
HISTORY_FRACTION: dict[str, float] = {"http": 1.0, "1k": 1.0, "10k": 1.0, "100k": 0.1}
REMINDER_DAYS: dict[str, int] = {"http": 90, "1k": 90, "10k": 90, "100k": 90}  # days of reminders in the inbox
POOL_SIZE = 200  # members with sign-in tokens for the measurements (a realistic spread of tokens)
CAPACITY = 30
CHECK_IN_TIME = "19:00"
ZONE = "Europe/London"


async def generate(db: Database, *, size: str, seed: int, key: AnonymityKey, now: datetime) -> Generated:
    """Drop the database's collections, apply the indexes and write the data set of `size`."""
    started = time.perf_counter()
    for name in await db.list_collection_names():
        await db.drop_collection(name)
    await ensure_indexes(db)
    rng, generated = Random(seed), Generated(size=size)
    writer = Writer(db, generated)
    # Sign-in ids unique per size: every size's pool shares one Auth emulator.
    members = [member_document(rng, index, now, prefix=f"bench-{size}") for index in range(SIZES[size])]
    for member in members:
        await writer.add("members", member.to_mongo())
    plans = _plan_groups(rng, members, HISTORY_FRACTION[size], now)
    by_id = {member.id: member for member in members}
    for plan in plans:
        await _write_group(writer, rng, plan, now)
    history = History(key=key, now=now, reminder_days=REMINDER_DAYS[size])
    await write_history(writer, rng, plans, by_id, history=history, generated=generated)
    await write_sessions(writer, rng, plans, now=now, generated=generated)
    await writer.close()
    generated.pool = _pool(plans, by_id)
    generated.seconds = time.perf_counter() - started
    return generated


def member_document(rng: Random, index: int, now: datetime, *, prefix: str = "bench") -> MemberDocument:
    """A member aged 16 to 66 in London; 1 in 10 with reminders off."""
    born = date(now.year - rng.randint(16, 66), rng.randint(1, 12), rng.randint(1, 28))
    nation = rng.choices(list(Nation), weights=(80, 8, 9, 3))[0]
    language = Language.CY if nation is Nation.WALES and rng.random() < 0.5 else Language.EN
    created = now - timedelta(days=rng.randint(120, 400))
    return MemberDocument(
        id=seeded_id(rng), firebase_uid=f"{prefix}-{index:06d}", display_name=f"Member {index}", date_of_birth=born,
        nation=nation, timezone=ZONE, language=language, preferences=Preferences(reminders=rng.random() >= 0.1),
        created_at=created, updated_at=created,
    )  # fmt: skip


def _plan_groups(rng: Random, members: list[MemberDocument], history: float, now: datetime) -> list[GroupPlan]:
    """Everyone in one group of 8 to 30; 1 in 4 in a second one with room."""
    ids = [member.id for member in members]
    rng.shuffle(ids)
    plans: list[GroupPlan] = []
    while ids:
        take = min(rng.randint(8, CAPACITY), len(ids))
        plans.append(GroupPlan(group_document(rng, len(plans), now), ids[:take], rng.random() < history))
        del ids[:take]
    for member_id in (member.id for member in members if rng.random() < 0.25):
        plan = rng.choice(plans)
        if len(plan.member_ids) < CAPACITY and member_id not in plan.member_ids:
            plan.member_ids.append(member_id)
    return plans


def group_document(rng: Random, index: int, now: datetime) -> GroupDocument:
    """An open or closed group of capacity 30 checking in at 19:00 London time, no one in it yet."""
    weekdays = tuple(sorted(rng.sample(list(Weekday), rng.randint(1, 2)), key=list(Weekday).index))
    schedule = CheckInSchedule(weekdays=weekdays, local_time=CHECK_IN_TIME)
    created = now - timedelta(days=200)
    name = f"Evening circle {index}"
    return GroupDocument(
        id=seeded_id(rng), name=name, description="A peer group that checks in together.",
        kind=rng.choice(list(GroupKind)),
        access=GroupAccess.OPEN if rng.random() < 0.6 else GroupAccess.CLOSED, youth=False, capacity=CAPACITY,
        timezone=ZONE, member_count=0, free_slots=CAPACITY, lead_count=1, name_key=name.casefold(),
        search_text=f"{name} a peer group".casefold(), schedule=schedule,
        next_checkin_at=next_occurrence(schedule, ZONE, after=now), created_by="bench", created_at=created,
        updated_at=created,
    )  # fmt: skip


async def _write_group(writer: Writer, rng: Random, plan: GroupPlan, now: datetime) -> None:
    count = len(plan.member_ids)
    plan.group = plan.group.model_copy(update={"member_count": count, "free_slots": CAPACITY - count})
    await writer.add("groups", plan.group.to_mongo())
    for position, member_id in enumerate(plan.member_ids):
        role = (
            GroupRole.LEAD if position == 0 else GroupRole.CO_LEAD if position == 1 and count > 15 else GroupRole.MEMBER
        )
        await writer.add("memberships", membership_document(rng, plan.group.id, member_id, role, now).to_mongo())


def membership_document(
    rng: Random, group_id: str, member_id: str, role: GroupRole, now: datetime
) -> MembershipDocument:
    """An active membership of 90 to 180 days' standing."""
    joined = now - timedelta(days=rng.randint(90, 180), minutes=rng.randint(0, 1440))
    return MembershipDocument(id=seeded_id(rng), group_id=group_id, member_id=member_id, role=role, joined_at=joined)


def _pool(plans: list[GroupPlan], members: dict[str, MemberDocument]) -> list[Person]:
    """Up to POOL_SIZE members of groups with history, a lead of each such group first."""
    with_history = [plan for plan in plans if plan.history]
    people: dict[str, Person] = {}
    for plan in with_history:
        for position, member_id in enumerate(plan.member_ids):
            uid = members[member_id].firebase_uid
            people.setdefault(uid, Person(uid, member_id, plan.group.id, leads=position == 0))
        if len(people) >= POOL_SIZE:
            break
    return list(people.values())[:POOL_SIZE]
