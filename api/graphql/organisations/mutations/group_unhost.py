"""groupUnhost: the group goes back to being run by the platform alone."""

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
from api.graphql.organisations.access import org_staffing
from domain.organisations import OrganisationError, OrganisationErrorCode, unhost_group


@strawberry.enum(description="Why groupUnhost did not change the group's host.")
class GroupUnhostErrorCode(Enum):
    NOT_HOSTED = OrganisationErrorCode.NOT_HOSTED.value
    GROUP_ARCHIVED = OrganisationErrorCode.GROUP_ARCHIVED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="Which group.")
class GroupUnhostInput:
    group_id: strawberry.ID = strawberry.field(description="The group.")


@strawberry.type(description="No organisation hosts the group now.")
class GroupUnhostSuccess:
    group_id: strawberry.ID = strawberry.field(description="The group (its host's staff may no longer see it).")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class GroupUnhostError:
    code: GroupUnhostErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a person can read.")
    field_errors: list[FieldError[GroupUnhostErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


GroupUnhostResult = Annotated[
    GroupUnhostSuccess | GroupUnhostError,
    strawberry.union("GroupUnhostResult", description="The result of groupUnhost."),
]


@mutation(
    description="Stop hosting a group: an admin of its host organisation, or a platform admin. Its alerts go back "
    "to the platform.",
    permission_classes=[IsMember],
)
async def group_unhost(
    info: Info, data: Annotated[GroupUnhostInput, strawberry.argument(name="input", description="Which group.")]
) -> GroupUnhostResult:
    context = info.context
    staffing = await org_staffing(info)
    viewer = await group_viewer(info)
    try:
        with access_denials():
            group = await unhost_group(
                repos=context.repos,
                staffing=staffing,
                actor_id=viewer.id,
                group_id=data.group_id,
                now=context.clock.now(),
            )
    except OrganisationError as error:
        return GroupUnhostError(**error_fields(error, GroupUnhostErrorCode))
    return GroupUnhostSuccess(group_id=strawberry.ID(group.id))
