"""GraphQL types of the notifications context."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Self

import strawberry

from api.graphql.core.context import Context
from domain.notifications import text_for
from schemas.documents.members import Language, Preferences
from schemas.documents.notifications import NotificationDocument, NotificationKind

strawberry.enum(NotificationKind, description="What a notification is about.")

NAMED_MEMBER_PARAM = "memberId"


async def named_members(context: Context, notifications: Sequence[NotificationDocument]) -> dict[str, str]:
    """Display names of the members these notifications name in the inbox (a lead's heads-up
    names the member): one `$in` query for a whole page, read now, so a changed name shows.
    """
    ids = list({n.params[NAMED_MEMBER_PARAM] for n in notifications if NAMED_MEMBER_PARAM in n.params})
    found = await context.loaders.member_by_id.load_many(ids) if ids else []
    return {member.id: member.display_name for member in found if member is not None}


@strawberry.type(description="A value the app uses to open what a notification is about, such as a group's id.")
class NotificationParam:
    key: str = strawberry.field(description="The name of the value, such as groupId.")
    value: str = strawberry.field(description="The value.")


@strawberry.type(description="One notification in the signed-in member's inbox, whether it was pushed or not.")
class Notification:
    id: strawberry.ID = strawberry.field(description="Opaque id; also the push's tag, so the app can match them.")
    kind: NotificationKind = strawberry.field(description="What it is about.")
    title: str = strawberry.field(description="In the member's language; the same words as the push.")
    body: str = strawberry.field(description="In the member's language; safe to show on a lock screen.")
    params: list[NotificationParam] = strawberry.field(description="Ids for the app to open the right screen.")
    urgent: bool = strawberry.field(description="A safety message: pushed even in quiet hours or on a break.")
    created_at: datetime = strawberry.field(description="When it was sent.")
    read_at: datetime | None = strawberry.field(description="When the member first marked it read; null if unread.")

    @classmethod
    def from_document(
        cls, notification: NotificationDocument, *, language: Language, names: Mapping[str, str] | None = None
    ) -> Self:
        """`names`: display names by member id, for the kinds whose inbox words name a member."""
        named = (names or {}).get(notification.params.get(NAMED_MEMBER_PARAM, ""))
        text = text_for(notification.kind, language).for_inbox(named)
        return cls(
            id=strawberry.ID(notification.id),
            kind=notification.kind,
            title=text.title,
            body=text.body,
            params=[NotificationParam(key=key, value=value) for key, value in sorted(notification.params.items())],
            urgent=notification.urgent,
            created_at=notification.created_at,
            read_at=notification.read_at,
        )


@strawberry.type(description="What the signed-in member allows pushes to do. Safety messages are always pushed.")
class NotificationPreferences:
    reminders: bool = strawberry.field(description="Check-in reminders are pushed.")
    nudges: bool = strawberry.field(description="Gentle nudges when the member has been quiet are pushed.")
    let_leads_know_when_quiet: bool = strawberry.field(
        description="The leads of the member's groups may be told when the member has not checked in for a while; "
        "never their moods or notes. Off for under-18s until they turn it on."
    )
    quiet_hours_start: str = strawberry.field(
        description="When quiet hours begin, HH:MM in the member's time zone; equal to the end means none."
    )
    quiet_hours_end: str = strawberry.field(
        description="When quiet hours end, HH:MM: pushes held during them arrive then."
    )
    daily_push_cap: int = strawberry.field(
        description="Most pushes a day, safety messages aside; more wait for the next morning. 0 means none."
    )
    on_break_until: datetime | None = strawberry.field(
        description="Until then nothing but safety messages is pushed (all still reach the inbox), and the "
        "service notices nothing: no nudges, no difficult-date check-ins, nothing told to leads."
    )

    @classmethod
    def from_preferences(cls, preferences: Preferences) -> Self:
        return cls(
            reminders=preferences.reminders,
            nudges=preferences.nudges,
            let_leads_know_when_quiet=preferences.let_leads_know_when_quiet,
            quiet_hours_start=preferences.quiet_hours_start,
            quiet_hours_end=preferences.quiet_hours_end,
            daily_push_cap=preferences.daily_push_cap,
            on_break_until=preferences.on_break_until,
        )
