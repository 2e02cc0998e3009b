"""textMemberRegister: a lead, co-lead or staff member adds someone without the app, by phone."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.execution.rate_limits import Bucket, RateLimited
from api.graphql.groups.access import group_viewer
from api.graphql.groups.types import GroupMember
from domain.texting import TextingError, TextingErrorCode, TextMemberDraft, register_text_member
from schemas.documents.members import Language, Nation


@strawberry.enum(description="Why textMemberRegister added nobody.")
class TextMemberRegisterErrorCode(Enum):
    PHONE_INVALID = TextingErrorCode.PHONE_INVALID.value
    PHONE_TAKEN = TextingErrorCode.PHONE_TAKEN.value
    CONSENT_REQUIRED = TextingErrorCode.CONSENT_REQUIRED.value
    AGE_REQUIRED = TextingErrorCode.AGE_REQUIRED.value
    DISPLAY_NAME_INVALID = TextingErrorCode.DISPLAY_NAME_INVALID.value
    DATE_OF_BIRTH_INVALID = TextingErrorCode.DATE_OF_BIRTH_INVALID.value
    GROUP_ARCHIVED = TextingErrorCode.GROUP_ARCHIVED.value
    GROUP_FULL = TextingErrorCode.GROUP_FULL.value
    AGE_NOT_ALLOWED = TextingErrorCode.AGE_NOT_ALLOWED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="Someone without the app, as they told their lead: they check in by text message.")
class TextMemberRegisterInput:
    group_id: strawberry.ID = strawberry.field(description="The group they join.")
    phone_number: str = strawberry.field(
        description="Their mobile number (07400 123456 or +44 7400 123456); stored encrypted, never shown."
    )
    display_name: str = strawberry.field(description="1 to 40 characters; the group sees it.")
    nation: Nation = strawberry.field(description="Where they live, for the right helplines.")
    language: Language = strawberry.field(description="The language of their texts.")
    consent: bool = strawberry.field(
        description="They agreed to be texted and to have their check-ins kept: must be true."
    )
    date_of_birth: date | None = strawberry.field(default=None, description="Their date of birth (16 or over).")
    adult_confirmed: bool = strawberry.field(
        default=False, description="Without a date of birth: they confirmed they are 18 or over."
    )


@strawberry.type(description="They were added, waiting for their YES to the first text.")
class TextMemberRegisterSuccess:
    member: GroupMember = strawberry.field(description="The new member, as their group's leads see them.")


@strawberry.type(description="Nothing was written; `code` and `fieldErrors` say why.")
class TextMemberRegisterError:
    code: TextMemberRegisterErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a lead can read.")
    field_errors: list[FieldError[TextMemberRegisterErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


TextMemberRegisterResult = Annotated[
    TextMemberRegisterSuccess | TextMemberRegisterError,
    strawberry.union("TextMemberRegisterResult", description="The result of textMemberRegister."),
]


@mutation(
    description="Add someone without the app to a group by their phone number (leads, co-leads and staff), "
    "with their consent; they confirm by replying YES to the first text.",
    permission_classes=[IsMember],
    extensions=[RateLimited(Bucket.SENSITIVE)],
)
async def text_member_register(
    info: Info,
    data: Annotated[TextMemberRegisterInput, strawberry.argument(name="input", description="Who to add.")],
) -> TextMemberRegisterResult:
    context = info.context
    runtime = context.runtime
    viewer = await group_viewer(info)
    now = context.clock.now()
    draft = TextMemberDraft(
        group_id=data.group_id, phone_number=data.phone_number, display_name=data.display_name, nation=data.nation,
        language=data.language, consent=data.consent, date_of_birth=data.date_of_birth,
        adult_confirmed=data.adult_confirmed,
    )  # fmt: skip
    try:
        with access_denials():
            member = await register_text_member(
                repos=context.repos, queue=runtime.queue, vault=runtime.vault, viewer=viewer, draft=draft,
                region=runtime.settings.text.default_region, now=now,
            )  # fmt: skip
    except TextingError as error:
        return TextMemberRegisterError(**error_fields(error, TextMemberRegisterErrorCode))
    membership = await context.repos.memberships.get(data.group_id, member.id)
    assert membership is not None  # noqa: S101 - just admitted
    return TextMemberRegisterSuccess(member=GroupMember.of(membership, member, now=now, leader_view=True))
