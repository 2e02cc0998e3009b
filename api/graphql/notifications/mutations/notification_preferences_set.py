"""notificationPreferencesSet: the member decides what pushes may do."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.notifications.types import NotificationPreferences
from domain.notifications import NotificationError, NotificationErrorCode, set_preferences
from schemas.commands import or_keep
from schemas.documents.members import PreferencesUpdate, ReminderChannel


@strawberry.enum(description="Why notificationPreferencesSet changed nothing.")
class NotificationPreferencesSetErrorCode(Enum):
    NOTHING_TO_UPDATE = NotificationErrorCode.NOTHING_TO_UPDATE.value
    QUIET_HOURS_INVALID = NotificationErrorCode.QUIET_HOURS_INVALID.value
    DAILY_PUSH_CAP_RANGE = NotificationErrorCode.DAILY_PUSH_CAP_RANGE.value
    ON_BREAK_UNTIL_INVALID = NotificationErrorCode.ON_BREAK_UNTIL_INVALID.value
    ON_BREAK_UNTIL_PAST = NotificationErrorCode.ON_BREAK_UNTIL_PAST.value
    ON_BREAK_UNTIL_TOO_FAR = NotificationErrorCode.ON_BREAK_UNTIL_TOO_FAR.value
    BREAK_CHOICE_CONFLICT = NotificationErrorCode.BREAK_CHOICE_CONFLICT.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(
    description="The preferences to change. A field omitted or null stays as it is (clients that send null for "
    "every field they leave unset change only what they set); none of these is cleared by null. A break is "
    "ended with `endBreak: true`, never by a null."
)
class NotificationPreferencesSetInput:
    reminders: bool | None = strawberry.field(
        default=None, description="Push check-in reminders. Omitted or null: unchanged."
    )
    nudges: bool | None = strawberry.field(
        default=None, description="Push gentle nudges after a quiet spell. Omitted or null: unchanged."
    )
    let_leads_know_when_quiet: bool | None = strawberry.field(
        default=None,
        description="Let the leads of the member's groups be told when the member has not checked in for a "
        "while (never their moods or notes). Omitted or null: unchanged.",
    )
    leads_may_message_me: bool | None = strawberry.field(
        default=None,
        description="Let the leads and co-leads of the member's groups start a private conversation with them (the "
        "member can always start one). Omitted or null: unchanged.",
    )
    quiet_hours_start: str | None = strawberry.field(
        default=None,
        description="HH:MM, 24-hour, in the member's time zone; the same as the end means none. Omitted or null: "
        "unchanged.",
    )
    quiet_hours_end: str | None = strawberry.field(
        default=None, description="HH:MM, 24-hour. Omitted or null: unchanged."
    )
    daily_push_cap: int | None = strawberry.field(
        default=None, description="0 to 10 pushes a day. Omitted or null: unchanged."
    )
    on_break_until: datetime | None = strawberry.field(
        default=None,
        description="Take a break (or move its end): hold every push but safety messages until then, and pause "
        "what the service notices (nudges, difficult-date check-ins, telling leads); with its offset, up to a "
        "year ahead. Omitted or null: unchanged (null never ends a break: `endBreak` does).",
    )
    reminder_channel: ReminderChannel | None = strawberry.field(
        default=None,
        description="PUSH or TEXT (low data: to the member's confirmed number; a push while they have none). "
        "Omitted or null: unchanged.",
    )
    end_break: bool | None = strawberry.field(
        default=None,
        description="True ends the member's break now (not with `onBreakUntil`). Omitted, null or false: unchanged.",
    )


@strawberry.type(description="The preferences were changed.")
class NotificationPreferencesSetSuccess:
    preferences: NotificationPreferences = strawberry.field(description="The preferences after the change.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class NotificationPreferencesSetError:
    code: NotificationPreferencesSetErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[NotificationPreferencesSetErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


NotificationPreferencesSetResult = Annotated[
    NotificationPreferencesSetSuccess | NotificationPreferencesSetError,
    strawberry.union("NotificationPreferencesSetResult", description="The result of notificationPreferencesSet."),
]


@mutation(
    description="Change what pushes may do and what the service notices: reminders, nudges, whether leads "
    "hear of a quiet spell, quiet hours, a daily cap, a break.",
    permission_classes=[IsMember],
)
async def notification_preferences_set(
    info: Info,
    data: Annotated[
        NotificationPreferencesSetInput, strawberry.argument(name="input", description="The preferences to change.")
    ],
) -> NotificationPreferencesSetResult:
    context = info.context
    member = await context.require_member()
    changes = PreferencesUpdate(
        reminders=or_keep(data.reminders),
        nudges=or_keep(data.nudges),
        let_leads_know_when_quiet=or_keep(data.let_leads_know_when_quiet),
        leads_may_message_me=or_keep(data.leads_may_message_me),
        quiet_hours_start=or_keep(data.quiet_hours_start),
        quiet_hours_end=or_keep(data.quiet_hours_end),
        daily_push_cap=or_keep(data.daily_push_cap),
        reminder_channel=or_keep(data.reminder_channel),
        on_break_until=or_keep(data.on_break_until),  # omitted or null: unchanged; endBreak ends a break
    )
    try:
        preferences = await set_preferences(
            repos=context.repos, member=member, changes=changes, end_break=data.end_break is True,
            now=context.clock.now(),
        )  # fmt: skip
    except NotificationError as error:
        return NotificationPreferencesSetError(**error_fields(error, NotificationPreferencesSetErrorCode))
    return NotificationPreferencesSetSuccess(preferences=NotificationPreferences.of(member, preferences))
