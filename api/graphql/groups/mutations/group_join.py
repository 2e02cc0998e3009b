"""groupJoin: join an open group at once, or any group with an invite code."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.execution.rate_limits import Bucket, RateLimited
from api.graphql.groups.access import group_viewer
from api.graphql.groups.types import Group
from domain.groups import GroupError, GroupErrorCode, join_group


@strawberry.enum(description="Why groupJoin did not add the member.")
class GroupJoinErrorCode(Enum):
    JOIN_TARGET_INVALID = GroupErrorCode.JOIN_TARGET_INVALID.value
    ALREADY_MEMBER = GroupErrorCode.ALREADY_MEMBER.value
    REMOVED_FROM_GROUP = GroupErrorCode.REMOVED_FROM_GROUP.value
    GROUP_CLOSED = GroupErrorCode.GROUP_CLOSED.value
    GROUP_ARCHIVED = GroupErrorCode.GROUP_ARCHIVED.value
    AGE_NOT_ALLOWED = GroupErrorCode.AGE_NOT_ALLOWED.value
    GROUP_FULL = GroupErrorCode.GROUP_FULL.value
    INVITE_INVALID = GroupErrorCode.INVITE_INVALID.value
    INVITE_EXPIRED = GroupErrorCode.INVITE_EXPIRED.value
    INVITE_USED_UP = GroupErrorCode.INVITE_USED_UP.value
    APPROVAL_NEEDED = GroupErrorCode.APPROVAL_NEEDED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="Exactly one: an open group's id, or an invite code from a lead.")
class GroupJoinInput:
    group_id: strawberry.ID | None = strawberry.field(default=None, description="An open group to join at once.")
    invite_code: str | None = strawberry.field(
        default=None,
        description="A code a lead shared. A request link's code gives APPROVAL_NEEDED: ask with joinRequestCreate.",
    )


@strawberry.type(description="The member joined the group.")
class GroupJoinSuccess:
    group: Group = strawberry.field(description="The group they joined.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class GroupJoinError:
    code: GroupJoinErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[GroupJoinErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


GroupJoinResult = Annotated[
    GroupJoinSuccess | GroupJoinError,
    strawberry.union("GroupJoinResult", description="The result of groupJoin."),
]


@mutation(
    description="Join an open group at once, or any group with an invite code.",
    permission_classes=[IsMember],
    extensions=[RateLimited(Bucket.GUESSABLE)],  # it takes invite codes: guessing them is the attack
)
async def group_join(
    info: Info,
    data: Annotated[GroupJoinInput, strawberry.argument(name="input", description="Which group, or the code.")],
) -> GroupJoinResult:
    context = info.context
    viewer = await group_viewer(info)
    try:
        with access_denials():
            view = await join_group(
                repos=context.repos, viewer=viewer, group_id=data.group_id, invite_code=data.invite_code,
                now=context.clock.now(),
            )  # fmt: skip
    except GroupError as error:
        return GroupJoinError(**error_fields(error, GroupJoinErrorCode))
    return GroupJoinSuccess(group=Group.from_view(view))
