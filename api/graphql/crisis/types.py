"""GraphQL types of crisis signposting: `SupportResource`, and `Signposting`, which
check-in, share and response mutations embed in their success types (SAM-1).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Self

import strawberry

from api.graphql.core.types import GroupKind, Language, Nation, Weekday
from domain.crisis import Signposting as SignpostingResult
from domain.crisis import is_open
from schemas.documents.safeguarding_alerts import RiskLevel
from schemas.documents.support_resources import (
    Contact,
    ContactKind,
    SupportResourceDocument,
)
from schemas.documents.support_resources import (
    OpeningRange as OpeningRangeDocument,
)

strawberry.enum(RiskLevel, description="What the crisis screen found in what the member wrote.")
strawberry.enum(ContactKind, description="How to reach a support resource.")


@strawberry.type(description="One way to reach a support resource.")
class SupportContact:
    kind: ContactKind = strawberry.field(description="Call, text, web, email, or go in person.")
    value: str = strawberry.field(description="The number, short code, address or URL, as people write it.")
    keyword: str | None = strawberry.field(description="What to text, for a text line that needs a word.")
    label: str = strawberry.field(description="What to do, in a few words, in the requested language.")

    @classmethod
    def from_document(cls, contact: Contact, *, language: Language) -> Self:
        return cls(kind=contact.kind, value=contact.value, keyword=contact.keyword, label=contact.label.get(language))


@strawberry.type(description="A weekly opening time, local to the resource's time zone; it may run past midnight.")
class OpeningRange:
    from_day: Weekday = strawberry.field(description="The day it opens.")
    from_time: str = strawberry.field(description="The time it opens, HH:MM.")
    to_day: Weekday = strawberry.field(description="The day it closes.")
    to_time: str = strawberry.field(description="The time it closes, HH:MM.")

    @classmethod
    def from_document(cls, opening: OpeningRangeDocument) -> Self:
        return cls(
            from_day=opening.from_day, from_time=opening.from_time, to_day=opening.to_day, to_time=opening.to_time
        )


@strawberry.type(description="A helpline or service that can help, from the reviewed list (CRISIS-1).")
class SupportResource:
    id: strawberry.ID = strawberry.field(description="Stable id, such as 'samaritans'.")
    name: str = strawberry.field(description="Its name, in the requested language.")
    description: str = strawberry.field(description="Who it is for and what it offers, in the requested language.")
    emergency: bool = strawberry.field(description="For danger to life right now (999, A&E).")
    information_only: bool = strawberry.field(
        description="Information and advice, not crisis support (Mind's Infoline): never in a crisis response."
    )
    group_kinds: list[GroupKind] = strawberry.field(
        description="Listed only for these kinds of group (Cruse, for bereavement); empty: for everyone."
    )
    nations: list[Nation] = strawberry.field(description="The nations it serves.")
    min_age: int | None = strawberry.field(description="Youngest age served; null for any.")
    max_age: int | None = strawberry.field(description="Oldest age served (18 means under 19); null for any.")
    languages: list[Language] = strawberry.field(description="Languages it is offered in.")
    contacts: list[SupportContact] = strawberry.field(description="Ways to reach it, the first the main one.")
    always_open: bool = strawberry.field(description="Open 24 hours a day, every day.")
    open_now: bool = strawberry.field(description="Open at the time of the response.")
    hours: str = strawberry.field(description="Opening hours as text, in the requested language.")
    opening_hours: list[OpeningRange] = strawberry.field(description="Weekly opening times; empty when always open.")
    timezone: str = strawberry.field(description="IANA time zone of the opening times.")
    last_verified: date = strawberry.field(description="When the details were last checked.")

    @classmethod
    def from_document(cls, resource: SupportResourceDocument, *, language: Language, now: datetime) -> Self:
        return cls(
            id=strawberry.ID(resource.id),
            name=resource.name.get(language),
            description=resource.description.get(language),
            emergency=resource.emergency,
            information_only=resource.information_only,
            group_kinds=list(resource.group_kinds),
            nations=list(resource.nations),
            min_age=resource.min_age,
            max_age=resource.max_age,
            languages=list(resource.languages),
            contacts=[SupportContact.from_document(contact, language=language) for contact in resource.contacts],
            always_open=resource.hours.always_open,
            open_now=is_open(resource.hours, now),
            hours=resource.hours.text.get(language),
            opening_hours=[OpeningRange.from_document(opening) for opening in resource.hours.ranges],
            timezone=resource.hours.timezone,
            last_verified=resource.last_verified,
        )


@strawberry.type(
    description="Support shown with a check-in, share or response that calls for it: kind words and the "
    "helplines for the member's nation and age, in the same response (no push needed)."
)
class Signposting:
    level: RiskLevel = strawberry.field(description="What the screen found in the words (NONE for a low mood alone).")
    message: str = strawberry.field(description="Short, kind words in the member's language, naming Samaritans.")
    resources: list[SupportResource] = strawberry.field(
        description="The member's resources: emergencies, then 24/7 lines, then the rest."
    )

    @classmethod
    def from_result(cls, result: SignpostingResult) -> Self | None:
        """The type to embed, or None when nothing calls for support."""
        if not result.show_support or result.message is None:
            return None
        return cls(
            level=result.level,
            message=result.message,
            resources=[
                SupportResource.from_document(item, language=result.language, now=result.checked_at)
                for item in result.resources
            ],
        )
