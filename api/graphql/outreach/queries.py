"""Queries of outreach: one thread, the member's own, a group's leadership inbox, staff's list, the openers."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import access_denials
from api.graphql.core.pagination import Connection, connection, decode_cursor, page_size
from api.graphql.core.permissions import IsMember, IsSafeguarding
from api.graphql.outreach.access import participant, thread_of
from api.graphql.outreach.types import After, PageSize, Thread, ThreadOpener, thread_keyset
from domain import outreach


def _size(info: Info, first: int | None) -> int:
    return page_size(first, limit=info.context.runtime.settings.graphql.max_page_size)


async def resolve_thread(
    info: Info, thread_id: Annotated[strawberry.ID, strawberry.argument(name="id", description="The thread's id.")]
) -> Thread:
    who = await participant(info)
    with access_denials():
        view = await outreach.get_thread(repos=info.context.repos, participant=who, thread_id=thread_id)
    return thread_of(view, who, info.context.loaders)


async def resolve_my_threads(info: Info, first: PageSize = None, after: After = None) -> Connection[Thread]:
    who = await participant(info)
    page = await outreach.my_threads(
        repos=info.context.repos, participant=who, after=decode_cursor(after), first=_size(info, first)
    )
    return connection(page, node=lambda view: thread_of(view, who, info.context.loaders), keyset=thread_keyset)


async def resolve_group_threads(
    info: Info,
    group_id: Annotated[strawberry.ID, strawberry.argument(description="A group the viewer leads or co-leads.")],
    waiting_only: Annotated[
        bool, strawberry.argument(description="Only the threads whose member waits for a reply.")
    ] = False,
    first: PageSize = None,
    after: After = None,
) -> Connection[Thread]:
    who = await participant(info)
    with access_denials():
        page = await outreach.group_threads(
            repos=info.context.repos, participant=who, group_id=group_id, waiting_only=waiting_only,
            after=decode_cursor(after), first=_size(info, first),
        )  # fmt: skip
    return connection(page, node=lambda view: thread_of(view, who, info.context.loaders), keyset=thread_keyset)


async def resolve_safeguarding_threads(info: Info, first: PageSize = None, after: After = None) -> Connection[Thread]:
    who = await participant(info)
    with access_denials():
        page = await outreach.safeguarding_threads(
            repos=info.context.repos, participant=who, after=decode_cursor(after), first=_size(info, first)
        )
    return connection(page, node=lambda view: thread_of(view, who, info.context.loaders), keyset=thread_keyset)


def resolve_thread_openers() -> list[ThreadOpener]:
    return ThreadOpener.all()


@strawberry.type
class OutreachQueries:
    thread: Thread = strawberry.field(
        resolver=resolve_thread,
        description="One private conversation, from the viewer's side. Anyone else's is NOT_FOUND, like a made-up id.",
        permission_classes=[IsMember],
    )
    my_threads: Connection[Thread] = strawberry.field(
        resolver=resolve_my_threads,
        description="The signed-in member's own conversations (with their groups' leads, and with the safeguarding "
        "team), latest activity first.",
        permission_classes=[IsMember],
    )
    group_threads: Connection[Thread] = strawberry.field(
        resolver=resolve_group_threads,
        description="A group's shared leadership inbox: every conversation its members have with its leads and "
        "co-leads, latest activity first. Leads and co-leads only.",
        permission_classes=[IsMember],
    )
    safeguarding_threads: Connection[Thread] = strawberry.field(
        resolver=resolve_safeguarding_threads,
        description="Every conversation the safeguarding team may read (their own; youth groups and members under "
        "18; ones with something reported, worrying or left waiting), latest activity first. Safeguarding staff only.",
        permission_classes=[IsMember, IsSafeguarding],
    )
    thread_openers: list[ThreadOpener] = strawberry.field(
        resolver=resolve_thread_openers,
        description="Suggested first messages for a lead, by situation, in English and Welsh.",
        permission_classes=[IsMember],
    )
