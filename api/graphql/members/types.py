"""GraphQL types of the members context."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Self

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.types import Language, Nation
from domain.accounts import AccountStatus, account_state
from domain.members import is_minor
from schemas.documents.members import MemberDocument


@strawberry.enum(description="Where the member's account is.")
class AccountStateStatus(Enum):
    ACTIVE = strawberry.enum_value(AccountStatus.ACTIVE.value, description="In use.")
    PENDING_DELETION = strawberry.enum_value(
        AccountStatus.PENDING_DELETION.value,
        description="The member asked to delete it: hidden from everyone, and deleted at `deleteAfter` unless "
        "they restore it (accountRestore) before then. Every other operation is refused meanwhile.",
    )


@strawberry.type(description="The state of the member's account, so the app can show the restore screen.")
class AccountState:
    status: AccountStateStatus = strawberry.field(description="ACTIVE, or PENDING_DELETION.")
    deletion_requested_at: datetime | None = strawberry.field(
        description="When the member asked to delete it; null while active."
    )
    delete_after: datetime | None = strawberry.field(
        description="When it will be deleted for good, unless restored before; null while active."
    )


async def resolve_account_state(root: Member, info: Info) -> AccountState:
    state = await account_state(repos=info.context.repos, member=root.document)
    return AccountState(
        status=AccountStateStatus(state.status.value),
        deletion_requested_at=state.deletion_requested_at,
        delete_after=state.delete_after,
    )


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
    account_state: AccountState = strawberry.field(
        resolver=resolve_account_state,
        description="Active, or waiting to be deleted and until when: read it after signing in to know "
        "whether to show the restore screen.",
    )
    document: strawberry.Private[MemberDocument]

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
            document=member,
        )
