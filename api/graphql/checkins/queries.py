"""Queries of the check-ins context: the member's own record and trend, a group's shared check-ins
and, for its leads, the group's wellbeing in figures.
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.checkins.types import CheckIn, GroupCheckIn, GroupWellbeing, MoodTrend
from api.graphql.core.context import Info
from api.graphql.core.errors import PublicError, access_denials
from api.graphql.core.pagination import Connection, connection, decode_cursor, page_size
from api.graphql.core.permissions import IsMember
from api.graphql.groups.access import group_viewer
from api.graphql.groups.types import After, PageSize
from domain.checkins import CheckInError, group_check_ins, group_wellbeing, mood_trend, my_check_ins
from schemas.pagination import Page

Days = Annotated[int, strawberry.argument(description="How many days, 1 to 90.")]
GroupId = Annotated[strawberry.ID, strawberry.argument(description="The group's id.")]


class InvalidCheckInRequestError(PublicError):
    code = "BAD_USER_INPUT"


def _size(info: Info, first: int | None) -> int:
    return page_size(first, limit=info.context.runtime.settings.graphql.max_page_size)


async def resolve_my_check_ins(info: Info, first: PageSize = None, after: After = None) -> Connection[CheckIn]:
    context = info.context
    member = await context.require_member()
    page = await my_check_ins(repos=context.repos, member=member, after=decode_cursor(after), first=_size(info, first))
    return connection(page, node=CheckIn.from_document, keyset=lambda item: (item.recorded_at, item.id))


async def resolve_my_mood_trend(info: Info, days: Days = 30) -> MoodTrend:
    context = info.context
    member = await context.require_member()
    try:
        trend = await mood_trend(repos=context.repos, member=member, days=days, now=context.clock.now())
    except CheckInError as error:
        raise InvalidCheckInRequestError(error.message) from None
    return MoodTrend.from_result(trend)


async def resolve_group_check_ins(
    info: Info, group_id: GroupId, first: PageSize = None, after: After = None
) -> Connection[GroupCheckIn]:
    context = info.context
    viewer = await group_viewer(info)
    with access_denials():
        page = await group_check_ins(
            repos=context.repos, viewer=viewer, group_id=group_id, after=decode_cursor(after), first=_size(info, first)
        )
    authors = await context.loaders.member_by_id.load_many([item.member_id for item in page.items])
    pairs = [(item, author) for item, author in zip(page.items, authors, strict=True) if author is not None]
    return connection(
        Page(items=pairs, has_next=page.has_next),
        node=lambda pair: GroupCheckIn.of(*pair),
        keyset=lambda pair: (pair[0].recorded_at, pair[0].id),
    )


async def resolve_group_wellbeing(info: Info, group_id: GroupId, days: Days = 7) -> GroupWellbeing:
    context = info.context
    viewer = await group_viewer(info)
    try:
        with access_denials():
            wellbeing = await group_wellbeing(
                repos=context.repos, viewer=viewer, group_id=group_id, days=days, now=context.clock.now()
            )
    except CheckInError as error:
        raise InvalidCheckInRequestError(error.message) from None
    return GroupWellbeing.from_result(wellbeing)


@strawberry.type
class CheckInQueries:
    my_check_ins: Connection[CheckIn] = strawberry.field(
        resolver=resolve_my_check_ins,
        description="The signed-in member's own check-ins, newest first.",
        permission_classes=[IsMember],
    )
    my_mood_trend: MoodTrend = strawberry.field(
        resolver=resolve_my_mood_trend,
        description="The member's daily average mood over the last days, in their time zone.",
        permission_classes=[IsMember],
    )
    group_check_ins: Connection[GroupCheckIn] = strawberry.field(
        resolver=resolve_group_check_ins,
        description="Check-ins the group's members shared with it, newest first. Members of the group only.",
        permission_classes=[IsMember],
    )
    group_wellbeing: GroupWellbeing = strawberry.field(
        resolver=resolve_group_wellbeing,
        description="The group's shared check-ins in figures, over whole days before today, each figure hidden "
        "below 5 members. Leads and co-leads only.",
        permission_classes=[IsMember],
    )
