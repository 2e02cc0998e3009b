"""groupQuietPolicySet: a lead says when a member of the group counts as quiet."""

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
from domain.groups import GroupError, GroupErrorCode, set_quiet_policy


@strawberry.enum(description="Why groupQuietPolicySet changed nothing.")
class GroupQuietPolicySetErrorCode(Enum):
    MISSED_CHECK_INS_OUT_OF_RANGE = GroupErrorCode.MISSED_CHECK_INS_OUT_OF_RANGE.value
    INACTIVE_DAYS_OUT_OF_RANGE = GroupErrorCode.INACTIVE_DAYS_OUT_OF_RANGE.value
    NOTHING_TO_UPDATE = GroupErrorCode.NOTHING_TO_UPDATE.value
    GROUP_ARCHIVED = GroupErrorCode.GROUP_ARCHIVED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The values to change; a value omitted or null stays as it is.")
class GroupQuietPolicySetInput:
    group_id: strawberry.ID = strawberry.field(description="The group the viewer leads.")
    missed_check_ins: int | None = strawberry.field(
        default=None,
        description="Scheduled check-ins missed in a row before a member counts as quiet (1 to 6). Omitted or "
        "null: unchanged.",
    )
    inactive_days: int | None = strawberry.field(
        default=None,
        description="For a group without a schedule: days without taking part (1 to 30). Omitted or null: unchanged.",
    )


@strawberry.type(description="The quiet policy was changed.")
class GroupQuietPolicySetSuccess:
    group: Group = strawberry.field(description="The group, with its quiet policy.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class GroupQuietPolicySetError:
    code: GroupQuietPolicySetErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[GroupQuietPolicySetErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


GroupQuietPolicySetResult = Annotated[
    GroupQuietPolicySetSuccess | GroupQuietPolicySetError,
    strawberry.union("GroupQuietPolicySetResult", description="The result of groupQuietPolicySet."),
]


@mutation(
    description="Set when a member of the group counts as quiet. Leads only.",
    permission_classes=[IsMember],
)
async def group_quiet_policy_set(
    info: Info,
    data: Annotated[GroupQuietPolicySetInput, strawberry.argument(name="input", description="The group and values.")],
) -> GroupQuietPolicySetResult:
    context = info.context
    viewer = await group_viewer(info)
    try:
        with access_denials():
            view = await set_quiet_policy(
                repos=context.repos, viewer=viewer, group_id=data.group_id, missed_check_ins=data.missed_check_ins,
                inactive_days=data.inactive_days, now=context.clock.now(),
            )  # fmt: skip
    except GroupError as error:
        return GroupQuietPolicySetError(**error_fields(error, GroupQuietPolicySetErrorCode))
    return GroupQuietPolicySetSuccess(group=Group.from_view(view))
