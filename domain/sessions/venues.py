"""Where a group meets: its venues and its home area (leads and co-leads)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.groups import GroupAction, Viewer, clean_outward_code, clean_postcode, location_of, note_leader_activity
from domain.sessions.access import authorized_live
from domain.sessions.errors import SessionError, SessionErrorCode
from domain.sessions.validation import (
    LOCAL_AUTHORITY_MAX,
    clean,
    issue,
    length_issue,
    raise_any,
    venue_issues,
)
from infra.mongo.repositories.registry import Repositories
from schemas.commands import KEEP, Keep
from schemas.documents.base import new_id
from schemas.documents.groups import GeoPoint, GroupDocument, GroupUpdate, HomeArea
from schemas.documents.members import Nation
from schemas.documents.venues import Accessibility, VenueDocument, VenueUpdate

VENUES_MAX = 20


@dataclass(frozen=True)
class VenueDraft:
    """A venue's fields; None leaves a field as it is (on update)."""

    name: str | None = None
    address: str | None = None
    postcode: str | None = None
    directions: str | None = None
    accessibility: Accessibility | None = None


def _cleaned(draft: VenueDraft) -> VenueDraft:
    access = draft.accessibility
    return VenueDraft(
        name=clean(draft.name) if draft.name is not None else None,
        address=clean(draft.address) if draft.address is not None else None,
        postcode=draft.postcode,
        directions=clean(draft.directions) if draft.directions is not None else None,
        accessibility=access.model_copy(update={"note": clean(access.note)}) if access is not None else None,
    )


def _checked(draft: VenueDraft) -> VenueDraft:
    draft = _cleaned(draft)
    note = draft.accessibility.note if draft.accessibility is not None else None
    raise_any(venue_issues(name=draft.name, address=draft.address, postcode=draft.postcode,
                           directions=draft.directions, note=note))  # fmt: skip
    return draft


def _location(group: GroupDocument, venue: VenueDocument) -> GeoPoint | Keep | None:
    """The group's location once this venue is where it usually meets (unchanged without a home area)."""
    return location_of(group.home_area, venue_postcode=venue.postcode) if group.home_area is not None else KEEP


async def create_venue(
    *, repos: Repositories, viewer: Viewer, group_id: str, draft: VenueDraft, make_default: bool, now: datetime
) -> VenueDocument:
    """Add a venue to the group (leads and co-leads), optionally as where it usually meets."""
    group, membership = await authorized_live(repos, viewer, group_id, GroupAction.RUN_SESSIONS)
    checked = _checked(draft)
    if checked.name is None or checked.address is None or checked.postcode is None:
        raise ValueError("a new venue needs a name, an address and a postcode")
    if await repos.venues.count_of_group(group.id) >= VENUES_MAX:
        raise SessionError(SessionErrorCode.TOO_MANY_VENUES, f"A group keeps up to {VENUES_MAX} venues.")
    venue = VenueDocument(
        id=new_id(), group_id=group.id, name=checked.name, address=checked.address,
        postcode=clean_postcode(checked.postcode) or checked.postcode, directions=checked.directions or "",
        accessibility=checked.accessibility or Accessibility(), created_by=viewer.id, created_at=now, updated_at=now,
    )  # fmt: skip
    await repos.venues.insert(venue)
    if make_default:
        update = GroupUpdate(default_venue_id=venue.id, location=_location(group, venue))
        await repos.groups.update_live(group.id, update, capacity=None, now=now)
    await note_leader_activity(repos, membership, now=now)
    return venue


async def update_venue(
    *, repos: Repositories, viewer: Viewer, group_id: str, venue_id: str, draft: VenueDraft, now: datetime
) -> VenueDocument:
    """Change a venue's fields (leads and co-leads); only those given change."""
    group, membership = await authorized_live(repos, viewer, group_id, GroupAction.RUN_SESSIONS)
    checked = _checked(draft)
    postcode: str | Keep = KEEP if checked.postcode is None else clean_postcode(checked.postcode) or KEEP
    changes = VenueUpdate(
        name=checked.name if checked.name is not None else KEEP,
        address=checked.address if checked.address is not None else KEEP,
        postcode=postcode,
        directions=checked.directions if checked.directions is not None else KEEP,
        accessibility=checked.accessibility if checked.accessibility is not None else KEEP,
    )
    venue = await repos.venues.update(group.id, venue_id, changes, now=now)
    if venue is None:
        raise SessionError(SessionErrorCode.VENUE_NOT_FOUND, "That venue is not one of this group's.")
    if venue.id == group.default_venue_id and not isinstance(postcode, Keep):
        await repos.groups.update_live(group.id, GroupUpdate(location=_location(group, venue)), capacity=None, now=now)
    await note_leader_activity(repos, membership, now=now)
    return venue


async def set_home_area(
    *,
    repos: Repositories,
    viewer: Viewer,
    group_id: str,
    nation: Nation,
    local_authority: str,
    outward_code: str | None,
    default_venue_id: str | None,
    now: datetime,
) -> GroupDocument:
    """Say where the group meets, no finer than a postcode district, and its usual venue (leads and co-leads)."""
    group, membership = await authorized_live(repos, viewer, group_id, GroupAction.RUN_SESSIONS)
    authority = clean(local_authority)
    found = length_issue("localAuthority", authority, 1, LOCAL_AUTHORITY_MAX,
                         SessionErrorCode.LOCAL_AUTHORITY_LENGTH, "The local authority")  # fmt: skip
    outward = clean_outward_code(outward_code) if outward_code is not None else None
    if outward_code is not None and outward is None:
        message = "Give only the first part of a postcode, such as CF10."
        found.append(issue("outwardCode", SessionErrorCode.OUTWARD_CODE_INVALID, message))
    venue = await repos.venues.get(group.id, default_venue_id) if default_venue_id is not None else None
    if default_venue_id is not None and venue is None:
        found.append(issue("defaultVenueId", SessionErrorCode.VENUE_NOT_FOUND, "That venue is not this group's."))
    raise_any(found)
    area = HomeArea(nation=nation, local_authority=authority, outward_code=outward)
    location = location_of(area, venue_postcode=venue.postcode if venue else None)
    update = GroupUpdate(home_area=area, location=location, default_venue_id=default_venue_id)
    updated = await repos.groups.update_live(group.id, update, capacity=None, now=now)
    if updated is None:
        raise SessionError(
            SessionErrorCode.GROUP_ARCHIVED, "This group has been archived: it can be read, not changed."
        )
    await note_leader_activity(repos, membership, now=now)
    return updated
