"""Local services: an organisation's own services, imported from its Open Referral UK feed.

Open Referral UK (the UK profile of HSDS) serves services as JSON pages at `/services?page=N`:
`{"total_pages", "number", "content": [service, ...], ...}`. The import reads every page,
upserts each service by its feed id (so importing twice changes nothing), and marks removed the
services a *complete* import no longer lists. A page that is not JSON or not that shape is
skipped and named in the summary; then nothing is marked removed, so the services it held keep
their last good data until a later import reads it. Tolerant by design: feeds vary, so unknown
fields are ignored and missing optional ones are empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
from pydantic import BaseModel, ConfigDict, ValidationError

from domain.errors import FieldIssue, HiddenError
from domain.organisations.errors import OrganisationError, OrganisationErrorCode
from domain.organisations.policies import OrgAction, Staffing, authorize
from domain.organisations.validation import URL_MAX
from infra.mongo.repositories.registry import Repositories
from schemas.documents.base import new_id
from schemas.documents.local_services import LocalServiceDocument, LocalServiceLocation
from schemas.documents.organisations import OrganisationDocument

MAX_PAGES = 200  # a runaway `total_pages` cannot keep a worker busy for ever
FEED_TIMEOUT = httpx.Timeout(20.0)


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class _Phone(_Loose):
    number: str | None = None


class _Contact(_Loose):
    phones: list[_Phone] = []


class _Address(_Loose):
    postal_code: str | None = None
    state_province: str | None = None


class _Location(_Loose):
    physical_addresses: list[_Address] = []


class _ServiceAtLocation(_Loose):
    location: _Location | None = None


class _Eligibility(_Loose):
    eligibility: str | None = None


class _Service(_Loose):
    id: str
    name: str
    description: str | None = None
    url: str | None = None
    email: str | None = None
    status: str | None = None
    last_modified: datetime | None = None
    contacts: list[_Contact] = []
    service_at_locations: list[_ServiceAtLocation] = []
    eligibilitys: list[_Eligibility] = []


class _Page(_Loose):
    total_pages: int
    content: list[dict[str, Any]]


@dataclass(frozen=True)
class Skipped:
    page: int
    reason: str  # plain words for the organisation's admin: what was wrong, not the feed's text
    source_id: str | None = None  # one service on an otherwise good page


@dataclass(frozen=True)
class ImportSummary:
    imported: int  # services written (new or updated)
    removed: int  # newly marked removed (only after a complete import)
    pages: int  # pages the feed said it had
    skipped: tuple[Skipped, ...]

    @property
    def complete(self) -> bool:
        return not self.skipped


def postcode_district(postcode: str | None) -> str | None:
    """The outward code of a UK postcode ("CF10 1AA" -> "CF10"); None when there is none."""
    if not postcode:
        return None
    compact = "".join(postcode.split()).upper()
    return compact[:-3] if len(compact) > 3 else None


def _document(service: _Service, *, organisation_id: str, now: datetime) -> LocalServiceDocument:
    locations = tuple(
        LocalServiceLocation(
            postcode=address.postal_code,
            postcode_district=postcode_district(address.postal_code),
            local_authority=address.state_province,
        )
        for at in service.service_at_locations
        if at.location is not None
        for address in at.location.physical_addresses
    )
    phones = tuple(p.number for c in service.contacts for p in c.phones if p.number)
    eligibility = "; ".join(e.eligibility for e in service.eligibilitys if e.eligibility)
    return LocalServiceDocument(
        id=new_id(),
        organisation_id=organisation_id,
        source_id=service.id,
        name=service.name.strip(),
        description=(service.description or "").strip(),
        url=service.url,
        email=service.email,
        phones=phones,
        locations=locations,
        eligibility=eligibility,
        source_updated_at=service.last_modified,
        imported_at=now,
        removed=service.status is not None and service.status.lower() != "active",
    )


async def _fetch_page(client: httpx.AsyncClient, feed_url: str, number: int) -> _Page | Skipped:
    try:
        response = await client.get(f"{feed_url.rstrip('/')}/services", params={"page": number})
    except httpx.HTTPError:
        return Skipped(page=number, reason="the feed did not answer")
    if response.status_code != httpx.codes.OK:
        return Skipped(page=number, reason=f"the feed answered HTTP {response.status_code}")
    try:
        return _Page.model_validate_json(response.content)
    except ValidationError as error:
        not_json = any(e["type"] == "json_invalid" for e in error.errors())
        return Skipped(page=number, reason="the page is not JSON" if not_json else "the page is not an ORUK page")


async def import_local_services(
    *, repos: Repositories, organisation_id: str, feed_url: str, client: httpx.AsyncClient, now: datetime
) -> ImportSummary:
    """Read every page of the feed and bring the organisation's services in line with it."""
    skipped: list[Skipped] = []
    seen: list[str] = []
    imported = 0
    total = 1
    number = 1
    while number <= min(total, MAX_PAGES):
        page = await _fetch_page(client, feed_url, number)
        if isinstance(page, Skipped):
            skipped.append(page)
            number += 1
            continue
        total = page.total_pages
        for raw in page.content:
            try:
                service = _Service.model_validate(raw)
            except ValidationError:
                source_id = raw.get("id") if isinstance(raw.get("id"), str) else None
                skipped.append(Skipped(page=number, reason="a service without an id or name", source_id=source_id))
                continue
            await repos.local_services.upsert(_document(service, organisation_id=organisation_id, now=now))
            seen.append(service.id)
            imported += 1
        number += 1
    if total > MAX_PAGES:
        skipped.append(Skipped(page=MAX_PAGES + 1, reason=f"the feed has more than {MAX_PAGES} pages"))
    removed = 0
    if not skipped:
        removed = await repos.local_services.mark_removed_except(organisation_id, seen, now=now)
    return ImportSummary(imported=imported, removed=removed, pages=total, skipped=tuple(skipped))


