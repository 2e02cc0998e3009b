"""inviteCreate: a lead or co-lead makes an invite code for their group."""

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
from api.graphql.groups.requests import Invite
from domain.groups import GroupError, GroupErrorCode, InviteTerms, create_invite


@strawberry.enum(description="Why inviteCreate made no invite.")
class InviteCreateErrorCode(Enum):
    GROUP_ARCHIVED = GroupErrorCode.GROUP_ARCHIVED.value
    MAX_USES_OUT_OF_RANGE = GroupErrorCode.MAX_USES_OUT_OF_RANGE.value
    VALIDITY_OUT_OF_RANGE = GroupErrorCode.VALIDITY_OUT_OF_RANGE.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The group, and how many times and for how long the code works.")
class InviteCreateInput:
    group_id: strawberry.ID = strawberry.field(description="The group.")
    max_uses: int = strawberry.field(
        default=10, description="How many people it can let in (or, for a request link, ask): 1 to 100."
    )
    valid_for_days: int = strawberry.field(default=7, description="How many days it works: 1 to 30.")
    asks_leads: bool = strawberry.field(
        default=False,
        description="True makes a request link: its holders ask to join with joinRequestCreate and a lead "
        "decides. False (the default): its holders join at once with groupJoin.",
    )


@strawberry.type(description="The invite was made. Share the code now: it is not shown again.")
class InviteCreateSuccess:
    invite: Invite = strawberry.field(description="The invite, without its code.")
    invite_code: str = strawberry.field(description="The code to share; only its hash is kept.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class InviteCreateError:
    code: InviteCreateErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[InviteCreateErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


InviteCreateResult = Annotated[
    InviteCreateSuccess | InviteCreateError,
    strawberry.union("InviteCreateResult", description="The result of inviteCreate."),
]


@mutation(
    description="Make an invite code for a group (leads and co-leads); the code is shown once.",
    permission_classes=[IsMember],
)
async def invite_create(
    info: Info,
    data: Annotated[InviteCreateInput, strawberry.argument(name="input", description="The invite to make.")],
) -> InviteCreateResult:
    context = info.context
    viewer = await group_viewer(info)
    try:
        with access_denials():
            made = await create_invite(
                repos=context.repos, viewer=viewer, group_id=data.group_id, now=context.clock.now(),
                terms=InviteTerms(data.max_uses, data.valid_for_days, asks_leads=data.asks_leads),
            )  # fmt: skip
    except GroupError as error:
        return InviteCreateError(**error_fields(error, InviteCreateErrorCode))
    return InviteCreateSuccess(invite=Invite.from_document(made.invite), invite_code=made.code)
