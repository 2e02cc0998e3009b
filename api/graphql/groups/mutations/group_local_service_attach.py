"""groupLocalServiceAttach: a lead points their group to one of its host's local services first."""

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
from domain.groups import GroupError, GroupErrorCode, attach_local_service


@strawberry.enum(description="Why groupLocalServiceAttach changed nothing.")
class GroupLocalServiceAttachErrorCode(Enum):
    GROUP_NOT_HOSTED = GroupErrorCode.GROUP_NOT_HOSTED.value
    LOCAL_SERVICE_NOT_FOUND = GroupErrorCode.LOCAL_SERVICE_NOT_FOUND.value
    LOCAL_SERVICES_TOO_MANY = GroupErrorCode.LOCAL_SERVICES_TOO_MANY.value
    GROUP_ARCHIVED = GroupErrorCode.GROUP_ARCHIVED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The group and one of its host's local services.")
class GroupLocalServiceAttachInput:
    group_id: strawberry.ID = strawberry.field(description="The group the viewer leads or co-leads.")
    service_id: strawberry.ID = strawberry.field(
        description="A local service of the group's host (its id in `Group.hostLocalServices`)."
    )


@strawberry.type(description="The service is attached (it already was, or is now).")
class GroupLocalServiceAttachSuccess:
    group: Group = strawberry.field(description="The group, with its attached services.")


@strawberry.type(description="Nothing was changed; `code` says why.")
class GroupLocalServiceAttachError:
    code: GroupLocalServiceAttachErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[GroupLocalServiceAttachErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


GroupLocalServiceAttachResult = Annotated[
    GroupLocalServiceAttachSuccess | GroupLocalServiceAttachError,
    strawberry.union("GroupLocalServiceAttachResult", description="The result of groupLocalServiceAttach."),
]


@mutation(
    description="Attach one of the host organisation's local services to the group: its members' signposting lists "
    "it first among the local services, after every national helpline. Leads and co-leads only; attaching twice "
    "changes nothing.",
    permission_classes=[IsMember],
)
async def group_local_service_attach(
    info: Info,
    data: Annotated[
        GroupLocalServiceAttachInput, strawberry.argument(name="input", description="The group and the service.")
    ],
) -> GroupLocalServiceAttachResult:
    context = info.context
    viewer = await group_viewer(info)
    try:
        with access_denials():
            view = await attach_local_service(
                repos=context.repos, viewer=viewer, group_id=data.group_id, service_id=data.service_id,
                now=context.clock.now(),
            )  # fmt: skip
    except GroupError as error:
        return GroupLocalServiceAttachError(**error_fields(error, GroupLocalServiceAttachErrorCode))
    return GroupLocalServiceAttachSuccess(group=Group.from_view(view))
