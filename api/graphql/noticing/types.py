"""GraphQL types of the noticing context: the member's difficult dates, a group's quiet members."""

from __future__ import annotations

from datetime import date, datetime
from typing import Self

import strawberry

from api.graphql.core.context import Info
from domain.noticing import QuietMember as QuietMemberEntry
from schemas.documents.difficult_dates import DifficultDateDocument


@strawberry.type(description="A day the signed-in member said may be hard. Only they ever see it.")
class DifficultDate:
    id: strawberry.ID = strawberry.field(description="Opaque id of the date.")
    label: str = strawberry.field(description="The member's own words for it; never shown to anyone else or pushed.")
    month: int = strawberry.field(description="1 to 12.")
    day: int = strawberry.field(description="Day of the month. 29 February falls on 28 February in other years.")
    year: int | None = strawberry.field(description="Set for a date that happens once; null: every year.")
    share_with_leads: bool = strawberry.field(
        description="Whether the leads of the member's groups get a heads-up the evening before (never the label)."
    )
    next_check_in_on: date | None = strawberry.field(
        description="The day of the next gentle check-in (09:00 there, in the member's time zone); null once a "
        "one-off date has passed."
    )
    created_at: datetime = strawberry.field(description="When the member added it.")

    @classmethod
    def from_document(cls, item: DifficultDateDocument) -> Self:
        return cls(
            id=strawberry.ID(item.id),
            label=item.label,
            month=item.month,
            day=item.day,
            year=item.year,
            share_with_leads=item.share_with_leads,
            next_check_in_on=item.check_in_on,
            created_at=item.created_at,
        )


async def resolve_quiet_member_name(root: QuietMember, info: Info) -> str | None:
    member = await info.context.loaders.member_by_id.load(root.member_id)
    return member.display_name if member else None


async def resolve_quiet_summary(root: QuietMember, info: Info) -> str:
    name = await resolve_quiet_member_name(root, info) or "Someone"
    return f"{name} has missed the last 2 sessions" if root.missed_sessions else f"{name} has gone quiet"


@strawberry.type(
    description="A member of the group who has gone quiet and lets its leads know. Never their moods or notes."
)
class QuietMember:
    member_id: strawberry.ID = strawberry.field(description="The member's id.")
    name: str | None = strawberry.field(
        resolver=resolve_quiet_member_name, description="Their display name; null if they have left the service."
    )
    quiet_since: date = strawberry.field(
        description="The day (in the group's time zone) of their last check-in, named post or session there, or "
        "of joining."
    )
    missed_sessions: bool = strawberry.field(
        description="They came to the group's sessions, then missed the last 2 (the summary says so)."
    )

    summary: str = strawberry.field(
        resolver=resolve_quiet_summary,
        description="One sentence for the lead, such as 'Sam has missed the last 2 sessions'.",
    )

    @classmethod
    def from_quiet(cls, item: QuietMemberEntry) -> Self:
        return cls(
            member_id=strawberry.ID(item.membership.member_id), quiet_since=item.since,
            missed_sessions=item.missed_sessions,
        )  # fmt: skip
