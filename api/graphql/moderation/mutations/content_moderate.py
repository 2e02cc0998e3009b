"""contentModerate: a lead, a co-lead or staff hides, restores or removes a share or response."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.moderation.types import ContentItem, ContentKind, content_item
from api.graphql.shares.access import publishing, request_context
from domain.moderation import ContentAction, ModerationError, ModerationErrorCode, moderate_content


@strawberry.enum(description="Why contentModerate changed nothing.")
class ContentModerateErrorCode(Enum):
    REASON_LENGTH = ModerationErrorCode.REASON_LENGTH.value
    INVALID_TRANSITION = ModerationErrorCode.INVALID_TRANSITION.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="Which content, what to do, and why (kept in the moderation log).")
class ContentModerateInput:
    target_kind: ContentKind = strawberry.field(description="A share or a response.")
    target_id: strawberry.ID = strawberry.field(description="Its id.")
    action: ContentAction = strawberry.field(
        description="HIDE (until restored), RESTORE (hidden content, or held content: staff only), REMOVE (for good)."
    )
    reason: str = strawberry.field(description="1 to 500 characters.")


@strawberry.type(description="It was done; the reports waiting on it are closed.")
class ContentModerateSuccess:
    content: ContentItem = strawberry.field(description="The content as it is now.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class ContentModerateError:
    code: ContentModerateErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a moderator can read.")
    field_errors: list[FieldError[ContentModerateErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


ContentModerateResult = Annotated[
    ContentModerateSuccess | ContentModerateError,
    strawberry.union("ContentModerateResult", description="The result of contentModerate."),
]


@mutation(
    description="Hide, restore or remove a share or response, with a reason kept in the moderation log. "
    "Leads and co-leads of its group, and safeguarding staff.",
    permission_classes=[IsMember],
)
async def content_moderate(
    info: Info,
    data: Annotated[ContentModerateInput, strawberry.argument(name="input", description="What, and why.")],
) -> ContentModerateResult:
    ctx = await request_context(info)
    try:
        with access_denials():
            content, standing = await moderate_content(
                publishing=publishing(info.context), reader=ctx.reader, kind=data.target_kind.target_kind,
                content_id=data.target_id, action=data.action, reason=data.reason, now=ctx.now,
            )  # fmt: skip
    except ModerationError as error:
        return ContentModerateError(**error_fields(error, ContentModerateErrorCode))
    return ContentModerateSuccess(content=content_item(content, standing, ctx))
