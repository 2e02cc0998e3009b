"""memberRemove: a lead, a co-lead (for members) or staff removes someone; the reason is logged."""

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
from domain.groups import GroupError, GroupErrorCode, remove_member
from domain.sessions import withdraw_member


@strawberry.enum(description="Why memberRemove removed nobody.")
class MemberRemoveErrorCode(Enum):
    CANNOT_TARGET_SELF = GroupErrorCode.CANNOT_TARGET_SELF.value
    REASON_LENGTH = GroupErrorCode.REASON_LENGTH.value
    GROUP_ARCHIVED = GroupErrorCode.GROUP_ARCHIVED.value
    NOT_A_MEMBER = GroupErrorCode.NOT_A_MEMBER.value
    LAST_LEAD = GroupErrorCode.LAST_LEAD.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="Who to remove from which group, and why.")
class MemberRemoveInput:
    group_id: strawberry.ID = strawberry.field(description="The group.")
    member_id: strawberry.ID = strawberry.field(description="The member to remove.")
    reason: str = strawberry.field(description="1 to 500 characters, kept in the moderation log.")


@strawberry.type(description="The member was removed; they cannot rejoin.")
class MemberRemoveSuccess:
    group: Group = strawberry.field(description="The group after the removal.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class MemberRemoveError:
    code: MemberRemoveErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[MemberRemoveErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


MemberRemoveResult = Annotated[
    MemberRemoveSuccess | MemberRemoveError,
    strawberry.union("MemberRemoveResult", description="The result of memberRemove."),
]


@mutation(
    description="Remove someone from a group, with a reason kept in the moderation log. They cannot rejoin.",
    permission_classes=[IsMember],
)
async def member_remove(
    info: Info,
    data: Annotated[MemberRemoveInput, strawberry.argument(name="input", description="Who and why.")],
) -> MemberRemoveResult:
    context = info.context
    viewer = await group_viewer(info)
    try:
        with access_denials():
            view = await remove_member(
                repos=context.repos, viewer=viewer, group_id=data.group_id, member_id=data.member_id,
                reason=data.reason, now=context.clock.now(),
            )  # fmt: skip
    except GroupError as error:
        return MemberRemoveError(**error_fields(error, MemberRemoveErrorCode))
    # Their places at coming sessions go to those waiting.
    await withdraw_member(repos=context.repos, queue=context.runtime.queue, group_id=data.group_id,
                          member_id=data.member_id, now=context.clock.now())  # fmt: skip
    return MemberRemoveSuccess(group=Group.from_view(view))
