"""GraphQL types of the notifications context."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import Enum
from typing import Self

import strawberry
from strawberry.types.enum import EnumValueDefinition

from api.graphql.core.context import Context
from domain.notifications import text_for
from domain.outreach import leads_may_message
from schemas.documents.members import Language, MemberDocument, Preferences, ReminderChannel
from schemas.documents.notifications import NotificationDocument
from schemas.documents.notifications import NotificationKind as Kind
from schemas.push import COMMON_KEYS, PUSH_DATA_KEYS, PushKey

NAMED_MEMBER_PARAM = PushKey.MEMBER_ID.value


def _kind(kind: Kind, meaning: str) -> EnumValueDefinition:
    """An enum value whose description ends with its push's data keys, from the contract itself."""
    keys = ", ".join([*COMMON_KEYS, *PUSH_DATA_KEYS[kind]])
    return strawberry.enum_value(kind.value, description=f"{meaning} Push data: {keys}.")


@strawberry.enum(
    name="NotificationKind",
    description="What a notification is about. A push's data carries `notificationId`, `kind` (this value, "
    "such as GROUP_SHARE) and the ids listed for its kind, under these keys; the same ids are the "
    "notification's typed fields and `params`. Open it with `notification(id:)`.",
)
class NotificationKindValue(Enum):
    JOIN_REQUEST_APPROVED = _kind(Kind.JOIN_REQUEST_APPROVED, "A lead let the member into a group.")
    JOIN_REQUEST_DECLINED = _kind(Kind.JOIN_REQUEST_DECLINED, "A group could not take the member's request.")
    CHECK_IN_REMINDER = _kind(Kind.CHECK_IN_REMINDER, "The group's scheduled check-in is open.")
    GROUP_SHARE = _kind(Kind.GROUP_SHARE, "Someone in the member's group shared a down day.")
    SHARE_SUPPORT = _kind(
        Kind.SHARE_SUPPORT, "Someone responded or reacted to the member's share (the share's id is not carried)."
    )
    GROUP_SUPPORT_NEEDED = _kind(Kind.GROUP_SUPPORT_NEEDED, "Leads: someone in the group may be struggling.")
    REPORT_RECEIVED = _kind(Kind.REPORT_RECEIVED, "Leads: something in the group was reported.")
    DIFFICULT_DATE_CHECK_IN = _kind(Kind.DIFFICULT_DATE_CHECK_IN, "A day the member said may be hard.")
    DIFFICULT_DATE_HEADS_UP = _kind(Kind.DIFFICULT_DATE_HEADS_UP, "Leads: tomorrow may be hard for a member.")
    SIGNPOST_FOLLOW_UP = _kind(Kind.SIGNPOST_FOLLOW_UP, "How is the member, two days after a hard moment.")
    QUIET_NUDGE = _kind(Kind.QUIET_NUDGE, "The member has been quiet in a group: a gentle nudge.")
    QUIET_LAST_WORD = _kind(Kind.QUIET_LAST_WORD, "Two weeks into a quiet spell: one last kind word.")
    LEAD_DIGEST = _kind(Kind.LEAD_DIGEST, "Leads: the day's summary is ready (read it from myLeadership).")
    MOOD_SUPPORT = _kind(Kind.MOOD_SUPPORT, "The member's moods have been low: support, privately.")
    SUPPORT_REQUEST = _kind(Kind.SUPPORT_REQUEST, "Leads: a member would welcome a message (answer in the thread).")
    THREAD_MESSAGE = _kind(Kind.THREAD_MESSAGE, "A new message in one of the member's conversations: open the thread.")
    THREAD_WAITING = _kind(Kind.THREAD_WAITING, "Leads: a member has waited 48 hours for a reply in their group.")
    MODERATION_NOTICE = _kind(
        Kind.MODERATION_NOTICE, "A moderator acted on the member's content, or muted them: see moderationNotices."
    )
    SAFEGUARDING_PAGE = _kind(Kind.SAFEGUARDING_PAGE, "Organisation staff on call: a safeguarding alert needs them.")
    SESSION_REMINDER_DAY = _kind(Kind.SESSION_REMINDER_DAY, "A session the member is going to is tomorrow.")
    SESSION_REMINDER_SOON = _kind(Kind.SESSION_REMINDER_SOON, "A session the member is going to starts in 2 hours.")
    SESSION_CANCELLED = _kind(Kind.SESSION_CANCELLED, "A session the member was going to was cancelled.")
    SESSION_MOVED = _kind(Kind.SESSION_MOVED, "A session the member was going to has a new time.")
    SESSION_PLACE_OFFERED = _kind(Kind.SESSION_PLACE_OFFERED, "A place came up: the member is now going.")
    TEXT_WELCOME = _kind(Kind.TEXT_WELCOME, "By text only: the first text to someone a lead added by phone.")
    TEXT_BUDGET_LOW = _kind(Kind.TEXT_BUDGET_LOW, "Org admins: the organisation has used 80% of this month's texts.")


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


