"""joinRequestCreate: ask the leads of a closed group to let you in."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.execution.rate_limits import Bucket, RateLimited
from api.graphql.groups.access import group_viewer
from api.graphql.groups.requests import JoinRequest
from domain.groups import GroupError, GroupErrorCode, create_request


@strawberry.enum(description="Why joinRequestCreate made no request.")
class JoinRequestCreateErrorCode(Enum):
    ALREADY_MEMBER = GroupErrorCode.ALREADY_MEMBER.value
    REMOVED_FROM_GROUP = GroupErrorCode.REMOVED_FROM_GROUP.value
    GROUP_IS_OPEN = GroupErrorCode.GROUP_IS_OPEN.value
    MESSAGE_LENGTH = GroupErrorCode.MESSAGE_LENGTH.value
    REQUEST_PENDING = GroupErrorCode.REQUEST_PENDING.value


@strawberry.input(description="The closed group, and an optional word to its leads.")
class JoinRequestCreateInput:
    group_id: strawberry.ID = strawberry.field(description="The closed group, as its lead shared it.")
    message: str = strawberry.field(default="", description="Up to 500 characters, for the group's leads.")


@strawberry.type(description="The request was made; a lead will answer, and you will be told either way.")
class JoinRequestCreateSuccess:
    join_request: JoinRequest = strawberry.field(description="The pending request.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class JoinRequestCreateError:
    code: JoinRequestCreateErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[JoinRequestCreateErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


JoinRequestCreateResult = Annotated[
    JoinRequestCreateSuccess | JoinRequestCreateError,
    strawberry.union("JoinRequestCreateResult", description="The result of joinRequestCreate."),
]


@mutation(
    description="Ask the leads of a closed group to let you in.",
    permission_classes=[IsMember],
    extensions=[RateLimited(Bucket.SENSITIVE)],
)
async def join_request_create(
    info: Info,
    data: Annotated[JoinRequestCreateInput, strawberry.argument(name="input", description="The request.")],
) -> JoinRequestCreateResult:
    context = info.context
    viewer = await group_viewer(info)
    try:
        with access_denials():
            request = await create_request(
                repos=context.repos, viewer=viewer, group_id=data.group_id, message=data.message,
                now=context.clock.now(),
            )  # fmt: skip
    except GroupError as error:
        return JoinRequestCreateError(**error_fields(error, JoinRequestCreateErrorCode))
    return JoinRequestCreateSuccess(join_request=JoinRequest.from_document(request))
