"""Queries of the groups context."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import PublicError, access_denials
from api.graphql.core.pagination import Connection, InvalidPageRequestError, connection, decode_cursor, page_size
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import Nation
from api.graphql.groups.access import group_viewer
from api.graphql.groups.requests import JoinRequest, Leadership, LeadershipGroup
from api.graphql.groups.types import After, Group, PageSize
from domain.groups import (
    GroupError,
    GroupView,
    InvalidNearCursorError,
    NearArea,
    NearbyGroup,
    discover_groups,
    discover_groups_near,
    get_group,
    my_groups,
    my_leadership,
    pending_join_requests,
)
from schemas.documents.groups import GroupKind
from schemas.pagination import SortValue

GroupId = Annotated[strawberry.ID, strawberry.argument(description="The group's id.")]


@strawberry.input(description="Narrows group discovery; every field is optional.")
class GroupFilter:
    kind: GroupKind | None = strawberry.field(default=None, description="Only groups of this kind.")
    text: str | None = strawberry.field(default=None, description="Words in the group's name or description.")


@strawberry.input(
    description="Where to look for a group: a nation and EITHER a council area OR the first part of a postcode."
)
class GroupsNear:
    nation: Nation = strawberry.field(description="The nation to look in.")
    local_authority: str | None = strawberry.field(
        default=None, description="A council area by name (`Cardiff`) or ONS code (`W06000015`)."
    )
    outward_code: str | None = strawberry.field(
        default=None, description="A postcode district, such as `CF10`; never a full postcode."
    )


class InvalidAreaError(PublicError):
    """`near` names no area we can place: `reason` says why (AREA_REQUIRED, POSTCODE_TOO_PRECISE,
    OUTWARD_CODE_INVALID, UNKNOWN_AREA); a query has no typed error union (api/graphql/core/errors.py).
    """

    code = "BAD_USER_INPUT"

    def __init__(self, error: GroupError) -> None:
        super().__init__(error.message, reason=error.code.name, field="near")


def _size(info: Info, first: int | None) -> int:
    return page_size(first, limit=info.context.runtime.settings.graphql.max_page_size)


def _joined_keyset(view: GroupView) -> tuple[SortValue, str]:
    """Where a list of the viewer's own memberships continues (they are always set there)."""
    membership = view.membership
    return (membership.joined_at, membership.id) if membership else (view.group.created_at, view.group.id)


async def resolve_group(
    info: Info, group_id: Annotated[strawberry.ID, strawberry.argument(name="id", description="The group's id.")]
) -> Group:
    with access_denials():
        view = await get_group(repos=info.context.repos, viewer=await group_viewer(info), group_id=group_id)
    return Group.from_view(view)


async def resolve_my_groups(info: Info, first: PageSize = None, after: After = None) -> Connection[Group]:
    viewer = await group_viewer(info)
    page = await my_groups(
        repos=info.context.repos, viewer=viewer, after=decode_cursor(after), first=_size(info, first)
    )
    return connection(page, node=Group.from_view, keyset=_joined_keyset)


async def resolve_groups(
    info: Info,
    filter_: Annotated[
        GroupFilter | None, strawberry.argument(name="filter", description="Kind and words to narrow by.")
    ] = None,
    near: Annotated[
        GroupsNear | None,
        strawberry.argument(description="Nearest this area first (groups meeting in person), then online groups."),
    ] = None,
    first: PageSize = None,
    after: After = None,
) -> Connection[Group]:
    viewer = await group_viewer(info)
    kind, text = (filter_.kind, filter_.text) if filter_ else (None, None)
    if near is not None:
        area = NearArea(nation=near.nation, local_authority=near.local_authority, outward_code=near.outward_code)
        try:
            nearby = await discover_groups_near(
                repos=info.context.repos, viewer=viewer, near=area, kind=kind, text=text,
                after=decode_cursor(after), first=_size(info, first),
            )  # fmt: skip
        except GroupError as error:
            raise InvalidAreaError(error) from None
        except InvalidNearCursorError:
            raise InvalidPageRequestError("`after` is not a cursor from this list.") from None
        return connection(nearby, node=_nearby_node, keyset=lambda item: item.keyset)
    page = await discover_groups(
        repos=info.context.repos, viewer=viewer, kind=kind, text=text, after=decode_cursor(after),
        first=_size(info, first),
    )  # fmt: skip
    return connection(page, node=Group.from_view, keyset=lambda view: (view.group.name_key, view.group.id))


def _nearby_node(item: NearbyGroup) -> Group:
    return Group.from_view(item.view)


async def resolve_join_requests(
    info: Info, group_id: GroupId, first: PageSize = None, after: After = None
) -> Connection[JoinRequest]:
    viewer = await group_viewer(info)
    with access_denials():
        page = await pending_join_requests(
            repos=info.context.repos,
            viewer=viewer,
            group_id=group_id,
            after=decode_cursor(after),
            first=_size(info, first),
        )
    return connection(page, node=JoinRequest.from_document, keyset=lambda request: (request.created_at, request.id))


async def resolve_my_leadership(info: Info, first: PageSize = None, after: After = None) -> Leadership:
    viewer = await group_viewer(info)
    leadership = await my_leadership(
        repos=info.context.repos,
        viewer=viewer,
        after=decode_cursor(after),
        first=_size(info, first),
        now=info.context.clock.now(),
    )
    groups = connection(
        leadership.groups, node=LeadershipGroup.from_entry, keyset=lambda entry: _joined_keyset(entry.view)
    )
    return Leadership(pending_join_request_count=leadership.pending_join_requests, groups=groups)


@strawberry.type
class GroupQueries:
    group: Group = strawberry.field(
        resolver=resolve_group,
        description="One group. A closed group, or one the viewer could never join, is NOT_FOUND to non-members.",
        permission_classes=[IsMember],
    )
    my_groups: Connection[Group] = strawberry.field(
        resolver=resolve_my_groups,
        description="The signed-in member's groups, most recently joined first.",
        permission_classes=[IsMember],
    )
    groups: Connection[Group] = strawberry.field(
        resolver=resolve_groups,
        description="Open groups with room that the member could join, A to Z; with `near`, those meeting"
        " in person in that nation nearest the area's centre first, then those meeting online, A to Z.",
        permission_classes=[IsMember],
    )
    join_requests: Connection[JoinRequest] = strawberry.field(
        resolver=resolve_join_requests,
        description="A group's pending join requests, oldest first. Leads and co-leads only.",
        permission_classes=[IsMember],
    )
    my_leadership: Leadership = strawberry.field(
        resolver=resolve_my_leadership,
        description="What waits for the member across the groups they lead or co-lead.",
        permission_classes=[IsMember],
    )
