"""groupScheduleSet: a lead sets when the group checks in (days and a local time), or clears it."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError, Weekday
from api.graphql.execution.input_limits import MaxItems
from api.graphql.groups.access import group_viewer
from api.graphql.groups.types import Group
from domain.groups import GroupError, GroupErrorCode, ScheduleDraft, nothing_given, set_schedule


@strawberry.enum(description="Why groupScheduleSet changed nothing.")
class GroupScheduleSetErrorCode(Enum):
    WEEKDAYS_REQUIRED = GroupErrorCode.WEEKDAYS_REQUIRED.value
    WEEKDAYS_REPEATED = GroupErrorCode.WEEKDAYS_REPEATED.value
    LOCAL_TIME_INVALID = GroupErrorCode.LOCAL_TIME_INVALID.value
    NOTHING_TO_UPDATE = GroupErrorCode.NOTHING_TO_UPDATE.value
    GROUP_ARCHIVED = GroupErrorCode.GROUP_ARCHIVED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The days and the time, in the group's time zone, the group checks in.")
class CheckInScheduleInput:
    weekdays: list[Weekday] = strawberry.field(
        description="One to seven days, each once.", directives=[MaxItems(count=7)]
    )
    local_time: str = strawberry.field(description="HH:MM on a 24-hour clock, such as 19:00.")


@strawberry.input(description="The group, and its schedule; a null schedule clears it, an omitted one changes nothing.")
class GroupScheduleSetInput:
    group_id: strawberry.ID = strawberry.field(description="The group the viewer leads.")
    schedule: strawberry.Maybe[CheckInScheduleInput | None] = strawberry.field(
        description="When the group checks in; null for no scheduled check-ins. Omitted: nothing changes "
        "(NOTHING_TO_UPDATE)."
    )


@strawberry.type(description="The schedule was set; `group.nextCheckInAt` is the next check-in.")
class GroupScheduleSetSuccess:
    group: Group = strawberry.field(description="The group, with its schedule.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class GroupScheduleSetError:
    code: GroupScheduleSetErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[GroupScheduleSetErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


GroupScheduleSetResult = Annotated[
    GroupScheduleSetSuccess | GroupScheduleSetError,
    strawberry.union("GroupScheduleSetResult", description="The result of groupScheduleSet."),
]


@mutation(
    description="Set the days and local time the group checks in, or clear them. Leads only.",
    permission_classes=[IsMember],
)
async def group_schedule_set(
    info: Info,
    data: Annotated[GroupScheduleSetInput, strawberry.argument(name="input", description="The group and when.")],
) -> GroupScheduleSetResult:
    context = info.context
    viewer = await group_viewer(info)
    if data.schedule is None:  # omitted: unlike null, it asks for no change
        return GroupScheduleSetError(**error_fields(nothing_given("schedule"), GroupScheduleSetErrorCode))
    given = data.schedule.value
    draft = ScheduleDraft(given.weekdays, given.local_time) if given else None
    try:
        with access_denials():
            view = await set_schedule(
                repos=context.repos, viewer=viewer, group_id=data.group_id, draft=draft, now=context.clock.now()
            )
    except GroupError as error:
        return GroupScheduleSetError(**error_fields(error, GroupScheduleSetErrorCode))
    return GroupScheduleSetSuccess(group=Group.from_view(view))
