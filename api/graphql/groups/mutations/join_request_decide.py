"""joinRequestDecide: a lead or co-lead approves or declines a join request; the requester is told."""

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
from api.graphql.groups.requests import JoinRequest
from domain.groups import Decision, GroupError, GroupErrorCode, decide_request


@strawberry.enum(description="Why joinRequestDecide changed nothing.")
class JoinRequestDecideErrorCode(Enum):
    REQUEST_ALREADY_DECIDED = GroupErrorCode.REQUEST_ALREADY_DECIDED.value
    GROUP_ARCHIVED = GroupErrorCode.GROUP_ARCHIVED.value
    AGE_NOT_ALLOWED = GroupErrorCode.AGE_NOT_ALLOWED.value
    REMOVED_FROM_GROUP = GroupErrorCode.REMOVED_FROM_GROUP.value
    ALREADY_MEMBER = GroupErrorCode.ALREADY_MEMBER.value
    GROUP_FULL = GroupErrorCode.GROUP_FULL.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The request and the answer.")
class JoinRequestDecideInput:
    request_id: strawberry.ID = strawberry.field(description="The pending request.")
    decision: Decision = strawberry.field(description="APPROVE or DECLINE.")


@strawberry.type(description="The request was answered and the requester told.")
class JoinRequestDecideSuccess:
    join_request: JoinRequest = strawberry.field(description="The request, answered.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class JoinRequestDecideError:
    code: JoinRequestDecideErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[JoinRequestDecideErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


JoinRequestDecideResult = Annotated[
    JoinRequestDecideSuccess | JoinRequestDecideError,
    strawberry.union("JoinRequestDecideResult", description="The result of joinRequestDecide."),
]


@mutation(
    description="Approve or decline a join request (leads and co-leads); the requester is told either way.",
    permission_classes=[IsMember],
)
async def join_request_decide(
    info: Info,
    data: Annotated[JoinRequestDecideInput, strawberry.argument(name="input", description="The answer.")],
) -> JoinRequestDecideResult:
    context = info.context
    viewer = await group_viewer(info)
    try:
        with access_denials():
            request = await decide_request(
                repos=context.repos, queue=context.runtime.queue, viewer=viewer, request_id=data.request_id,
                decision=data.decision, now=context.clock.now(),
            )  # fmt: skip
    except GroupError as error:
        return JoinRequestDecideError(**error_fields(error, JoinRequestDecideErrorCode))
    return JoinRequestDecideSuccess(join_request=JoinRequest.from_document(request))
