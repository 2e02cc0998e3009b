"""coLeadPromote: a lead makes a member a co-lead."""

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
from domain.groups import GroupError, GroupErrorCode, promote_co_lead


@strawberry.enum(description="Why coLeadPromote changed nothing.")
class CoLeadPromoteErrorCode(Enum):
    GROUP_ARCHIVED = GroupErrorCode.GROUP_ARCHIVED.value
    CANNOT_TARGET_SELF = GroupErrorCode.CANNOT_TARGET_SELF.value
    NOT_A_MEMBER = GroupErrorCode.NOT_A_MEMBER.value
    ALREADY_CO_LEAD = GroupErrorCode.ALREADY_CO_LEAD.value
    ALREADY_LEAD = GroupErrorCode.ALREADY_LEAD.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The group and the member.")
class CoLeadPromoteInput:
    group_id: strawberry.ID = strawberry.field(description="The group.")
    member_id: strawberry.ID = strawberry.field(description="The member to promote.")


@strawberry.type(description="The member is now a co-lead.")
class CoLeadPromoteSuccess:
    group: Group = strawberry.field(description="The group after the change.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class CoLeadPromoteError:
    code: CoLeadPromoteErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[CoLeadPromoteErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


CoLeadPromoteResult = Annotated[
    CoLeadPromoteSuccess | CoLeadPromoteError,
    strawberry.union("CoLeadPromoteResult", description="The result of coLeadPromote."),
]


@mutation(description="Make a member a co-lead. Leads only.", permission_classes=[IsMember])
async def co_lead_promote(
    info: Info,
    data: Annotated[CoLeadPromoteInput, strawberry.argument(name="input", description="The group and the member.")],
) -> CoLeadPromoteResult:
    context = info.context
    viewer = await group_viewer(info)
    try:
        with access_denials():
            view = await promote_co_lead(
                repos=context.repos, viewer=viewer, group_id=data.group_id, member_id=data.member_id,
                now=context.clock.now(),
            )  # fmt: skip
    except GroupError as error:
        return CoLeadPromoteError(**error_fields(error, CoLeadPromoteErrorCode))
    return CoLeadPromoteSuccess(group=Group.from_view(view))
