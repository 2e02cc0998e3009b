"""Areas people name: postcodes and postcode districts, council areas, and where they are.

A group's home area is never finer than a postcode district; its location (for discovery by
distance) is that district's centre, else its usual venue's district's, else its council's.
The centres are open data shipped with the app (`infra/reference_data`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.groups.errors import GroupError, GroupErrorCode
from infra.reference_data.centroids import Centroid, authority_centroid, district_centroid
from schemas.documents.groups import GeoPoint, HomeArea
from schemas.documents.members import Nation

# A UK postcode (outward code, a space, inward code) and an outward code alone; upper case.
_OUTWARD = r"(?:[A-Z]{1,2}[0-9][A-Z0-9]?)"
_POSTCODE = re.compile(rf"^{_OUTWARD} [0-9][A-Z]{{2}}$")
_OUTWARD_CODE = re.compile(rf"^{_OUTWARD}$")


def clean_postcode(raw: str) -> str | None:
    """A full UK postcode as `CF10 1AA`, whatever its spacing or case; None if it is not one."""
    compact = re.sub(r"\s+", "", raw).upper()
    if not 5 <= len(compact) <= 7:
        return None
    shaped = f"{compact[:-3]} {compact[-3:]}"
    return shaped if _POSTCODE.match(shaped) else None


def clean_outward_code(raw: str) -> str | None:
    """A postcode district (`CF10`), never a full postcode; None if it is not one."""
    compact = raw.strip().upper()
    return compact if _OUTWARD_CODE.match(compact) else None


def _point(centroid: Centroid | None) -> GeoPoint | None:
    return GeoPoint(coordinates=(centroid.longitude, centroid.latitude)) if centroid is not None else None


def location_of(area: HomeArea, *, venue_postcode: str | None) -> GeoPoint | None:
    """Where a group with this home area meets, for discovery; None when no source knows it."""
    candidates = [area.outward_code, venue_postcode.split(" ")[0] if venue_postcode else None]
    for outward in candidates:
        if outward and (point := _point(district_centroid(outward))):
            return point
    return _point(authority_centroid(area.local_authority))


@dataclass(frozen=True)
class NearArea:
    """Where someone looks for a group: a nation and one of its council areas or postcode districts."""

    nation: Nation
    local_authority: str | None = None
    outward_code: str | None = None


def centre_of(area: NearArea) -> GeoPoint:
    """The area's centre; a GroupError when it is given twice or not at all, is a person's full
    postcode, or is not an area of that nation we know (Northern Ireland's districts among them:
    the open data covers Great Britain; its council areas are known).
    """
    authority = (area.local_authority or "").strip()
    outward_raw = (area.outward_code or "").strip()
    if bool(authority) == bool(outward_raw):
        raise GroupError(
            GroupErrorCode.AREA_REQUIRED, "Give either a council area or the first part of a postcode, not both."
        )
    if outward_raw:
        if clean_postcode(outward_raw) is not None:
            raise GroupError(
                GroupErrorCode.POSTCODE_TOO_PRECISE, "Give only the first part of a postcode, such as CF10."
            )
        outward = clean_outward_code(outward_raw)
        if outward is None:
            raise GroupError(GroupErrorCode.OUTWARD_CODE_INVALID, "Give the first part of a postcode, such as CF10.")
        centroid = district_centroid(outward)
    else:
        centroid = authority_centroid(authority)
    if centroid is None or area.nation not in centroid.nations:
        raise GroupError(GroupErrorCode.UNKNOWN_AREA, "We don't know that area in that nation. Try your council area.")
    return GeoPoint(coordinates=(centroid.longitude, centroid.latitude))
