"""reactionRemove: take back a reaction the member gave. Peers only ever see counts."""

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
from domain.shares import ShareError, ShareErrorCode, remove_reaction
from schemas.documents.shares import ReactionKind


@strawberry.enum(description="Why reactionRemove changed nothing.")
class ReactionRemoveErrorCode(Enum):
    NOT_REACTED = ShareErrorCode.NOT_REACTED.value
    NOT_PUBLISHED = ShareErrorCode.NOT_PUBLISHED.value
    GROUP_ARCHIVED = ShareErrorCode.GROUP_ARCHIVED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="A share and a reaction.")
class ReactionRemoveInput:
    share_id: strawberry.ID = strawberry.field(description="A published share in the member's group.")
    kind: ReactionKind = strawberry.field(description="The reaction.")


@strawberry.type(description="The reaction was taken back.")
class ReactionRemoveSuccess:
    share: Share = strawberry.field(description="The share with its counts now.")


@strawberry.type(description="Nothing was taken back; `code` says why.")
class ReactionRemoveError:
    code: ReactionRemoveErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[ReactionRemoveErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


ReactionRemoveResult = Annotated[
    ReactionRemoveSuccess | ReactionRemoveError,
    strawberry.union("ReactionRemoveResult", description="The result of reactionRemove."),
]


@mutation(description="Take back a reaction.", permission_classes=[IsMember])
async def reaction_remove(
    info: Info,
    data: Annotated[ReactionRemoveInput, strawberry.argument(name="input", description="Which share, which reaction.")],
) -> ReactionRemoveResult:
    ctx = await request_context(info)
    try:
        with access_denials():
            seen = await remove_reaction(
                publishing=publishing(info.context), reader=ctx.reader, share_id=data.share_id, kind=data.kind
            )
    except ShareError as error:
        return ReactionRemoveError(**error_fields(error, ReactionRemoveErrorCode))
    return ReactionRemoveSuccess(share=share_of(seen, ctx))
