"""Queries of moderation: a group's shared queue."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Self

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import access_denials
from api.graphql.core.pagination import Connection, connection, decode_cursor, page_size
from api.graphql.core.permissions import IsMember
from api.graphql.moderation.notices import ModerationAppeal, ModerationNotice
from api.graphql.moderation.types import Report
from api.graphql.shares.access import request_context
from api.graphql.shares.types import After, PageSize
from domain.moderation import appeals_waiting, moderation_log, moderation_queue, my_notices
from schemas.documents.moderation_actions import ActorRole, ModerationActionDocument, ModerationActionKind, TargetKind


async def resolve_moderation_queue(
    info: Info,
    group_id: Annotated[strawberry.ID, strawberry.argument(description="The group.")],
    first: PageSize = None,
    after: After = None,
) -> Connection[Report]:
    ctx = await request_context(info)
    size = page_size(first, limit=info.context.runtime.settings.graphql.max_page_size)
    with access_denials():
        page = await moderation_queue(
            repos=info.context.repos, reader=ctx.reader, group_id=group_id, after=decode_cursor(after), first=size
        )
    return connection(
        page,
        node=lambda item: Report.from_item(item, ctx),
        keyset=lambda item: (item.report.created_minute, item.report.id),
    )


@strawberry.type(description="One entry of a group's moderation log: who did what, and why.")
class ModerationLogEntry:
    id: strawberry.ID = strawberry.field(description="Opaque id.")
    action: ModerationActionKind = strawberry.field(description="What was done.")
    actor_role: ActorRole = strawberry.field(description="As whom: lead, co-lead, staff, or the service itself.")
    actor_member_id: strawberry.ID | None = strawberry.field(description="The moderator; null for the service.")
    target_kind: TargetKind = strawberry.field(description="A member, a share or a response.")
    target_id: strawberry.ID = strawberry.field(description="Its id (never the author of anonymous content).")
    reason: str | None = strawberry.field(description="Why, as the moderator wrote it.")
    created_at: datetime = strawberry.field(description="When.")

    @classmethod
    def of(cls, entry: ModerationActionDocument) -> Self:
        actor = strawberry.ID(entry.actor_member_id) if entry.actor_member_id else None
        return cls(
            id=strawberry.ID(entry.id), action=entry.action, actor_role=entry.actor_role, actor_member_id=actor,
            target_kind=entry.target_kind, target_id=strawberry.ID(entry.target_id), reason=entry.reason,
            created_at=entry.created_at,
        )  # fmt: skip


async def resolve_moderation_log(
    info: Info,
    group_id: Annotated[strawberry.ID, strawberry.argument(description="The group.")],
    first: PageSize = None,
    after: After = None,
) -> Connection[ModerationLogEntry]:
    ctx = await request_context(info)
    size = page_size(first, limit=info.context.runtime.settings.graphql.max_page_size)
    with access_denials():
        page = await moderation_log(
            repos=info.context.repos, reader=ctx.reader, group_id=group_id, after=decode_cursor(after), first=size
        )
    return connection(page, node=ModerationLogEntry.of, keyset=lambda entry: (entry.created_at, entry.id))


async def resolve_moderation_notices(info: Info) -> list[ModerationNotice]:
    ctx = await request_context(info)
    return [ModerationNotice.of(n) for n in await my_notices(repos=info.context.repos, reader=ctx.reader)]


async def resolve_moderation_appeals(
    info: Info, group_id: Annotated[strawberry.ID, strawberry.argument(description="The group.")]
) -> list[ModerationAppeal]:
    ctx = await request_context(info)
    staff = info.context.require_identity().is_staff
    with access_denials():
        found = await appeals_waiting(
            repos=info.context.repos, reader=ctx.reader, platform_staff=staff, group_id=group_id
        )
    return [ModerationAppeal.of(n) for n in found]


@strawberry.type
class ModerationQueries:
    moderation_queue: Connection[Report] = strawberry.field(
        resolver=resolve_moderation_queue,
        description="Reports waiting in a group, oldest first: one queue shared by its leads and co-leads, "
        "and open to safeguarding staff. Who reported is never shown.",
        permission_classes=[IsMember],
    )
    moderation_notices: list[ModerationNotice] = strawberry.field(
        resolver=resolve_moderation_notices,
        description="What moderators did to the member's own content, or to them, and why, newest first: "
        "told to them alone (the anonymous author too), each appealable once.",
        permission_classes=[IsMember],
    )
    moderation_appeals: list[ModerationAppeal] = strawberry.field(
        resolver=resolve_moderation_appeals,
        description="A group's appeals waiting for a decision, oldest first: for the host organisation's staff, "
        "and platform staff. Never who appealed.",
        permission_classes=[IsMember],
    )
    moderation_log: Connection[ModerationLogEntry] = strawberry.field(
        resolver=resolve_moderation_log,
        description="What a group's leads and staff did there, newest first: for its leads and co-leads, "
        "safeguarding staff and the host organisation's staff. Reporters are never named.",
        permission_classes=[IsMember],
    )
