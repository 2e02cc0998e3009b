"""memberUpdate: the member changes their own profile."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.members.types import Member
from domain.members import MemberError, MemberErrorCode, update_profile
from schemas.commands import or_keep
from schemas.documents.members import Language, Nation, ProfileUpdate


@strawberry.enum(description="Why memberUpdate changed nothing.")
class MemberUpdateErrorCode(Enum):
    NOTHING_TO_UPDATE = MemberErrorCode.NOTHING_TO_UPDATE.value
    DISPLAY_NAME_LENGTH = MemberErrorCode.DISPLAY_NAME_LENGTH.value
    DISPLAY_NAME_CONTACT_DETAILS = MemberErrorCode.DISPLAY_NAME_CONTACT_DETAILS.value
    DISPLAY_NAME_CHARACTERS = MemberErrorCode.DISPLAY_NAME_CHARACTERS.value
    TIMEZONE_INVALID = MemberErrorCode.TIMEZONE_INVALID.value
    NOT_ONBOARDED = MemberErrorCode.NOT_ONBOARDED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(
    description="The profile fields to change. A field omitted or null stays as it is: none of them can be cleared."
)
class MemberUpdateInput:
    display_name: str | None = strawberry.field(
        default=None, description="1 to 40 characters. Omitted or null: unchanged."
    )
    nation: Nation | None = strawberry.field(
        default=None, description="Where the member lives. Omitted or null: unchanged."
    )
    timezone: str | None = strawberry.field(default=None, description="IANA time zone. Omitted or null: unchanged.")
    language: Language | None = strawberry.field(
        default=None, description="Language of notifications. Omitted or null: unchanged."
    )


@strawberry.type(description="The profile was changed.")
class MemberUpdateSuccess:
    member: Member = strawberry.field(description="The profile after the change.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class MemberUpdateError:
    code: MemberUpdateErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[MemberUpdateErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


MemberUpdateResult = Annotated[
    MemberUpdateSuccess | MemberUpdateError,
    strawberry.union("MemberUpdateResult", description="The result of memberUpdate."),
]


@mutation(
    description="Change the signed-in member's profile. The date of birth cannot change.",
    permission_classes=[IsMember],
)
async def member_update(
    info: Info,
    data: Annotated[MemberUpdateInput, strawberry.argument(name="input", description="The fields to change.")],
) -> MemberUpdateResult:
    context = info.context
    member = await context.require_member()
    now = context.clock.now()
    changes = ProfileUpdate(
        display_name=or_keep(data.display_name), nation=or_keep(data.nation), timezone=or_keep(data.timezone),
        language=or_keep(data.language),
    )  # fmt: skip
    try:
        updated = await update_profile(repos=context.repos, member=member, changes=changes, now=now)
    except MemberError as error:
        return MemberUpdateError(**error_fields(error, MemberUpdateErrorCode))
    return MemberUpdateSuccess(member=Member.from_document(updated, today=now.date()))
