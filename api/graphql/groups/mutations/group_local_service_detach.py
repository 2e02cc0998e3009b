"""groupLocalServiceDetach: a lead takes a local service off their group's list."""

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
from domain.groups import GroupError, GroupErrorCode, detach_local_service


@strawberry.enum(description="Why groupLocalServiceDetach changed nothing.")
class GroupLocalServiceDetachErrorCode(Enum):
    GROUP_ARCHIVED = GroupErrorCode.GROUP_ARCHIVED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The group and a service attached to it.")
class GroupLocalServiceDetachInput:
    group_id: strawberry.ID = strawberry.field(description="The group the viewer leads or co-leads.")
    service_id: strawberry.ID = strawberry.field(description="The attached service to take off its list.")


@strawberry.type(description="The service is not attached (it was not, or is no longer).")
class GroupLocalServiceDetachSuccess:
    group: Group = strawberry.field(description="The group, with its attached services.")


@strawberry.type(description="Nothing was changed; `code` says why.")
class GroupLocalServiceDetachError:
    code: GroupLocalServiceDetachErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[GroupLocalServiceDetachErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


GroupLocalServiceDetachResult = Annotated[
    GroupLocalServiceDetachSuccess | GroupLocalServiceDetachError,
    strawberry.union("GroupLocalServiceDetachResult", description="The result of groupLocalServiceDetach."),
]


@mutation(
    description="Take a local service off the group's attached list (it may still be listed for the group's area). "
    "Leads and co-leads only; detaching what is not attached changes nothing.",
    permission_classes=[IsMember],
)
async def group_local_service_detach(
    info: Info,
    data: Annotated[
        GroupLocalServiceDetachInput, strawberry.argument(name="input", description="The group and the service.")
    ],
) -> GroupLocalServiceDetachResult:
    context = info.context
    viewer = await group_viewer(info)
    try:
        with access_denials():
            view = await detach_local_service(
                repos=context.repos, viewer=viewer, group_id=data.group_id, service_id=data.service_id,
                now=context.clock.now(),
            )  # fmt: skip
    except GroupError as error:
        return GroupLocalServiceDetachError(**error_fields(error, GroupLocalServiceDetachErrorCode))
    return GroupLocalServiceDetachSuccess(group=Group.from_view(view))