def _id(params: Mapping[str, str], key: PushKey) -> strawberry.ID | None:
    value = params.get(key.value)
    return strawberry.ID(value) if value is not None else None


@strawberry.type(description="One notification in the signed-in member's inbox, whether it was pushed or not.")
class Notification:
    id: strawberry.ID = strawberry.field(description="Opaque id; also the push's tag, so the app can match them.")
    kind: NotificationKindValue = strawberry.field(description="What it is about, and which ids it carries.")
    group_id: strawberry.ID | None = strawberry.field(description="The group, for the kinds that carry one.")
    share_id: strawberry.ID | None = strawberry.field(description="The share, for GROUP_SHARE.")
    member_id: strawberry.ID | None = strawberry.field(
        description="The member it is about, for the leads' DIFFICULT_DATE_HEADS_UP and SUPPORT_REQUEST."
    )
    follow_up_id: strawberry.ID | None = strawberry.field(
        description="The follow-up to answer, for SIGNPOST_FOLLOW_UP."
    )
    difficult_date_id: strawberry.ID | None = strawberry.field(
        description="The member's difficult date, for DIFFICULT_DATE_CHECK_IN."
    )
    thread_id: strawberry.ID | None = strawberry.field(
        description="The conversation, for THREAD_MESSAGE, THREAD_WAITING and SUPPORT_REQUEST."
    )
    alert_id: strawberry.ID | None = strawberry.field(description="The safeguarding alert, for SAFEGUARDING_PAGE.")
    session_id: strawberry.ID | None = strawberry.field(description="The session, for the SESSION_ kinds.")
    title: str = strawberry.field(description="In the member's language; the same words as the push.")
    body: str = strawberry.field(description="In the member's language; safe to show on a lock screen.")
    params: list[NotificationParam] = strawberry.field(
        description="The same ids as the typed fields, as key and value (the keys a push's data uses)."
    )
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
        params = notification.params
        return cls(
            id=strawberry.ID(notification.id),
            kind=NotificationKindValue(notification.kind.value),
            group_id=_id(params, PushKey.GROUP_ID),
            share_id=_id(params, PushKey.SHARE_ID),
            member_id=_id(params, PushKey.MEMBER_ID),
            follow_up_id=_id(params, PushKey.FOLLOW_UP_ID),
            difficult_date_id=_id(params, PushKey.DIFFICULT_DATE_ID),
            thread_id=_id(params, PushKey.THREAD_ID),
            alert_id=_id(params, PushKey.ALERT_ID),
            session_id=_id(params, PushKey.SESSION_ID),
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
    reminder_channel: ReminderChannel = strawberry.field(
        description="How check-in reminders arrive: PUSH, or TEXT to the member's confirmed number (a push when "
        "they have none)."
    )
    leads_may_message_me: bool = strawberry.field(
        description="The leads and co-leads of the member's groups may start a private conversation with them. On "
        "for adults, off for under-18s until they turn it on; the member can always start one themselves, and the "
        "safeguarding team can always reach them."
    )

    @classmethod
    def of(cls, member: MemberDocument, preferences: Preferences | None = None) -> Self:
        """The member's preferences (or these, just stored for them)."""
        preferences = preferences or member.preferences
        return cls(
            leads_may_message_me=leads_may_message(member.model_copy(update={"preferences": preferences})),
            reminders=preferences.reminders,
            nudges=preferences.nudges,
            let_leads_know_when_quiet=preferences.let_leads_know_when_quiet,
            quiet_hours_start=preferences.quiet_hours_start,
            quiet_hours_end=preferences.quiet_hours_end,
            daily_push_cap=preferences.daily_push_cap,
            on_break_until=preferences.on_break_until,
            reminder_channel=preferences.reminder_channel,
        )
