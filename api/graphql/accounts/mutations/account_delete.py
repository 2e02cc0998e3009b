"""accountDelete: the member asks to delete their account, after a grace period."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.execution.rate_limits import Bucket, RateLimited
from domain.accounts import AccountError, AccountErrorCode, request_deletion


@strawberry.enum(description="Why accountDelete did not start the deletion.")
class AccountDeleteErrorCode(Enum):
    CONFIRMATION_MISMATCH = AccountErrorCode.CONFIRMATION_MISMATCH.value
    LEADERSHIP_HANDOVER_NEEDED = AccountErrorCode.LEADERSHIP_HANDOVER_NEEDED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="Confirming the deletion, and what becomes of the member's anonymous posts.")
class AccountDeleteInput:
    confirm: str = strawberry.field(description="The member's display name, typed again to confirm.")
    remove_anonymous_posts: bool = strawberry.field(
        default=False,
        description="False (the default): the member's anonymous shares and replies stay in their groups, linked "
        "to no one once the account is deleted. True: they go too, each at its own random moment in the weeks "
        "after, so their going does not point at the member; show the plain warning that in a small group "
        "people may still guess.",
    )


@strawberry.type(description="The account is hidden and signed out everywhere; it is deleted after the grace period.")
class AccountDeleteSuccess:
    delete_after: datetime = strawberry.field(
        description="When the account and everything in it are deleted, unless the member restores it first."
    )
    anonymous_posts_removed: bool = strawberry.field(
        description="Whether the member's anonymous posts go too (one by one, after the deletion) or stay unlinked."
    )


@strawberry.type(description="Nothing was changed; `code` says why.")
class AccountDeleteError:
    code: AccountDeleteErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[AccountDeleteErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


AccountDeleteResult = Annotated[
    AccountDeleteSuccess | AccountDeleteError,
    strawberry.union("AccountDeleteResult", description="The result of accountDelete."),
]


@mutation(
    description=(
        "Delete the signed-in member's account: hidden and signed out now, deleted after the grace period (21 days)."
    ),
    permission_classes=[IsMember],
    extensions=[RateLimited(Bucket.SENSITIVE)],
)
async def account_delete(
    info: Info,
    data: Annotated[AccountDeleteInput, strawberry.argument(name="input", description="The confirmation.")],
) -> AccountDeleteResult:
    context = info.context
    member = await context.require_member()
    grace = timedelta(days=context.runtime.settings.retention.deletion_grace_days)
    try:
        deletion = await request_deletion(
            repos=context.repos, accounts=context.runtime.accounts, member=member, confirm=data.confirm, grace=grace,
            now=context.clock.now(), remove_anonymous=data.remove_anonymous_posts,
        )  # fmt: skip
    except AccountError as error:
        fields = error_fields(error, AccountDeleteErrorCode)
        if error.code is AccountErrorCode.CONFIRMATION_MISMATCH:
            fields["field_errors"] = [FieldError(field="confirm", code=fields["code"], message=error.message)]
        return AccountDeleteError(**fields)
    return AccountDeleteSuccess(delete_after=deletion.purge_after, anonymous_posts_removed=deletion.remove_anonymous)
