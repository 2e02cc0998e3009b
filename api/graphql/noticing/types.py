"""GraphQL types of the noticing context: the member's difficult dates."""

from __future__ import annotations

from datetime import date, datetime
from typing import Self

import strawberry

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
