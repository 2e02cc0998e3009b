"""memberOnboard: a signed-in Firebase user becomes a member."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsAuthenticated
from api.graphql.core.types import FieldError
from api.graphql.members.types import Member
from domain.members import MemberError, MemberErrorCode, NewProfile, onboard
from schemas.documents.members import Language, Nation


@strawberry.enum(description="Why memberOnboard did not create the member.")
class MemberOnboardErrorCode(Enum):
    ALREADY_ONBOARDED = MemberErrorCode.ALREADY_ONBOARDED.value
    DISPLAY_NAME_LENGTH = MemberErrorCode.DISPLAY_NAME_LENGTH.value
    DISPLAY_NAME_CONTACT_DETAILS = MemberErrorCode.DISPLAY_NAME_CONTACT_DETAILS.value
    DISPLAY_NAME_CHARACTERS = MemberErrorCode.DISPLAY_NAME_CHARACTERS.value
    DATE_OF_BIRTH_INVALID = MemberErrorCode.DATE_OF_BIRTH_INVALID.value
    TOO_YOUNG = MemberErrorCode.TOO_YOUNG.value
    TIMEZONE_INVALID = MemberErrorCode.TIMEZONE_INVALID.value


@strawberry.input(description="Who the member is. Other members see only the display name.")
class MemberOnboardInput:
    display_name: str = strawberry.field(description="1 to 40 characters; not an email address or phone number.")
    date_of_birth: date = strawberry.field(description="Members must be 16 or over; it cannot be changed later.")
    nation: Nation = strawberry.field(description="Where the member lives, for the right helplines.")
    timezone: str = strawberry.field(description="IANA time zone, such as Europe/London.")
    language: Language = strawberry.field(description="Language of notifications.")


@strawberry.type(description="The member was created.")
class MemberOnboardSuccess:
    member: Member = strawberry.field(description="The new member's profile.")


@strawberry.type(description="Nothing was written; `code` and `fieldErrors` say why.")
class MemberOnboardError:
    code: MemberOnboardErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[MemberOnboardErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


MemberOnboardResult = Annotated[
    MemberOnboardSuccess | MemberOnboardError,
    strawberry.union("MemberOnboardResult", description="The result of memberOnboard."),
]


@mutation(
    description="Create the signed-in user's member profile. Once per Firebase user.",
    permission_classes=[IsAuthenticated],
)
async def member_onboard(
    info: Info,
    data: Annotated[MemberOnboardInput, strawberry.argument(name="input", description="The member's profile.")],
) -> MemberOnboardResult:
    context = info.context
    now = context.clock.now()
    profile = NewProfile(
        display_name=data.display_name,
        date_of_birth=data.date_of_birth,
        nation=data.nation,
        timezone=data.timezone,
        language=data.language,
    )
    try:
        member = await onboard(repos=context.repos, identity=context.require_identity(), profile=profile, now=now)
    except MemberError as error:
        return MemberOnboardError(**error_fields(error, MemberOnboardErrorCode))
    return MemberOnboardSuccess(member=Member.from_document(member, today=now.date()))
