"""The support directory: the helplines every crisis answer is built from, held in memory.

Loaded from the reviewed file when the process starts, so help is there before the
store has answered once; refreshed from the store in the background, so a review
seeded by another replica reaches this one; never read from the store while a member
waits. The crisis screen and `supportResources` answer from it in microseconds
whatever the store, Redis, Celery or FCM are doing (CRISIS-3).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from domain.crisis import policies
from domain.crisis.catalogue import Catalogue, default_catalogue
from domain.crisis.errors import CrisisError, CrisisErrorCode
from domain.crisis.local_services import LocalServices
from infra.mongo.repositories.registry import Repositories
from infra.mongo.repositories.support_resources import SupportResourcesUnreadableError
from schemas.documents.groups import GroupKind
from schemas.documents.members import Nation
from schemas.documents.support_resources import SupportResourceDocument

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Snapshot:
    resources: tuple[SupportResourceDocument, ...]
    source: str  # "file" or "store"
    loaded_at: datetime | None


class SupportDirectory:
    """The published resources of one process. Replaced whole, never edited in place,
    so a reader never sees half of one revision and half of another.
    """

    def __init__(self, catalogue: Catalogue | None = None) -> None:
        shipped = (catalogue or default_catalogue()).resources
        self._snapshot = _Snapshot(tuple(item for item in shipped if item.published), "file", None)
        # The hosts' local services, listed after the helplines for a hosted group's members.
        self.local = LocalServices()

    @property
    def source(self) -> str:
        """Where the resources in use came from: the shipped "file" or the "store"."""
        return self._snapshot.source

    def resources(
        self, *, nation: Nation | None, age: int | None, group_kind: GroupKind | None = None, crisis: bool = False
    ) -> list[SupportResourceDocument]:
        """For a nation and age (and a kind of group): emergencies, then 24/7 lines, then the rest;
        for a crisis response, none that only gives information. With no nation (the member
        could not be read in time), the lines that serve every nation.
        """
        if age is not None and not 0 <= age <= policies.MAXIMUM_AGE:
            raise CrisisError(CrisisErrorCode.AGE_INVALID, f"Age must be between 0 and {policies.MAXIMUM_AGE}.")
        nations = set(Nation) if nation is None else {nation}
        return policies.ordered(
            item
            for item in self._snapshot.resources
            if nations <= set(item.nations) and policies.serves_age(item, age)
            and policies.serves_group(item, group_kind) and not (crisis and item.information_only)
        )  # fmt: skip

    def replace(self, resources: Iterable[SupportResourceDocument], *, at: datetime) -> bool:
        """Use the store's published resources; an empty answer (a store never seeded) keeps the current ones."""
        published = tuple(item for item in resources if item.published)
        if not published or not all(self._serves_every_nation(published, nation) for nation in Nation):
            return False
        self._snapshot = _Snapshot(published, "store", at)
        return True

    @staticmethod
    def _serves_every_nation(resources: tuple[SupportResourceDocument, ...], nation: Nation) -> bool:
        return any(item.emergency and nation in item.nations for item in resources)


async def refresh_directory(*, repos: Repositories, directory: SupportDirectory, now: datetime) -> bool:
    """Read the published resources from the store into the directory; on failure keep what it has."""
    try:
        found = await repos.support_resources.list_published()
    except SupportResourcesUnreadableError:
        logger.warning("support resources unreadable; keeping the %s copy", directory.source)
        return False
    return directory.replace(found, at=now)
