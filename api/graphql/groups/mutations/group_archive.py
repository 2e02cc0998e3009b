"""groupArchive: a lead archives their group; it stays readable, and nothing changes it again."""

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
from domain.groups import GroupError, GroupErrorCode, archive_group


@strawberry.enum(description="Why groupArchive did not archive the group.")
class GroupArchiveErrorCode(Enum):
    GROUP_ARCHIVED = GroupErrorCode.GROUP_ARCHIVED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The group to archive.")
class GroupArchiveInput:
    group_id: strawberry.ID = strawberry.field(description="The group.")


@strawberry.type(description="The group was archived.")
class GroupArchiveSuccess:
    group: Group = strawberry.field(description="The group, now archived.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class GroupArchiveError:
    code: GroupArchiveErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[GroupArchiveErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


GroupArchiveResult = Annotated[
    GroupArchiveSuccess | GroupArchiveError,
    strawberry.union("GroupArchiveResult", description="The result of groupArchive."),
]


@mutation(
    description="Archive a group: it stays readable and nothing changes it again. Leads only.",
    permission_classes=[IsMember],
)
async def group_archive(
    info: Info,
    data: Annotated[GroupArchiveInput, strawberry.argument(name="input", description="Which group.")],
) -> GroupArchiveResult:
    context = info.context
    viewer = await group_viewer(info)
    try:
        with access_denials():
            view = await archive_group(
                repos=context.repos, queue=context.runtime.queue, viewer=viewer, group_id=data.group_id,
                now=context.clock.now(),
            )  # fmt: skip
    except GroupError as error:
        return GroupArchiveError(**error_fields(error, GroupArchiveErrorCode))
    return GroupArchiveSuccess(group=Group.from_view(view))
