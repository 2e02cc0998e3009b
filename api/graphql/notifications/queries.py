"""Queries of the notifications context: the inbox, its unread count, and the member's preferences."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import access_denials
from api.graphql.core.pagination import Connection, connection, decode_cursor, page_size
from api.graphql.core.permissions import IsMember
from api.graphql.notifications.types import Notification, NotificationPreferences, named_members
from domain.notifications import inbox_notification, inbox_page, unread_count


async def resolve_notifications(
    info: Info,
    first: Annotated[int | None, strawberry.argument(description="Page size, 1 to 100 (default 20).")] = None,
    after: Annotated[str | None, strawberry.argument(description="`endCursor` of the previous page.")] = None,
) -> Connection[Notification]:
    context = info.context
    member = await context.require_member()
    size = page_size(first, limit=context.runtime.settings.graphql.max_page_size)
    page = await inbox_page(repos=context.repos, member=member, first=size, after=decode_cursor(after))
    names = await named_members(context, page.items)
    return connection(
        page,
        node=lambda item: Notification.from_document(item, language=member.language, names=names),
        keyset=lambda item: (item.created_at, item.id),
    )


async def resolve_notification(
    info: Info,
    notification_id: Annotated[
        strawberry.ID, strawberry.argument(name="id", description="The notification's id (a push's `notificationId`).")
    ],
) -> Notification:
    context = info.context
    member = await context.require_member()
    with access_denials():
        notification = await inbox_notification(repos=context.repos, member=member, notification_id=notification_id)
    names = await named_members(context, [notification])
    return Notification.from_document(notification, language=member.language, names=names)


async def resolve_unread_notification_count(info: Info) -> int:
    member = await info.context.require_member()
    return await unread_count(repos=info.context.repos, member=member)


async def resolve_notification_preferences(info: Info) -> NotificationPreferences:
    member = await info.context.require_member()
    return NotificationPreferences.of(member)


@strawberry.type
class NotificationQueries:
    notifications: Connection[Notification] = strawberry.field(
        resolver=resolve_notifications,
        description="The signed-in member's inbox, newest first: every notification, pushed or not.",
        permission_classes=[IsMember],
    )
    notification: Notification = strawberry.field(
        resolver=resolve_notification,
        description="One of the signed-in member's notifications, as the inbox shows it: what the app opens from "
        "a push's `notificationId`, without paging the inbox. Another member's is NOT_FOUND, like a missing one.",
        permission_classes=[IsMember],
    )
    unread_notification_count: int = strawberry.field(
        resolver=resolve_unread_notification_count,
        description="How many inbox notifications are unread, counted up to 100 (show 100 as 99+).",
        permission_classes=[IsMember],
    )
    notification_preferences: NotificationPreferences = strawberry.field(
        resolver=resolve_notification_preferences,
        description="What the signed-in member allows pushes to do.",
        permission_classes=[IsMember],
    )
