"""Finding a group near you: open groups that meet in person, nearest an area's centre first,
then the groups that meet online, A to Z.

A group meets in person when its home area gives it a location (`location_of`), and it is
searched for within its home area's nation. One list, paged by keyset: an in-person group's
place is (its distance, its id), an online group's (its name, its id), all online ones after
all in-person ones. The cursor carries which part and where, so a page costs one query of
each part at most.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from domain.groups.areas import NearArea, centre_of
from domain.groups.policies import Viewer, discoverable_youth
from domain.groups.reading import SEARCH_TEXT_MAX
from domain.groups.views import GroupView, view_of
from infra.mongo.repositories.groups import Discovery
from infra.mongo.repositories.registry import Repositories
from schemas.documents.groups import GroupDocument, GroupKind
from schemas.pagination import Keyset, Page

_IN_PERSON, _ONLINE = "d", "n"  # the cursor's part: by distance, by name


class InvalidNearCursorError(ValueError):
    """A cursor that no page of this list made."""


@dataclass(frozen=True)
class NearbyGroup:
    """A group found near an area; `keyset` says where the list goes on after it."""

    view: GroupView
    metres: float | None  # None: it meets online
    keyset: tuple[str, str]


def _near_key(group: GroupDocument, metres: float) -> tuple[str, str]:
    return f"{_IN_PERSON}{metres!r}", group.id


def _online_key(group: GroupDocument) -> tuple[str, str]:
    return f"{_ONLINE}{group.name_key}", group.id


def _parse(after: Keyset | None) -> tuple[tuple[float, str] | None, Keyset | None, bool]:
    """(where the in-person part goes on, where the online part goes on, whether it is done)."""
    if after is None:
        return None, None, False
    value = str(after.value)
    if value.startswith(_IN_PERSON):
        try:
            return (float(value[1:]), after.id), None, False
        except ValueError:
            raise InvalidNearCursorError(value) from None
    if value.startswith(_ONLINE):
        return None, Keyset(value[1:], after.id), True
    raise InvalidNearCursorError(value)


async def discover_groups_near(
    *,
    repos: Repositories,
    viewer: Viewer,
    near: NearArea,
    kind: GroupKind | None,
    text: str | None,
    after: Keyset | None,
    first: int,
) -> Page[NearbyGroup]:
    """Open groups with room the viewer could join: those meeting in `near`'s nation nearest its
    centre first, then those meeting online. A GroupError for an area that is not one (see `centre_of`).
    """
    centre = centre_of(near)
    near_after, online_after, past_in_person = _parse(after)
    needle = " ".join(unicodedata.normalize("NFC", text or "").split()).casefold()[:SEARCH_TEXT_MAX] or None
    youth = discoverable_youth(viewer.age)
    found: list[tuple[GroupDocument, float | None, tuple[str, str]]] = []
    if not past_in_person:
        discovery = Discovery(youth=youth, kind=kind, text=needle)
        nearby = await repos.groups.nearest(
            discovery, nation=near.nation, centre=centre, after=near_after, limit=first + 1
        )
        found += [(item.group, item.metres, _near_key(item.group, item.metres)) for item in nearby]
    if len(found) <= first:
        online = Discovery(youth=youth, kind=kind, text=needle, online_only=True)
        page = await repos.groups.discover(online, after=online_after, first=first - len(found))
        found += [(group, None, _online_key(group)) for group in page.items]
        has_next = page.has_next
    else:
        has_next = True
    found = found[:first]
    mine = {m.group_id: m for m in await repos.memberships.active_for_member_in(viewer.id, [g.id for g, _, _ in found])}
    items = [NearbyGroup(view_of(viewer, g, mine.get(g.id)), metres, key) for g, metres, key in found]
    return Page(items=items, has_next=has_next)
