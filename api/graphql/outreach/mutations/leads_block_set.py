"""leadsBlockSet: the member blocks (or unblocks) one group's leads from starting conversations with them."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.outreach.access import participant
from domain import outreach


@strawberry.enum(description="Why leadsBlockSet changed nothing.")
class LeadsBlockSetErrorCode(Enum):
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The group, and whether its leads may start conversations with the member.")
class LeadsBlockSetInput:
    group_id: strawberry.ID = strawberry.field(description="One of the member's groups.")
    blocked: bool = strawberry.field(description="True: its leads cannot start one. False: they can again.")


@strawberry.type(description="The member's choice for the group, as stored.")
class LeadsBlockSetSuccess:
    group_id: strawberry.ID = strawberry.field(description="The group.")
    blocked: bool = strawberry.field(description="Whether its leads are blocked from starting conversations.")


@strawberry.type(description="Nothing changed; `code` says why. A group the member is not in is NOT_FOUND.")
class LeadsBlockSetError:
    code: LeadsBlockSetErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[LeadsBlockSetErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


LeadsBlockSetResult = Annotated[
    LeadsBlockSetSuccess | LeadsBlockSetError,
    strawberry.union("LeadsBlockSetResult", description="The result of leadsBlockSet."),
]


@mutation(
    description="Block (or unblock) one of the member's groups' leads from starting conversations with them.",
    permission_classes=[IsMember],
)
async def leads_block_set(
    info: Info, data: Annotated[LeadsBlockSetInput, strawberry.argument(name="input", description="The choice.")]
) -> LeadsBlockSetResult:
    who = await participant(info)
    with access_denials():
        membership = await outreach.set_leads_blocked(
            repos=info.context.repos, participant=who, group_id=data.group_id, blocked=data.blocked
        )
    return LeadsBlockSetSuccess(group_id=strawberry.ID(membership.group_id), blocked=membership.leads_blocked)
