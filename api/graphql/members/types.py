"""GraphQL types of the members context."""

from __future__ import annotations

from datetime import date, datetime
from typing import Self

import strawberry

from api.graphql.core.types import Language, Nation
from domain.members import is_minor
from schemas.documents.members import MemberDocument


@strawberry.type(description="The signed-in member's own profile. Other members never see this type.")
class Member:
    id: strawberry.ID = strawberry.field(description="Opaque id of the member.")
    display_name: str = strawberry.field(description="The name others in the member's groups see.")
    date_of_birth: date = strawberry.field(description="As the member gave it at onboarding; it cannot change.")
    is_under_18: bool = strawberry.field(
        description="Derived from the date of birth: under-18s get high-privacy defaults."
    )
    nation: Nation = strawberry.field(description="Where the member lives, for the right helplines.")
    timezone: str = strawberry.field(description="IANA time zone, such as Europe/London.")
    language: Language = strawberry.field(description="Language of notifications.")
    created_at: datetime = strawberry.field(description="When the member onboarded.")

    @classmethod
    def from_document(cls, member: MemberDocument, *, today: date) -> Self:
        return cls(
            id=strawberry.ID(member.id),
            display_name=member.display_name,
            date_of_birth=member.date_of_birth,
            is_under_18=is_minor(member.date_of_birth, today),
            nation=member.nation,
            timezone=member.timezone,
            language=member.language,
            created_at=member.created_at,
        )
