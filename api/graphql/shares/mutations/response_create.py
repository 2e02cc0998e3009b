"""responseCreate: a member replies to a share in their group, anonymous unless they choose their name."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, RefusalError, access_denials
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import WritesWhatMayNeedHelp
from api.graphql.core.types import FieldError
from api.graphql.crisis.answers import CrisisAnswer, NotSavedYetError
from api.graphql.crisis.types import Signposting
from api.graphql.execution.rate_limits import Bucket, RateLimited
from api.graphql.shares.access import ContentContext, publishing, request_context
from api.graphql.shares.types import Response, response_of
from domain.shares import Posted, ShareError, ShareErrorCode, create_response
from schemas.documents.responses import ResponseDocument


@strawberry.enum(description="Why responseCreate replied nothing.")
class ResponseCreateErrorCode(Enum):
    BODY_LENGTH = ShareErrorCode.BODY_LENGTH.value
    BODY_CHARACTERS = ShareErrorCode.BODY_CHARACTERS.value
    ANONYMITY_SET_TOO_SMALL = ShareErrorCode.ANONYMITY_SET_TOO_SMALL.value
    MUTED = ShareErrorCode.MUTED.value
    GROUP_ARCHIVED = ShareErrorCode.GROUP_ARCHIVED.value
    NOT_PUBLISHED = ShareErrorCode.NOT_PUBLISHED.value
    THREAD_FULL = ShareErrorCode.THREAD_FULL.value
    NOT_SAVED_YET = "not_saved_yet"  # the store did not answer in time: see api/graphql/safety/answers.py
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="A reply to a share, and whether under the member's name.")
class ResponseCreateInput:
    share_id: strawberry.ID = strawberry.field(description="A share in the member's group.")
    body: str = strawberry.field(description="1 to 2,000 characters.")
    anonymous: bool = strawberry.field(
        default=True, description="Without the member's name (the default); the same rule as for shares."
    )


@strawberry.type(description="The reply was posted (or, if it needs a check first, is waiting for staff).")
class ResponseCreateSuccess:
    response: Response = strawberry.field(description="The reply as its author sees it.")
    signposting: Signposting | None = strawberry.field(
        description="Kind words and helplines when the words call for them; null otherwise."
    )


@strawberry.type(description="Nothing was posted; `code` and `fieldErrors` say why.")
class ResponseCreateError:
    code: ResponseCreateErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[ResponseCreateErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )
    signposting: Signposting | None = strawberry.field(
        default=None,
        description="Kind words and helplines when the words sent call for them, saved or not; null otherwise.",
    )


ResponseCreateResult = Annotated[
    ResponseCreateSuccess | ResponseCreateError,
    strawberry.union("ResponseCreateResult", description="The result of responseCreate."),
]


@mutation(
    description="Reply to a share in the member's group, anonymous unless they choose their name. "
    "Screened for crisis words before it returns.",
    permission_classes=[WritesWhatMayNeedHelp],
    extensions=[RateLimited(Bucket.SENSITIVE)],
)
async def response_create(
    info: Info,
    data: Annotated[ResponseCreateInput, strawberry.argument(name="input", description="The share and the reply.")],
) -> ResponseCreateResult:
    answer = CrisisAnswer.screen(info.context, texts=[data.body])  # before any write

    async def reply() -> tuple[ContentContext, Posted[ResponseDocument]]:
        ctx = await request_context(info)
        return ctx, await create_response(
            publishing=publishing(info.context), reader=ctx.reader, share_id=data.share_id, body=data.body,
            anonymous=data.anonymous, now=ctx.now,
        )  # fmt: skip

    try:
        with access_denials():
            ctx, posted = await answer.write(reply)
    except (NotSavedYetError, RefusalError, ShareError) as error:
        return answer.error(ResponseCreateError, ResponseCreateErrorCode, error)
    return ResponseCreateSuccess(
        response=response_of(posted.seen, ctx), signposting=Signposting.from_result(posted.signposting)
    )
