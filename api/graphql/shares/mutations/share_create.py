"""shareCreate: a member shares a down day with their group, anonymous unless they choose their name."""

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
from api.graphql.shares.types import Share, share_of
from domain.shares import Posted, ShareError, ShareErrorCode, create_share
from schemas.documents.shares import ShareDocument


@strawberry.enum(description="Why shareCreate shared nothing.")
class ShareCreateErrorCode(Enum):
    BODY_LENGTH = ShareErrorCode.BODY_LENGTH.value
    BODY_CHARACTERS = ShareErrorCode.BODY_CHARACTERS.value
    ANONYMITY_SET_TOO_SMALL = ShareErrorCode.ANONYMITY_SET_TOO_SMALL.value
    MUTED = ShareErrorCode.MUTED.value
    GROUP_ARCHIVED = ShareErrorCode.GROUP_ARCHIVED.value
    NOT_SAVED_YET = "not_saved_yet"  # the store did not answer in time: see api/graphql/safety/answers.py
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="What to share, with which group, and whether under the member's name.")
class ShareCreateInput:
    group_id: strawberry.ID = strawberry.field(description="The member's group.")
    body: str = strawberry.field(description="1 to 2,000 characters.")
    anonymous: bool = strawberry.field(
        default=True,
        description="Without the member's name (the default). Needs 5 members who joined over a week ago; "
        "otherwise ANONYMITY_SET_TOO_SMALL, and the member may post under their name instead.",
    )


@strawberry.type(description="It was shared (or, if it needs a check first, is waiting for staff).")
class ShareCreateSuccess:
    share: Share = strawberry.field(description="The share as its author sees it; HELD when waiting for staff.")
    signposting: Signposting | None = strawberry.field(
        description="Kind words and helplines when the words call for them; null otherwise."
    )


@strawberry.type(description="Nothing was shared; `code` and `fieldErrors` say why.")
class ShareCreateError:
    code: ShareCreateErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[ShareCreateErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )
    signposting: Signposting | None = strawberry.field(
        default=None,
        description="Kind words and helplines when the words sent call for them, saved or not; null otherwise.",
    )


ShareCreateResult = Annotated[
    ShareCreateSuccess | ShareCreateError,
    strawberry.union("ShareCreateResult", description="The result of shareCreate."),
]


@mutation(
    description="Share a down day with a group the member is in, anonymous unless they choose their name. "
    "Screened for crisis words before it returns.",
    permission_classes=[WritesWhatMayNeedHelp],
    extensions=[RateLimited(Bucket.SENSITIVE)],
)
async def share_create(
    info: Info,
    data: Annotated[ShareCreateInput, strawberry.argument(name="input", description="What to share, and where.")],
) -> ShareCreateResult:
    answer = CrisisAnswer.screen(info.context, texts=[data.body], group_id=data.group_id)  # before any write

    async def share() -> tuple[ContentContext, Posted[ShareDocument]]:
        ctx = await request_context(info)
        return ctx, await create_share(
            publishing=publishing(info.context), reader=ctx.reader, group_id=data.group_id, body=data.body,
            anonymous=data.anonymous, now=ctx.now,
        )  # fmt: skip

    try:
        with access_denials():
            ctx, posted = await answer.write(share)
    except (NotSavedYetError, RefusalError, ShareError) as error:
        return answer.error(ShareCreateError, ShareCreateErrorCode, error)
    return ShareCreateSuccess(share=share_of(posted.seen, ctx), signposting=Signposting.from_result(posted.signposting))
