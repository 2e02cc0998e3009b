"""accountRestore: during the grace period, the member signs in again and cancels the deletion."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import OnboardingRequiredError, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsAuthenticated
from api.graphql.core.types import FieldError
from api.graphql.execution.rate_limits import Bucket, RateLimited
from api.graphql.members.types import Member
from domain.accounts import AccountError, AccountErrorCode, restore


@strawberry.enum(description="Why accountRestore did not restore the account.")
class AccountRestoreErrorCode(Enum):
    NOT_PENDING_DELETION = AccountErrorCode.NOT_PENDING_DELETION.value
    RESTORE_TOO_LATE = AccountErrorCode.RESTORE_TOO_LATE.value


@strawberry.type(description="The deletion is cancelled: the member is back, as they were.")
class AccountRestoreSuccess:
    member: Member = strawberry.field(description="The member's profile.")


@strawberry.type(description="Nothing was changed; `code` says why.")
class AccountRestoreError:
    code: AccountRestoreErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[AccountRestoreErrorCode]] = strawberry.field(
        description="Always empty: the mutation takes no input."
    )


AccountRestoreResult = Annotated[
    AccountRestoreSuccess | AccountRestoreError,
    strawberry.union("AccountRestoreResult", description="The result of accountRestore."),
]


@mutation(
    description="Cancel a pending account deletion, during its grace period, after signing in again.",
    permission_classes=[IsAuthenticated],
    extensions=[RateLimited(Bucket.SENSITIVE)],
)
async def account_restore(info: Info) -> AccountRestoreResult:
    context = info.context
    member = await context.member()  # not require_member: a member waiting to be deleted is who calls this
    if member is None:
        raise OnboardingRequiredError("Finish setting up your profile first (memberOnboard).")
    now = context.clock.now()
    try:
        restored = await restore(repos=context.repos, member=member, now=now)
    except AccountError as error:
        return AccountRestoreError(**error_fields(error, AccountRestoreErrorCode))
    return AccountRestoreSuccess(member=Member.from_document(restored, today=now.date()))
