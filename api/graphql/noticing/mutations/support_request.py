"""supportRequest: the member tells their group's leads they would welcome a message."""

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
from domain.noticing import NoticingError, NoticingErrorCode, request_support


@strawberry.enum(description="Why supportRequest told nobody.")
class SupportRequestErrorCode(Enum):
    GROUP_ARCHIVED = NoticingErrorCode.GROUP_ARCHIVED.value
    NO_LEADER_AVAILABLE = NoticingErrorCode.NO_LEADER_AVAILABLE.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="Which group's leads to tell.")
class SupportRequestInput:
    group_id: strawberry.ID = strawberry.field(description="One of the member's groups.")


@strawberry.type(
    description="The group's leads (its co-leads while every lead is away) were told that the member is having "
    "a hard time and would welcome a message: those words and the member's name, nothing else."
)
class SupportRequestSuccess:
    leaders_told: int = strawberry.field(description="How many leads or co-leads were told.")


@strawberry.type(description="Nobody was told. A group the member is not in is NOT_FOUND, like a made-up id.")
class SupportRequestError:
    code: SupportRequestErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[SupportRequestErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


SupportRequestResult = Annotated[
    SupportRequestSuccess | SupportRequestError,
    strawberry.union("SupportRequestResult", description="The result of supportRequest."),
]


@mutation(
    description="Tell one of the member's groups' leads \"I'm having a hard time and would welcome a message\" "
    "(once a day per group): the only way anything about how a member feels reaches a lead.",
    permission_classes=[IsMember],
    extensions=[RateLimited(Bucket.SENSITIVE)],
)
async def support_request(
    info: Info,
    data: Annotated[SupportRequestInput, strawberry.argument(name="input", description="Which group's leads.")],
) -> SupportRequestResult:
    context = info.context
    member = await context.require_member()
    try:
        with access_denials():
            told = await request_support(
                repos=context.repos, queue=context.runtime.queue, member=member, group_id=data.group_id,
                now=context.clock.now(),
            )  # fmt: skip
    except NoticingError as error:
        return SupportRequestError(**error_fields(error, SupportRequestErrorCode))
    return SupportRequestSuccess(leaders_told=told)
