"""venueUpdate: a lead or co-lead corrects a venue's details."""

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
from domain.sessions import SessionError, SessionErrorCode, VenueDraft, update_venue


@strawberry.enum(description="Why venueUpdate changed nothing.")
class VenueUpdateErrorCode(Enum):
    VENUE_NAME_LENGTH = SessionErrorCode.VENUE_NAME_LENGTH.value
    ADDRESS_LENGTH = SessionErrorCode.ADDRESS_LENGTH.value
    POSTCODE_INVALID = SessionErrorCode.POSTCODE_INVALID.value
    DIRECTIONS_LENGTH = SessionErrorCode.DIRECTIONS_LENGTH.value
    ACCESS_NOTE_LENGTH = SessionErrorCode.ACCESS_NOTE_LENGTH.value
    VENUE_NOT_FOUND = SessionErrorCode.VENUE_NOT_FOUND.value
    GROUP_ARCHIVED = SessionErrorCode.GROUP_ARCHIVED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The fields to change; those left out stay as they are.")
class VenueUpdateInput:
    group_id: strawberry.ID = strawberry.field(description="The group.")
    venue_id: strawberry.ID = strawberry.field(description="One of its venues.")
    name: str | None = strawberry.field(default=None, description="1 to 120 characters.")
    address: str | None = strawberry.field(default=None, description="1 to 300 characters.")
    postcode: str | None = strawberry.field(default=None, description="The venue's full UK postcode.")
    directions: str | None = strawberry.field(default=None, description="Up to 1,000 characters.")
    accessibility: AccessibilityInput | None = strawberry.field(default=None, description="Access facts, all of them.")


@strawberry.type(description="The venue was changed.")
class VenueUpdateSuccess:
    venue: Venue = strawberry.field(description="The venue, as stored now.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class VenueUpdateError:
    code: VenueUpdateErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[VenueUpdateErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


VenueUpdateResult = Annotated[
    VenueUpdateSuccess | VenueUpdateError,
    strawberry.union("VenueUpdateResult", description="The result of venueUpdate."),
]


@mutation(description="Change a venue of the group. Leads and co-leads.", permission_classes=[IsMember])
async def venue_update(
    info: Info, data: Annotated[VenueUpdateInput, strawberry.argument(name="input", description="The changes.")]
) -> VenueUpdateResult:
    context = info.context
    viewer = await group_viewer(info)
    access = data.accessibility.to_stored() if data.accessibility else None
    draft = VenueDraft(name=data.name, address=data.address, postcode=data.postcode, directions=data.directions,
                       accessibility=access)  # fmt: skip
    try:
        with access_denials():
            venue = await update_venue(repos=context.repos, viewer=viewer, group_id=data.group_id,
                                       venue_id=data.venue_id, draft=draft, now=context.clock.now())  # fmt: skip
    except SessionError as error:
        return VenueUpdateError(**error_fields(error, VenueUpdateErrorCode))
    return VenueUpdateSuccess(venue=Venue.from_document(venue))
