"""groupHost: an organisation takes a group under its wing (its staff, safeguarding on call, local services)."""

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
from api.graphql.organisations.access import org_staffing
from domain.groups import get_group
from domain.organisations import OrganisationError, OrganisationErrorCode, host_group


@strawberry.enum(description="Why groupHost did not change the group's host.")
class GroupHostErrorCode(Enum):
    ALREADY_HOSTED = OrganisationErrorCode.ALREADY_HOSTED.value
    GROUP_ARCHIVED = OrganisationErrorCode.GROUP_ARCHIVED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="Which group.")
class GroupHostInput:
    group_id: strawberry.ID = strawberry.field(description="The group.")
    organisation_id: strawberry.ID = strawberry.field(description="The organisation that will host it.")


@strawberry.type(description="The organisation hosts the group from now on.")
class GroupHostSuccess:
    group: Group = strawberry.field(description="The group.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class GroupHostError:
    code: GroupHostErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a person can read.")
    field_errors: list[FieldError[GroupHostErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


GroupHostResult = Annotated[
    GroupHostSuccess | GroupHostError,
    strawberry.union("GroupHostResult", description="The result of groupHost."),
]


@mutation(
    description="Host a group by an organisation: the group's lead who is an admin of the organisation, or a "
    "platform admin.",
    permission_classes=[IsMember],
)
async def group_host(
    info: Info, data: Annotated[GroupHostInput, strawberry.argument(name="input", description="Which group.")]
) -> GroupHostResult:
    context = info.context
    staffing = await org_staffing(info)
    viewer = await group_viewer(info)
    try:
        with access_denials():
            group = await host_group(
                repos=context.repos,
                staffing=staffing,
                actor_id=viewer.id,
                organisation_id=data.organisation_id,
                group_id=data.group_id,
                now=context.clock.now(),
            )
    except OrganisationError as error:
        return GroupHostError(**error_fields(error, GroupHostErrorCode))
    view = await get_group(repos=context.repos, viewer=viewer, group_id=group.id)  # they could see it: lead or admin
    return GroupHostSuccess(group=Group.from_view(view))
