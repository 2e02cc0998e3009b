"""groupLeave: a member leaves a group; its last lead hands over first."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.groups.access import group_viewer
from domain.groups import GroupError, GroupErrorCode, leave_group
from domain.sessions import withdraw_member


@strawberry.enum(description="Why groupLeave did not take the member out.")
class GroupLeaveErrorCode(Enum):
    NOT_A_MEMBER = GroupErrorCode.NOT_A_MEMBER.value
    LAST_LEAD = GroupErrorCode.LAST_LEAD.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The group to leave.")
class GroupLeaveInput:
    group_id: strawberry.ID = strawberry.field(description="The group.")


@strawberry.type(description="The member left the group.")
class GroupLeaveSuccess:
    group_id: strawberry.ID = strawberry.field(description="The group they left.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class GroupLeaveError:
    code: GroupLeaveErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[GroupLeaveErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


GroupLeaveResult = Annotated[
    GroupLeaveSuccess | GroupLeaveError,
    strawberry.union("GroupLeaveResult", description="The result of groupLeave."),
]


@mutation(
    description="Leave a group. The last lead hands over first.",
    permission_classes=[IsMember],
)
async def group_leave(
    info: Info,
    data: Annotated[GroupLeaveInput, strawberry.argument(name="input", description="Which group.")],
) -> GroupLeaveResult:
    context = info.context
    viewer = await group_viewer(info)
    try:
        with access_denials():
            await leave_group(repos=context.repos, viewer=viewer, group_id=data.group_id, now=context.clock.now())
    except GroupError as error:
        return GroupLeaveError(**error_fields(error, GroupLeaveErrorCode))
    # Their places at coming sessions go to those waiting (after the leave: it decides).
    await withdraw_member(repos=context.repos, queue=context.runtime.queue, group_id=data.group_id,
                          member_id=viewer.id, now=context.clock.now())  # fmt: skip
    return GroupLeaveSuccess(group_id=data.group_id)
