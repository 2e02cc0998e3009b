"""groupLeadAssign: staff make a member a lead of a group (how youth groups get their leads)."""

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
from api.graphql.groups.types import Group
from domain.groups import GroupError, GroupErrorCode, assign_lead


@strawberry.enum(description="Why groupLeadAssign changed nothing.")
class GroupLeadAssignErrorCode(Enum):
    GROUP_ARCHIVED = GroupErrorCode.GROUP_ARCHIVED.value
    LEAD_NOT_FOUND = GroupErrorCode.LEAD_NOT_FOUND.value
    AGE_NOT_ALLOWED = GroupErrorCode.AGE_NOT_ALLOWED.value
    ALREADY_LEAD = GroupErrorCode.ALREADY_LEAD.value
    ALREADY_CO_LEAD = GroupErrorCode.ALREADY_CO_LEAD.value
    ALREADY_MEMBER = GroupErrorCode.ALREADY_MEMBER.value
    REMOVED_FROM_GROUP = GroupErrorCode.REMOVED_FROM_GROUP.value
    GROUP_FULL = GroupErrorCode.GROUP_FULL.value
    NOT_A_MEMBER = GroupErrorCode.NOT_A_MEMBER.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The group and the member.")
class GroupLeadAssignInput:
    group_id: strawberry.ID = strawberry.field(description="The group.")
    member_id: strawberry.ID = strawberry.field(
        description="The member who will lead; added to the group if not in it."
    )


@strawberry.type(description="The member now leads the group.")
class GroupLeadAssignSuccess:
    group: Group = strawberry.field(description="The group after the change.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class GroupLeadAssignError:
    code: GroupLeadAssignErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[GroupLeadAssignErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


GroupLeadAssignResult = Annotated[
    GroupLeadAssignSuccess | GroupLeadAssignError,
    strawberry.union("GroupLeadAssignResult", description="The result of groupLeadAssign."),
]


@mutation(
    description="Make a member a lead of a group, adding them if needed. Staff only.",
    permission_classes=[IsMember],
)
async def group_lead_assign(
    info: Info,
    data: Annotated[GroupLeadAssignInput, strawberry.argument(name="input", description="The group and the member.")],
) -> GroupLeadAssignResult:
    context = info.context
    viewer = await group_viewer(info)
    try:
        with access_denials():
            view = await assign_lead(
                repos=context.repos, viewer=viewer, group_id=data.group_id, member_id=data.member_id,
                now=context.clock.now(),
            )  # fmt: skip
    except GroupError as error:
        return GroupLeadAssignError(**error_fields(error, GroupLeadAssignErrorCode))
    return GroupLeadAssignSuccess(group=Group.from_view(view))
