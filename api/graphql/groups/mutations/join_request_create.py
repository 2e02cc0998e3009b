"""joinRequestCreate: ask the leads of a closed group to let you in, with a code they shared."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.execution.rate_limits import Bucket, RateLimited
from api.graphql.groups.access import group_viewer
from api.graphql.groups.requests import JoinRequest
from domain.groups import GroupError, GroupErrorCode, create_request


@strawberry.enum(description="Why joinRequestCreate made no request.")
class JoinRequestCreateErrorCode(Enum):
    INVITE_INVALID = GroupErrorCode.INVITE_INVALID.value
    INVITE_EXPIRED = GroupErrorCode.INVITE_EXPIRED.value
    INVITE_USED_UP = GroupErrorCode.INVITE_USED_UP.value
    ALREADY_MEMBER = GroupErrorCode.ALREADY_MEMBER.value
    REMOVED_FROM_GROUP = GroupErrorCode.REMOVED_FROM_GROUP.value
    GROUP_ARCHIVED = GroupErrorCode.GROUP_ARCHIVED.value
    AGE_NOT_ALLOWED = GroupErrorCode.AGE_NOT_ALLOWED.value
    GROUP_IS_OPEN = GroupErrorCode.GROUP_IS_OPEN.value
    MESSAGE_LENGTH = GroupErrorCode.MESSAGE_LENGTH.value
    REQUEST_PENDING = GroupErrorCode.REQUEST_PENDING.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(
    description="A code the group's leads shared, and an optional word to them. A closed group's id is not "
    "enough: to anyone outside it, it is exactly like a group that does not exist."
)
class JoinRequestCreateInput:
    invite_code: str = strawberry.field(
        description="A request link's code (inviteCreate with asksLeads), or an invite code: each request "
        "takes one of its uses."
    )
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
    description="Ask the leads of a closed group to let you in, with a code they shared (a request link).",
    permission_classes=[IsMember],
    extensions=[RateLimited(Bucket.GUESSABLE)],
)
async def join_request_create(
    info: Info,
    data: Annotated[JoinRequestCreateInput, strawberry.argument(name="input", description="The request.")],
) -> JoinRequestCreateResult:
    context = info.context
    viewer = await group_viewer(info)
    try:
        request = await create_request(
            repos=context.repos, viewer=viewer, code=data.invite_code, message=data.message, now=context.clock.now()
        )
    except GroupError as error:
        return JoinRequestCreateError(**error_fields(error, JoinRequestCreateErrorCode))
    return JoinRequestCreateSuccess(join_request=JoinRequest.from_document(request))
