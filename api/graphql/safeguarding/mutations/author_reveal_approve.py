"""authorRevealApprove: break-glass, step two. A different staff member approves, and alone learns the author."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import HandlesAlerts, IsMember
from api.graphql.core.types import FieldError
from api.graphql.execution.rate_limits import Bucket, RateLimited
from api.graphql.safeguarding.types import AuthorRevealRequest
from api.graphql.shares.access import anonymity_key, request_context
from domain.safeguarding import SafeguardingError, SafeguardingErrorCode, approve_reveal


@strawberry.enum(description="Why authorRevealApprove revealed nothing.")
class AuthorRevealApproveErrorCode(Enum):
    SELF_APPROVAL = SafeguardingErrorCode.SELF_APPROVAL.value
    ALREADY_APPROVED = SafeguardingErrorCode.ALREADY_APPROVED.value
    REQUEST_EXPIRED = SafeguardingErrorCode.REQUEST_EXPIRED.value
    AUTHOR_NOT_FOUND = SafeguardingErrorCode.AUTHOR_NOT_FOUND.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="Another staff member's request.")
class AuthorRevealApproveInput:
    request_id: strawberry.ID = strawberry.field(description="The request's id.")


@strawberry.type(description="Approved: the author, for the approver alone. Both steps are in the audit log.")
class AuthorRevealApproveSuccess:
    request: AuthorRevealRequest = strawberry.field(description="The request, now approved.")
    member_id: strawberry.ID = strawberry.field(description="The author's member id.")
    display_name: str | None = strawberry.field(description="The author's display name.")


@strawberry.type(description="Nothing was revealed; `code` says why.")
class AuthorRevealApproveError:
    code: AuthorRevealApproveErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence staff can read.")
    field_errors: list[FieldError[AuthorRevealApproveErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


AuthorRevealApproveResult = Annotated[
    AuthorRevealApproveSuccess | AuthorRevealApproveError,
    strawberry.union("AuthorRevealApproveResult", description="The result of authorRevealApprove."),
]


@mutation(
    description="Break-glass, step two: approve another staff member's request; the author's member id is "
    "returned here, to the approver alone. Safeguarding staff only: the platform's, or for a group an "
    "organisation hosts, its ORG_SAFEGUARDING staff, in any mix; never the person who asked. Audited.",
    permission_classes=[IsMember, HandlesAlerts],
    extensions=[RateLimited(Bucket.SENSITIVE)],
)
async def author_reveal_approve(
    info: Info,
    data: Annotated[AuthorRevealApproveInput, strawberry.argument(name="input", description="Which request.")],
) -> AuthorRevealApproveResult:
    ctx = await request_context(info)
    try:
        with access_denials():
            revealed = await approve_reveal(
                repos=info.context.repos, key=anonymity_key(info.context), staff=ctx.reader,
                request_id=data.request_id, now=ctx.now,
            )  # fmt: skip
    except SafeguardingError as error:
        return AuthorRevealApproveError(**error_fields(error, AuthorRevealApproveErrorCode))
    return AuthorRevealApproveSuccess(
        request=AuthorRevealRequest.from_document(revealed.request),
        member_id=strawberry.ID(revealed.member_id),
        display_name=revealed.display_name,
    )
