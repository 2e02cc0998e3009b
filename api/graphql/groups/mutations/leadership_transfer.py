"""leadershipTransfer: the lead hands the lead role to another member and stays on as a co-lead."""

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
from domain.groups import GroupError, GroupErrorCode, transfer_leadership


@strawberry.enum(description="Why leadershipTransfer changed nothing.")
class LeadershipTransferErrorCode(Enum):
    GROUP_ARCHIVED = GroupErrorCode.GROUP_ARCHIVED.value
    CANNOT_TARGET_SELF = GroupErrorCode.CANNOT_TARGET_SELF.value
    YOUTH_LEADS_ASSIGNED_BY_STAFF = GroupErrorCode.YOUTH_LEADS_ASSIGNED_BY_STAFF.value
    NOT_A_MEMBER = GroupErrorCode.NOT_A_MEMBER.value
    ALREADY_LEAD = GroupErrorCode.ALREADY_LEAD.value
    ALREADY_CO_LEAD = GroupErrorCode.ALREADY_CO_LEAD.value
    LEAD_CHANGED = GroupErrorCode.LEAD_CHANGED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The group and the member.")
class LeadershipTransferInput:
    group_id: strawberry.ID = strawberry.field(description="The group.")
    member_id: strawberry.ID = strawberry.field(description="The member who will lead.")


@strawberry.type(description="The member now leads; the outgoing lead is a co-lead.")
class LeadershipTransferSuccess:
    group: Group = strawberry.field(description="The group after the change.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class LeadershipTransferError:
    code: LeadershipTransferErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[LeadershipTransferErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


LeadershipTransferResult = Annotated[
    LeadershipTransferSuccess | LeadershipTransferError,
    strawberry.union("LeadershipTransferResult", description="The result of leadershipTransfer."),
]


@mutation(
    description="Hand the lead role to another member; the outgoing lead stays on as a co-lead.",
    permission_classes=[IsMember],
)
async def leadership_transfer(
    info: Info,
    data: Annotated[
        LeadershipTransferInput, strawberry.argument(name="input", description="The group and the member.")
    ],
) -> LeadershipTransferResult:
    context = info.context
    viewer = await group_viewer(info)
    try:
        with access_denials():
            view = await transfer_leadership(
                repos=context.repos, viewer=viewer, group_id=data.group_id, member_id=data.member_id,
                now=context.clock.now(),
            )  # fmt: skip
    except GroupError as error:
        return LeadershipTransferError(**error_fields(error, LeadershipTransferErrorCode))
    return LeadershipTransferSuccess(group=Group.from_view(view))
