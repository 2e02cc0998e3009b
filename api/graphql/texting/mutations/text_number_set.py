"""textNumberSet: a member with the app gives their own number, to get reminders by text (low data)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.execution.rate_limits import Bucket, RateLimited
from domain.texting import TextingError, TextingErrorCode, set_own_number


@strawberry.enum(description="Why textNumberSet kept nothing.")
class TextNumberSetErrorCode(Enum):
    PHONE_INVALID = TextingErrorCode.PHONE_INVALID.value
    PHONE_TAKEN = TextingErrorCode.PHONE_TAKEN.value
    CONSENT_REQUIRED = TextingErrorCode.CONSENT_REQUIRED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The member's own mobile number, for one of their groups.")
class TextNumberSetInput:
    group_id: strawberry.ID = strawberry.field(description="The group whose check-ins they answer by text.")
    phone_number: str = strawberry.field(description="Their mobile number; stored encrypted, never shown to anyone.")
    consent: bool = strawberry.field(description="They agree to be texted at this number: must be true.")


@strawberry.type(description="The number was kept; a text asks them to reply YES before any reminder is texted.")
class TextNumberSetSuccess:
    confirmed: bool = strawberry.field(description="False until they reply YES to the first text.")


@strawberry.type(description="Nothing was kept; `code` and `fieldErrors` say why.")
class TextNumberSetError:
    code: TextNumberSetErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[TextNumberSetErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


TextNumberSetResult = Annotated[
    TextNumberSetSuccess | TextNumberSetError,
    strawberry.union("TextNumberSetResult", description="The result of textNumberSet."),
]


@mutation(
    description="Give your own mobile number to get check-in reminders by text (then choose TEXT as your "
    "reminderChannel); a new number replaces the old one and is confirmed by replying YES.",
    permission_classes=[IsMember],
    extensions=[RateLimited(Bucket.SENSITIVE)],
)
async def text_number_set(
    info: Info,
    data: Annotated[TextNumberSetInput, strawberry.argument(name="input", description="The number.")],
) -> TextNumberSetResult:
    context = info.context
    runtime = context.runtime
    member = await context.require_member()
    try:
        with access_denials():
            await set_own_number(
                repos=context.repos, queue=runtime.queue, vault=runtime.vault, member=member, group_id=data.group_id,
                phone_number=data.phone_number, consent=data.consent, region=runtime.settings.text.default_region,
                now=context.clock.now(),
            )  # fmt: skip
    except TextingError as error:
        return TextNumberSetError(**error_fields(error, TextNumberSetErrorCode))
    return TextNumberSetSuccess(confirmed=False)
