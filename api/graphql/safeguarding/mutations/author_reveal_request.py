"""authorRevealRequest: break-glass, step one. A safeguarding officer (the platform's, or the host
organisation's) asks who wrote something."""

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
from api.graphql.moderation.types import ContentKind
from api.graphql.safeguarding.types import AuthorRevealRequest
from api.graphql.shares.access import request_context
from domain.safeguarding import SafeguardingError, SafeguardingErrorCode, request_reveal
from schemas.documents.author_reveals import RevealReason


@strawberry.enum(description="Why authorRevealRequest asked nothing.")
class AuthorRevealRequestErrorCode(Enum):
    JUSTIFICATION_LENGTH = SafeguardingErrorCode.JUSTIFICATION_LENGTH.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The content, the reason code and why; written to the audit log.")
class AuthorRevealRequestInput:
    target_kind: ContentKind = strawberry.field(description="A share or a response.")
    target_id: strawberry.ID = strawberry.field(description="Its id.")
    reason: RevealReason = strawberry.field(description="Risk to life, or a legal obligation.")
    justification: str = strawberry.field(description="1 to 2,000 characters.")


@strawberry.type(description="Asked; a different staff member must approve it within 24 hours.")
class AuthorRevealRequestSuccess:
    request: AuthorRevealRequest = strawberry.field(description="The request.")


@strawberry.type(description="Nothing was asked; `code` says why.")
class AuthorRevealRequestError:
    code: AuthorRevealRequestErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence staff can read.")
    field_errors: list[FieldError[AuthorRevealRequestErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


AuthorRevealRequestResult = Annotated[
    AuthorRevealRequestSuccess | AuthorRevealRequestError,
    strawberry.union("AuthorRevealRequestResult", description="The result of authorRevealRequest."),
]


@mutation(
    description="Break-glass, step one: ask who wrote a share or response, for risk to life or a legal duty. "
    "Safeguarding staff only: the platform's, or for a group an organisation hosts, its ORG_SAFEGUARDING "
    "staff; another organisation's group is NOT_FOUND. Audited.",
    permission_classes=[IsMember, HandlesAlerts],
    extensions=[RateLimited(Bucket.SENSITIVE)],
)
async def author_reveal_request(
    info: Info,
    data: Annotated[AuthorRevealRequestInput, strawberry.argument(name="input", description="What, and why.")],
) -> AuthorRevealRequestResult:
    ctx = await request_context(info)
    try:
        with access_denials():
            request = await request_reveal(
                repos=info.context.repos, staff=ctx.reader, kind=data.target_kind.target_kind,
                content_id=data.target_id, reason=data.reason, justification=data.justification, now=ctx.now,
            )  # fmt: skip
    except SafeguardingError as error:
        return AuthorRevealRequestError(**error_fields(error, AuthorRevealRequestErrorCode))
    return AuthorRevealRequestSuccess(request=AuthorRevealRequest.from_document(request))
