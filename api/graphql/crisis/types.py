"""GraphQL types of crisis signposting: `SupportResource`, and `Signposting`, which
check-in, share and response mutations embed in their success types (SAM-1).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Self

import strawberry

from api.graphql.core.types import GroupKind, Language, Nation, Weekday
from domain.crisis import Signposting as SignpostingResult
from domain.crisis import is_open
from schemas.documents.local_services import LocalServiceDocument
from schemas.documents.safeguarding_alerts import RiskLevel
from schemas.documents.support_resources import (
    Contact,
    ContactKind,
    Localised,
    SupportResourceDocument,
)
from schemas.documents.support_resources import (
    OpeningRange as OpeningRangeDocument,
)

strawberry.enum(RiskLevel, description="What the crisis screen found in what the member wrote.")
strawberry.enum(ContactKind, description="How to reach a support resource.")

# Local services come from an organisation's feed: UK services, in their own words, hours unknown.
LOCAL_SERVICES_TIMEZONE = "Europe/London"
_CALL = Localised(en="Call", cy="Ffoniwch")
_WEB = Localised(en="Visit the website", cy="Ewch i'r wefan")
_EMAIL = Localised(en="Email", cy="E-bostiwch")
_HOURS_UNKNOWN = Localised(en="Ask the service for its opening times.", cy="Gofynnwch i'r gwasanaeth am ei oriau agor.")


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
    open_now: bool = strawberry.field(
        description="Open at the time of the response; always false for a local service, whose hours are not "
        "known (see `hours`)."
    )
    hours: str = strawberry.field(description="Opening hours as text, in the requested language.")
    opening_hours: list[OpeningRange] = strawberry.field(description="Weekly opening times; empty when always open.")
    timezone: str = strawberry.field(description="IANA time zone of the opening times.")
    last_verified: date = strawberry.field(
        description="When the details were last checked; for a local service, when its organisation's feed last "
        "updated it."
    )
    local: bool = strawberry.field(
        description="A local service of the organisation hosting the member's group, from its own directory: "
        "always listed after every national helpline, never instead of one. False for the national helplines."
    )
    eligibility: str | None = strawberry.field(
        description="Who a local service is for, as its organisation wrote it; null for the national helplines."
    )

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
            local=False,
            eligibility=None,
        )

    @classmethod
    def from_local(cls, service: LocalServiceDocument, *, language: Language) -> Self:
        """A host's local service in the same shape, marked `local`: no hours are known, so it is never
        shown as open now; its own words, in the language its organisation wrote them.
        """
        contacts = [
            *(Contact(kind=ContactKind.CALL, value=phone, label=_CALL) for phone in service.phones),
            *([Contact(kind=ContactKind.WEB, value=service.url, label=_WEB)] if service.url else []),
            *([Contact(kind=ContactKind.EMAIL, value=service.email, label=_EMAIL)] if service.email else []),
        ]
        return cls(
            id=strawberry.ID(service.id),
            name=service.name,
            description=service.description,
            emergency=False,
            information_only=False,
            group_kinds=[],
            nations=[],
            min_age=None,
            max_age=None,
            languages=[],
            contacts=[SupportContact.from_document(contact, language=language) for contact in contacts],
            always_open=False,
            open_now=False,
            hours=_HOURS_UNKNOWN.get(language),
            opening_hours=[],
            timezone=LOCAL_SERVICES_TIMEZONE,
            last_verified=(service.source_updated_at or service.imported_at).date(),
            local=True,
            eligibility=service.eligibility or None,
        )


def support_list(
    resources: Iterable[SupportResourceDocument],
    local: Iterable[LocalServiceDocument],
    *,
    language: Language,
    now: datetime,
) -> list[SupportResource]:
    """The national helplines first, then the host's local services: the order the contract promises."""
    return [
        *(SupportResource.from_document(item, language=language, now=now) for item in resources),
        *(SupportResource.from_local(service, language=language) for service in local),
    ]


@strawberry.type(
    description="Support shown with a check-in, share or response that calls for it: kind words and the "
    "helplines for the member's nation and age, in the same response (no push needed)."
)
class Signposting:
    level: RiskLevel = strawberry.field(description="What the screen found in the words (NONE for a low mood alone).")
    message: str = strawberry.field(description="Short, kind words in the member's language, naming Samaritans.")
    resources: list[SupportResource] = strawberry.field(
        description="The member's resources: emergencies, then 24/7 lines, then the rest; then, for a hosted "
        "group, its host's local services (`local`), the ones its leads attached first."
    )

    @classmethod
    def from_result(cls, result: SignpostingResult) -> Self | None:
        """The type to embed, or None when nothing calls for support."""
        if not result.show_support or result.message is None:
            return None
        return cls(
            level=result.level,
            message=result.message,
            resources=support_list(result.resources, result.local, language=result.language, now=result.checked_at),
        )
