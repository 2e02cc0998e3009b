"""shareUpdate: the author changes the words of their share within 15 minutes; screened again."""

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
from domain.shares import Posted, ShareError, ShareErrorCode, edit_share
from schemas.documents.shares import ShareDocument


@strawberry.enum(description="Why shareUpdate changed nothing.")
class ShareUpdateErrorCode(Enum):
    BODY_LENGTH = ShareErrorCode.BODY_LENGTH.value
    BODY_CHARACTERS = ShareErrorCode.BODY_CHARACTERS.value
    EDIT_WINDOW_CLOSED = ShareErrorCode.EDIT_WINDOW_CLOSED.value
    NOT_EDITABLE = ShareErrorCode.NOT_EDITABLE.value
    MUTED = ShareErrorCode.MUTED.value
    GROUP_ARCHIVED = ShareErrorCode.GROUP_ARCHIVED.value
    NOT_SAVED_YET = "not_saved_yet"  # the store did not answer in time: see api/graphql/safety/answers.py
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The author's new words for their share.")
class ShareUpdateInput:
    share_id: strawberry.ID = strawberry.field(description="The author's own share.")
    body: str = strawberry.field(description="1 to 2,000 characters.")


@strawberry.type(description="The words were changed.")
class ShareUpdateSuccess:
    share: Share = strawberry.field(description="The share as its author now sees it.")
    signposting: Signposting | None = strawberry.field(
        description="Kind words and helplines when the new words call for them; null otherwise."
    )


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class ShareUpdateError:
    code: ShareUpdateErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[ShareUpdateErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )
    signposting: Signposting | None = strawberry.field(
        default=None,
        description="Kind words and helplines when the words sent call for them, saved or not; null otherwise.",
    )


ShareUpdateResult = Annotated[
    ShareUpdateSuccess | ShareUpdateError,
    strawberry.union("ShareUpdateResult", description="The result of shareUpdate."),
]


@mutation(
    description="Change the words of the member's own share, within 15 minutes of posting.",
    permission_classes=[WritesWhatMayNeedHelp],
    extensions=[RateLimited(Bucket.SENSITIVE)],
)
async def share_update(
    info: Info,
    data: Annotated[ShareUpdateInput, strawberry.argument(name="input", description="The share and its new words.")],
) -> ShareUpdateResult:
    answer = CrisisAnswer.screen(info.context, texts=[data.body])  # before any write

    async def edit() -> tuple[ContentContext, Posted[ShareDocument]]:
        ctx = await request_context(info)
        return ctx, await edit_share(
            publishing=publishing(info.context), reader=ctx.reader, share_id=data.share_id, body=data.body, now=ctx.now
        )

    try:
        with access_denials():
            ctx, posted = await answer.write(edit)
    except (NotSavedYetError, RefusalError, ShareError) as error:
        return answer.error(ShareUpdateError, ShareUpdateErrorCode, error)
    return ShareUpdateSuccess(share=share_of(posted.seen, ctx), signposting=Signposting.from_result(posted.signposting))