async def local_services_of(*, repos: Repositories, organisation_id: str) -> Sequence[LocalServiceDocument]:
    """The organisation's services members may see (not removed), by name."""
    return await repos.local_services.listed(organisation_id)


def checked_feed_url(raw: str, *, allow_http: bool) -> str:
    """The feed's base address cleaned (no trailing slash); https only outside development."""
    url = raw.strip().rstrip("/")
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    schemes = {"https", "http"} if allow_http else {"https"}
    if parts is None or parts.scheme not in schemes or not parts.hostname or len(url) > URL_MAX or parts.query:
        message = "Use the feed's full https:// address, without ?page=."
        issue = FieldIssue(field="feedUrl", code=OrganisationErrorCode.URL_INVALID, message=message)
        raise OrganisationError.from_issues([issue])
    return url


async def _manageable(*, repos: Repositories, staffing: Staffing, organisation_id: str) -> OrganisationDocument:
    organisation = await repos.organisations.get(organisation_id)
    if organisation is None:
        raise HiddenError(organisation_id)
    authorize(staffing, organisation_id, OrgAction.VIEW)  # not theirs looks like missing
    authorize(staffing, organisation_id, OrgAction.MANAGE_SERVICES)
    return organisation


async def set_services_feed(
    *, repos: Repositories, staffing: Staffing, organisation_id: str, feed_url: str | None, allow_http: bool,
    now: datetime,
) -> OrganisationDocument:  # fmt: skip
    """Give (or, with None, take away) the organisation's feed address: its admins only."""
    await _manageable(repos=repos, staffing=staffing, organisation_id=organisation_id)
    cleaned = checked_feed_url(feed_url, allow_http=allow_http) if feed_url is not None else None
    updated = await repos.organisations.set_services_feed(organisation_id, cleaned, now=now)
    if updated is None:
        raise HiddenError(organisation_id)
    return updated


async def import_services_now(
    *, repos: Repositories, staffing: Staffing, organisation_id: str, client: httpx.AsyncClient, now: datetime
) -> ImportSummary:
    """An import by hand, by the organisation's admin: the same as the scheduled one."""
    organisation = await _manageable(repos=repos, staffing=staffing, organisation_id=organisation_id)
    if organisation.services_feed_url is None:
        raise OrganisationError(OrganisationErrorCode.FEED_NOT_SET, "Give the feed's address first.")
    return await import_local_services(
        repos=repos, organisation_id=organisation_id, feed_url=organisation.services_feed_url, client=client, now=now
    )


async def import_every_feed(
    *, repos: Repositories, client: httpx.AsyncClient, now: datetime
) -> dict[str, ImportSummary]:
    """The scheduled import: every organisation with a feed, one after another, by id."""
    summaries: dict[str, ImportSummary] = {}
    for organisation in await repos.organisations.with_services_feed():
        if organisation.services_feed_url is not None:
            summaries[organisation.id] = await import_local_services(
                repos=repos, organisation_id=organisation.id, feed_url=organisation.services_feed_url,
                client=client, now=now,
            )  # fmt: skip
    return summaries
