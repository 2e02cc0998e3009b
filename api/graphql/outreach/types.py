"""GraphQL types of outreach: a thread from the viewer's side, its messages, the openers."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Self

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.loaders import Loaders
from api.graphql.core.pagination import Connection, connection, decode_cursor, page_size
from api.graphql.core.types import Language
from domain.outreach import OPENERS, Opener, OpenerSituation, ThreadView, header, messages
from schemas.documents.messages import MessageDocument
from schemas.documents.threads import ThreadEnding, ThreadKind, ThreadSide, ThreadStatus

strawberry.enum(ThreadKind, description="GROUP: a member and their group's leads and co-leads. STAFF: a member and "
                "the service's safeguarding team.")  # fmt: skip
strawberry.enum(ThreadSide, description="A side of a thread: MEMBER, LEADERSHIP (the group's leads and co-leads, "
                "any of them) or STAFF (the service's safeguarding team).")  # fmt: skip
strawberry.enum(ThreadStatus, description="OPEN, or CLOSED: nothing more can be said in it.")
strawberry.enum(ThreadEnding, description="Why a thread closed: closed by a side, the member left the group, the "
                "group was archived, or the member's account was deleted.")  # fmt: skip
strawberry.enum(Opener, name="ThreadOpenerKey", description="A suggested first message for a lead.")
strawberry.enum(OpenerSituation, description="When an opener fits: QUIET, HARD_DAY, SUPPORT_REQUEST or ANY.")


@strawberry.type(description="A suggested first message a lead may send, or start from, in both languages.")
class ThreadOpener:
    key: Opener = strawberry.field(description="Pass as `opener` to threadStart: sent in the member's language.")
    situation: OpenerSituation = strawberry.field(description="When it fits.")
    english: str = strawberry.field(description="The words in English.")
    welsh: str = strawberry.field(description="The words in Welsh.")

    @classmethod
    def all(cls) -> list[Self]:
        return [
            cls(key=key, situation=entry.situation, english=entry.texts[Language.EN], welsh=entry.texts[Language.CY])
            for key, entry in OPENERS.items()
        ]


async def resolve_author_name(root: Message) -> str | None:
    if root.sender is ThreadSide.STAFF:
        return None
    member = await root.loaders.member_by_id.load(root.author_id)
    return member.display_name if member else None


@strawberry.type(description="One message in a thread.")
class Message:
    id: strawberry.ID = strawberry.field(description="Opaque id.")
    thread_id: strawberry.ID = strawberry.field(description="Its thread.")
    body: str = strawberry.field(description="Its words; empty once deleted.")
    sender: ThreadSide = strawberry.field(
        name="from", description="Which side wrote it: the member, the group's leadership or the safeguarding team."
    )
    mine: bool = strawberry.field(description="The viewer wrote it.")
    sent_at: datetime = strawberry.field(description="When it was sent.")
    edited_at: datetime | None = strawberry.field(description="When its author last changed it.")
    deleted: bool = strawberry.field(description="Its author deleted it: its words are gone.")
    seen: bool = strawberry.field(description="The side it was sent to has seen it.")
    author_name: str | None = strawberry.field(
        resolver=resolve_author_name,
        description="Who wrote it: their display name; null for the safeguarding team (never named).",
    )
    author_id: strawberry.Private[str]
    loaders: strawberry.Private[Loaders]

    @classmethod
    def of(cls, message: MessageDocument, view: ThreadView, viewer_id: str, loaders: Loaders) -> Self:
        thread = view.thread
        seen_at = thread.team_seen_at if message.sender is ThreadSide.MEMBER else thread.member_seen_at
        return cls(
            id=strawberry.ID(message.id), thread_id=strawberry.ID(message.thread_id), body=message.body,
            sender=message.sender, mine=message.author_id == viewer_id, sent_at=message.created_at,
            edited_at=message.edited_at, deleted=message.deleted_at is not None,
            seen=seen_at is not None and seen_at >= message.created_at, author_id=message.author_id, loaders=loaders,
        )  # fmt: skip


PageSize = Annotated[int | None, strawberry.argument(description="Page size, 1 to 100 (default 20).")]
After = Annotated[str | None, strawberry.argument(description="`pageInfo.endCursor` of the previous page.")]


async def resolve_group_name(root: Thread) -> str | None:
    group_id = root.view.thread.group_id
    group = await root.loaders.group_by_id.load(group_id) if group_id else None
    return group.name if group else None


async def resolve_member_name(root: Thread) -> str | None:
    member = await root.loaders.member_by_id.load(root.view.thread.member_id)
    return member.display_name if member else None


async def resolve_messages(
    root: Thread, info: Info, first: PageSize = None, after: After = None
) -> Connection[Message]:
    context = info.context
    size = page_size(first, limit=context.runtime.settings.graphql.max_page_size)
    page = await messages(repos=context.repos, view=root.view, after=decode_cursor(after), first=size)
    return connection(
        page, node=lambda m: Message.of(m, root.view, root.viewer_id, root.loaders),
        keyset=lambda m: (m.created_at, m.id),
    )  # fmt: skip


@strawberry.type(
    description="A private conversation, from the viewer's side: a member and their group's leads and co-leads "
    "(who all see it), or a member and the service's safeguarding team. Never between two members."
)
class Thread:
    id: strawberry.ID = strawberry.field(description="Opaque id; a push about it carries it as threadId.")
    kind: ThreadKind = strawberry.field(description="With a group's leadership, or with the safeguarding team.")
    status: ThreadStatus = strawberry.field(description="Open, or closed.")
    ending: ThreadEnding | None = strawberry.field(description="Why it closed; null while open.")
    started_by: ThreadSide = strawberry.field(description="Which side started it.")
    viewer_side: ThreadSide = strawberry.field(description="The viewer's side of it.")
    group_id: strawberry.ID | None = strawberry.field(description="The group; null with the safeguarding team.")
    member_id: strawberry.ID = strawberry.field(description="The member it is with (the viewer, on their side).")
    header: str = strawberry.field(
        description="Who can read it, as its member is told at the top of it, in the viewer's language; it also "
        "says when it has ended."
    )
    safeguarding_can_read: bool = strawberry.field(
        description="The safeguarding team can read it: with them, or a youth group, a member under 18, or "
        "something in it reported, worrying or left waiting."
    )
    can_write: bool = strawberry.field(description="The viewer may send in it now.")
    unread: bool = strawberry.field(description="The other side wrote since the viewer's side last marked it seen.")
    waiting_since: datetime | None = strawberry.field(
        description="Since when the member's oldest unanswered message has waited for the other side; null if none."
    )
    created_at: datetime = strawberry.field(description="When it started.")
    last_activity_at: datetime = strawberry.field(description="Its last message, or its start.")
    closed_at: datetime | None = strawberry.field(description="When it closed.")
    group_name: str | None = strawberry.field(
        resolver=resolve_group_name,
        description="The group's name; null with the safeguarding team, or once the group is gone.",
    )
    member_name: str | None = strawberry.field(
        resolver=resolve_member_name, description="The member's display name; null once their account is gone."
    )
    messages: Connection[Message] = strawberry.field(
        resolver=resolve_messages,
        description="Its messages, newest first.",
    )
    view: strawberry.Private[ThreadView]
    viewer_id: strawberry.Private[str]
    loaders: strawberry.Private[Loaders]

    @classmethod
    def of(cls, view: ThreadView, *, viewer_id: str, language: Language, loaders: Loaders) -> Self:
        thread = view.thread
        return cls(
            id=strawberry.ID(thread.id), kind=thread.kind, status=thread.status, ending=thread.ending,
            started_by=thread.started_by, viewer_side=view.side, group_id=_id(thread.group_id),
            member_id=strawberry.ID(thread.member_id), header=header(thread, language),
            safeguarding_can_read=thread.staff_readable, can_write=view.can_write, unread=view.unread,
            waiting_since=thread.waiting_since, created_at=thread.created_at, last_activity_at=thread.activity_at,
            closed_at=thread.closed_at, view=view, viewer_id=viewer_id, loaders=loaders,
        )  # fmt: skip


def thread_keyset(view: ThreadView) -> tuple[datetime, str]:
    """Where a list of threads continues: latest activity first."""
    return view.thread.activity_at, view.thread.id


def _id(value: str | None) -> strawberry.ID | None:
    return strawberry.ID(value) if value is not None else None
