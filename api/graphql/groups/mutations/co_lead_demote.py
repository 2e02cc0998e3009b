"""coLeadDemote: a lead makes a co-lead a member again."""

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
from domain.groups import GroupError, GroupErrorCode, demote_co_lead


@strawberry.enum(description="Why coLeadDemote changed nothing.")
class CoLeadDemoteErrorCode(Enum):
    GROUP_ARCHIVED = GroupErrorCode.GROUP_ARCHIVED.value
    CANNOT_TARGET_SELF = GroupErrorCode.CANNOT_TARGET_SELF.value
    NOT_A_MEMBER = GroupErrorCode.NOT_A_MEMBER.value
    NOT_A_CO_LEAD = GroupErrorCode.NOT_A_CO_LEAD.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The group and the member.")
class CoLeadDemoteInput:
    group_id: strawberry.ID = strawberry.field(description="The group.")
    member_id: strawberry.ID = strawberry.field(description="The co-lead to step down.")


@strawberry.type(description="The co-lead is a member again.")
class CoLeadDemoteSuccess:
    group: Group = strawberry.field(description="The group after the change.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class CoLeadDemoteError:
    code: CoLeadDemoteErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[CoLeadDemoteErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


CoLeadDemoteResult = Annotated[
    CoLeadDemoteSuccess | CoLeadDemoteError,
    strawberry.union("CoLeadDemoteResult", description="The result of coLeadDemote."),
]


@mutation(
    description="Make a co-lead a member again. Leads only.",
    permission_classes=[IsMember],
)
async def co_lead_demote(
    info: Info,
    data: Annotated[CoLeadDemoteInput, strawberry.argument(name="input", description="The group and the member.")],
) -> CoLeadDemoteResult:
    context = info.context
    viewer = await group_viewer(info)
    try:
        with access_denials():
            view = await demote_co_lead(
                repos=context.repos, viewer=viewer, group_id=data.group_id, member_id=data.member_id,
                now=context.clock.now(),
            )  # fmt: skip
    except GroupError as error:
        return CoLeadDemoteError(**error_fields(error, CoLeadDemoteErrorCode))
    return CoLeadDemoteSuccess(group=Group.from_view(view))
