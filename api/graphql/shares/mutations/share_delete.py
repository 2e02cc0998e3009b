"""shareDelete: the author deletes their share for good, with its responses and reactions."""

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
from domain.shares import ShareError, ShareErrorCode, delete_share


@strawberry.enum(description="Why shareDelete deleted nothing.")
class ShareDeleteErrorCode(Enum):
    NOT_EDITABLE = ShareErrorCode.NOT_EDITABLE.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The share to delete.")
class ShareDeleteInput:
    share_id: strawberry.ID = strawberry.field(description="The author's own share.")


@strawberry.type(description="The share, its responses and its reactions are gone.")
class ShareDeleteSuccess:
    share_id: strawberry.ID = strawberry.field(description="The deleted share's id.")


@strawberry.type(description="Nothing was deleted; `code` says why.")
class ShareDeleteError:
    code: ShareDeleteErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[ShareDeleteErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


ShareDeleteResult = Annotated[
    ShareDeleteSuccess | ShareDeleteError,
    strawberry.union("ShareDeleteResult", description="The result of shareDelete."),
]


@mutation(
    description="Delete the member's own share for good, with its responses and reactions.",
    permission_classes=[IsMember],
)
async def share_delete(
    info: Info, data: Annotated[ShareDeleteInput, strawberry.argument(name="input", description="Which share.")]
) -> ShareDeleteResult:
    ctx = await request_context(info)
    try:
        with access_denials():
            share = await delete_share(
                publishing=publishing(info.context), reader=ctx.reader, share_id=data.share_id, now=ctx.now
            )
    except ShareError as error:
        return ShareDeleteError(**error_fields(error, ShareDeleteErrorCode))
    return ShareDeleteSuccess(share_id=strawberry.ID(share.id))
