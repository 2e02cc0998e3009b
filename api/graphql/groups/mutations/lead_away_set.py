"""leadAwaySet: a lead or co-lead marks themself away for a while, or back; others cover meanwhile."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.groups.access import group_viewer
from api.graphql.groups.types import Group
from domain.groups import GroupError, GroupErrorCode, nothing_given, set_away


@strawberry.enum(description="Why leadAwaySet changed nothing.")
class LeadAwaySetErrorCode(Enum):
    GROUP_ARCHIVED = GroupErrorCode.GROUP_ARCHIVED.value
    AWAY_UNTIL_INVALID = GroupErrorCode.AWAY_UNTIL_INVALID.value
    NOT_A_MEMBER = GroupErrorCode.NOT_A_MEMBER.value
    NOTHING_TO_UPDATE = GroupErrorCode.NOTHING_TO_UPDATE.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The group, and until when; null means back now, omitted changes nothing.")
class LeadAwaySetInput:
    group_id: strawberry.ID = strawberry.field(description="The group they lead or co-lead.")
    until: strawberry.Maybe[datetime | None] = strawberry.field(
        description="Away until then (within 90 days); null to be back now. Omitted: nothing changes "
        "(NOTHING_TO_UPDATE)."
    )


@strawberry.type(description="The away time was set; while every lead is away, the co-leads hear what leads would.")
class LeadAwaySetSuccess:
    group: Group = strawberry.field(description="The group, with `viewerAwayUntil` set.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class LeadAwaySetError:
    code: LeadAwaySetErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[LeadAwaySetErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


LeadAwaySetResult = Annotated[
    LeadAwaySetSuccess | LeadAwaySetError,
    strawberry.union("LeadAwaySetResult", description="The result of leadAwaySet."),
]


@mutation(
    description="Mark yourself away from leading a group until a time, or back.",
    permission_classes=[IsMember],
)
async def lead_away_set(
    info: Info,
    data: Annotated[LeadAwaySetInput, strawberry.argument(name="input", description="The group and the time.")],
) -> LeadAwaySetResult:
    context = info.context
    viewer = await group_viewer(info)
    if data.until is None:  # omitted: unlike null, it asks for no change
        return LeadAwaySetError(**error_fields(nothing_given("until"), LeadAwaySetErrorCode))
    try:
        with access_denials():
            view = await set_away(
                repos=context.repos, viewer=viewer, group_id=data.group_id, until=data.until.value,
                now=context.clock.now(),
            )  # fmt: skip
    except GroupError as error:
        return LeadAwaySetError(**error_fields(error, LeadAwaySetErrorCode))
    return LeadAwaySetSuccess(group=Group.from_view(view))
