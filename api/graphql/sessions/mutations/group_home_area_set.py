"""groupHomeAreaSet: a lead or co-lead says where the group meets (no finer than a postcode district)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError, Nation
from api.graphql.groups.access import group_viewer
from api.graphql.sessions.types import HomeArea
from domain.sessions import SessionError, SessionErrorCode, set_home_area


@strawberry.enum(description="Why groupHomeAreaSet changed nothing.")
class GroupHomeAreaSetErrorCode(Enum):
    LOCAL_AUTHORITY_LENGTH = SessionErrorCode.LOCAL_AUTHORITY_LENGTH.value
    OUTWARD_CODE_INVALID = SessionErrorCode.OUTWARD_CODE_INVALID.value
    VENUE_NOT_FOUND = SessionErrorCode.VENUE_NOT_FOUND.value
    GROUP_ARCHIVED = SessionErrorCode.GROUP_ARCHIVED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="Where the group meets: a nation, a council area, and optionally a postcode district.")
class GroupHomeAreaSetInput:
    group_id: strawberry.ID = strawberry.field(description="The group.")
    nation: Nation = strawberry.field(description="The nation.")
    local_authority: str = strawberry.field(description="The council area, 1 to 80 characters.")
    outward_code: str | None = strawberry.field(
        default=None, description="The first part of a postcode only, such as CF10; never a full postcode."
    )
    default_venue_id: strawberry.ID | None = strawberry.field(
        default=None, description="The venue it usually meets at; null for none."
    )


@strawberry.type(description="The home area was set.")
class GroupHomeAreaSetSuccess:
    group_id: strawberry.ID = strawberry.field(description="The group.")
    home_area: HomeArea = strawberry.field(description="Where it meets.")
    default_venue_id: strawberry.ID | None = strawberry.field(description="Its usual venue.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class GroupHomeAreaSetError:
    code: GroupHomeAreaSetErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[GroupHomeAreaSetErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


GroupHomeAreaSetResult = Annotated[
    GroupHomeAreaSetSuccess | GroupHomeAreaSetError,
    strawberry.union("GroupHomeAreaSetResult", description="The result of groupHomeAreaSet."),
]


@mutation(
    description="Set where the group meets and its usual venue. Leads and co-leads.", permission_classes=[IsMember]
)
async def group_home_area_set(
    info: Info, data: Annotated[GroupHomeAreaSetInput, strawberry.argument(name="input", description="The area.")]
) -> GroupHomeAreaSetResult:
    context = info.context
    viewer = await group_viewer(info)
    try:
        with access_denials():
            group = await set_home_area(
                repos=context.repos, viewer=viewer, group_id=data.group_id, nation=data.nation,
                local_authority=data.local_authority, outward_code=data.outward_code,
                default_venue_id=data.default_venue_id, now=context.clock.now(),
            )  # fmt: skip
    except SessionError as error:
        return GroupHomeAreaSetError(**error_fields(error, GroupHomeAreaSetErrorCode))
    assert group.home_area is not None  # noqa: S101 - just set
    venue = strawberry.ID(group.default_venue_id) if group.default_venue_id else None
    return GroupHomeAreaSetSuccess(group_id=strawberry.ID(group.id), home_area=HomeArea.from_stored(group.home_area),
                                   default_venue_id=venue)  # fmt: skip
