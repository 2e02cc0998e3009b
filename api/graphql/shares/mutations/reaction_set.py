"""reactionSet: give one of the gentle reactions (one of each kind). Peers only ever see counts."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.shares.access import publishing, request_context
from api.graphql.shares.types import Share, share_of
from domain.shares import ShareError, ShareErrorCode, set_reaction
from schemas.documents.shares import ReactionKind


@strawberry.enum(description="Why reactionSet changed nothing.")
class ReactionSetErrorCode(Enum):
    ALREADY_REACTED = ShareErrorCode.ALREADY_REACTED.value
    NOT_PUBLISHED = ShareErrorCode.NOT_PUBLISHED.value
    GROUP_ARCHIVED = ShareErrorCode.GROUP_ARCHIVED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="A share and a reaction.")
class ReactionSetInput:
    share_id: strawberry.ID = strawberry.field(description="A published share in the member's group.")
    kind: ReactionKind = strawberry.field(description="The reaction.")


@strawberry.type(description="The reaction was given.")
class ReactionSetSuccess:
    share: Share = strawberry.field(description="The share with its counts now.")


@strawberry.type(description="Nothing was given; `code` says why.")
class ReactionSetError:
    code: ReactionSetErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[ReactionSetErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


ReactionSetResult = Annotated[
    ReactionSetSuccess | ReactionSetError,
    strawberry.union("ReactionSetResult", description="The result of reactionSet."),
]


@mutation(
    description="Give a share one of the gentle reactions (one of each kind per member).",
    permission_classes=[IsMember],
)
async def reaction_set(
    info: Info,
    data: Annotated[ReactionSetInput, strawberry.argument(name="input", description="Which share, which reaction.")],
) -> ReactionSetResult:
    ctx = await request_context(info)
    try:
        with access_denials():
            seen = await set_reaction(
                publishing=publishing(info.context),
                reader=ctx.reader,
                share_id=data.share_id,
                kind=data.kind,
                now=ctx.now,
            )
    except ShareError as error:
        return ReactionSetError(**error_fields(error, ReactionSetErrorCode))
    return ReactionSetSuccess(share=share_of(seen, ctx))
