"""The host organisations' local services, held in memory beside the national helplines.

A hosted group's members are shown its host's local services (docs/product/crisis.md, "Local
services") AFTER the national helplines, never instead of them. Like the directory, the answer
never waits on anything: the hosted groups and their hosts' services are read in the background
(`refresh_local_services`) and replaced whole; before the first read, or while the store is down,
a group simply has no local services, so the member gets the national helplines at once.

Which of the host's services a group gets: those its leads attached (in that order), then those
for the group's home area (a location in its postcode district or its council), then those with no
location (serving the whole organisation), by name; a group with no home area (online only) gets
them all. Never a removed service, never another organisation's.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from infra.mongo.repositories.groups import HostedPlace
from infra.mongo.repositories.registry import Repositories
from schemas.documents.local_services import LocalServiceDocument

logger = logging.getLogger(__name__)

# Enough to find one near you, few enough to read in a hard moment.
LOCAL_SERVICES_SHOWN = 8
# What one refresh reads at most: the process keeps them all in memory.
HOSTED_GROUPS_READ = 50_000
SERVICES_READ = 50_000


@dataclass(frozen=True)
class _Snapshot:
    places: Mapping[str, HostedPlace] = field(default_factory=lambda: MappingProxyType({}))
    services: Mapping[str, tuple[LocalServiceDocument, ...]] = field(default_factory=lambda: MappingProxyType({}))
    loaded_at: datetime | None = None


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.strip().casefold() == b.strip().casefold()


def serves_area(service: LocalServiceDocument, place: HostedPlace) -> bool:
    """A service with no location serves the whole organisation; else one of its locations is in the
    group's postcode district or council. A group with no home area is served by every one.
    """
    if not service.locations or (place.outward_code is None and place.local_authority is None):
        return True
    return any(
        _same(location.postcode_district, place.outward_code) or _same(location.local_authority, place.local_authority)
        for location in service.locations
    )


class LocalServices:
    """One process's copy of every hosted group's place and its host's listed services.
    Replaced whole, never edited in place, so a reader never sees half of one refresh.
    """

    def __init__(self) -> None:
        self._snapshot = _Snapshot()

    @property
    def loaded_at(self) -> datetime | None:
        return self._snapshot.loaded_at

    def for_group(self, group_id: str | None) -> tuple[LocalServiceDocument, ...]:
        """The group's host's services for its area, attached ones first; none for an unhosted,
        unknown or archived group, or before the first refresh. From memory only.
        """
        place = self._snapshot.places.get(group_id) if group_id else None
        if place is None:
            return ()
        services = self._snapshot.services.get(place.organisation_id, ())
        by_id = {service.id: service for service in services}
        attached = [by_id[i] for i in dict.fromkeys(place.local_service_ids) if i in by_id]
        chosen = {service.id for service in attached}
        nearby = [s for s in services if s.id not in chosen and serves_area(s, place)]
        return tuple([*attached, *nearby][:LOCAL_SERVICES_SHOWN])

    def replace(self, places: Iterable[HostedPlace], services: Iterable[LocalServiceDocument], *, at: datetime) -> None:
        by_organisation: dict[str, list[LocalServiceDocument]] = {}
        for service in services:
            if not service.removed:  # the store's query leaves them out too: this is the rule, in one place
                by_organisation.setdefault(service.organisation_id, []).append(service)
        self._snapshot = _Snapshot(
            places=MappingProxyType({place.group_id: place for place in places}),
            services=MappingProxyType(
                {
                    org: tuple(sorted(found, key=lambda s: (s.name.casefold(), s.id)))
                    for org, found in by_organisation.items()
                }
            ),
            loaded_at=at,
        )


async def refresh_local_services(*, repos: Repositories, local: LocalServices, now: datetime) -> None:
    """Read every hosted group's place and its host's listed services into `local`. Raises what the
    store raises (the caller keeps the last good copy and logs).
    """
    places = await repos.groups.hosted_places(limit=HOSTED_GROUPS_READ)
    organisations = sorted({place.organisation_id for place in places})
    services = await repos.local_services.listed_for(organisations, limit=SERVICES_READ) if organisations else []
    local.replace(places, services, at=now)
