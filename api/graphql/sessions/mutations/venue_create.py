"""venueCreate: a lead or co-lead adds a place where their group meets."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.groups.access import group_viewer
from api.graphql.sessions.types import AccessibilityInput, Venue
from domain.sessions import SessionError, SessionErrorCode, VenueDraft, create_venue


@strawberry.enum(description="Why venueCreate added nothing.")
class VenueCreateErrorCode(Enum):
    VENUE_NAME_LENGTH = SessionErrorCode.VENUE_NAME_LENGTH.value
    ADDRESS_LENGTH = SessionErrorCode.ADDRESS_LENGTH.value
    POSTCODE_INVALID = SessionErrorCode.POSTCODE_INVALID.value
    DIRECTIONS_LENGTH = SessionErrorCode.DIRECTIONS_LENGTH.value
    ACCESS_NOTE_LENGTH = SessionErrorCode.ACCESS_NOTE_LENGTH.value
    TOO_MANY_VENUES = SessionErrorCode.TOO_MANY_VENUES.value
    GROUP_ARCHIVED = SessionErrorCode.GROUP_ARCHIVED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="A venue of the group: never a member's home.")
class VenueCreateInput:
    group_id: strawberry.ID = strawberry.field(description="The group.")
    name: str = strawberry.field(description="1 to 120 characters, such as 'St Mary's church hall'.")
    address: str = strawberry.field(description="1 to 300 characters.")
    postcode: str = strawberry.field(description="The venue's full UK postcode.")
    directions: str = strawberry.field(default="", description="Plain directions to the room; up to 1,000.")
    accessibility: AccessibilityInput | None = strawberry.field(default=None, description="Access facts.")
    make_default: bool = strawberry.field(default=False, description="Where the group usually meets.")


@strawberry.type(description="The venue was added.")
class VenueCreateSuccess:
    venue: Venue = strawberry.field(description="The new venue.")


@strawberry.type(description="Nothing was added; `code` and `fieldErrors` say why.")
class VenueCreateError:
    code: VenueCreateErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[VenueCreateErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


VenueCreateResult = Annotated[
    VenueCreateSuccess | VenueCreateError,
    strawberry.union("VenueCreateResult", description="The result of venueCreate."),
]


@mutation(description="Add a venue where the group meets. Leads and co-leads.", permission_classes=[IsMember])
async def venue_create(
    info: Info, data: Annotated[VenueCreateInput, strawberry.argument(name="input", description="The venue.")]
) -> VenueCreateResult:
    context = info.context
    viewer = await group_viewer(info)
    access = data.accessibility.to_stored() if data.accessibility else None
    draft = VenueDraft(name=data.name, address=data.address, postcode=data.postcode, directions=data.directions,
                       accessibility=access)  # fmt: skip
    try:
        with access_denials():
            venue = await create_venue(repos=context.repos, viewer=viewer, group_id=data.group_id, draft=draft,
                                       make_default=data.make_default, now=context.clock.now())  # fmt: skip
    except SessionError as error:
        return VenueCreateError(**error_fields(error, VenueCreateErrorCode))
    return VenueCreateSuccess(venue=Venue.from_document(venue))
