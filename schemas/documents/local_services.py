"""`local_services`: an organisation's local services, imported from its Open Referral UK feed.

One document per (organisation, source id): the id the feed gives the service, so a re-import
updates in place. A service the feed no longer lists is kept with `removed` set (members stop
seeing it; an admin can still see what was there). No member's data: services are public.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from schemas.documents.base import Document


class LocalServiceLocation(Document):
    postcode: str | None = None
    postcode_district: str | None = Field(default=None, description="The outward code, e.g. CF10.")
    local_authority: str | None = None


class LocalServiceDocument(Document):
    id: str = Field(alias="_id")
    organisation_id: str
    source_id: str = Field(description="The service's id in the feed; unique per organisation.")
    name: str
    description: str = ""
    url: str | None = None
    email: str | None = None
    phones: tuple[str, ...] = ()
    locations: tuple[LocalServiceLocation, ...] = ()
    eligibility: str = ""
    source_updated_at: datetime | None = Field(default=None, description="The feed's last update, when it gives one.")
    imported_at: datetime = Field(description="When an import last saw it.")
    removed: bool = Field(default=False, description="Missing from the last complete import.")
