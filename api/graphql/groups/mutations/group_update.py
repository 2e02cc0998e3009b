"""groupUpdate: a lead changes their group's details."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.groups.access import group_viewer
from api.graphql.groups.types import Group, SignpostLinkInput
from domain.groups import GroupChanges, GroupError, GroupErrorCode, update_group
from schemas.documents.groups import GroupAccess, GroupKind


@strawberry.enum(description="Why groupUpdate changed nothing.")
class GroupUpdateErrorCode(Enum):
    NAME_LENGTH = GroupErrorCode.NAME_LENGTH.value
    NAME_CHARACTERS = GroupErrorCode.NAME_CHARACTERS.value
    DESCRIPTION_LENGTH = GroupErrorCode.DESCRIPTION_LENGTH.value
    HOUSE_RULES_LENGTH = GroupErrorCode.HOUSE_RULES_LENGTH.value
    CAPACITY_OUT_OF_RANGE = GroupErrorCode.CAPACITY_OUT_OF_RANGE.value
    CAPACITY_BELOW_MEMBERS = GroupErrorCode.CAPACITY_BELOW_MEMBERS.value
    TIMEZONE_INVALID = GroupErrorCode.TIMEZONE_INVALID.value
    SIGNPOSTING_TOO_MANY = GroupErrorCode.SIGNPOSTING_TOO_MANY.value
    SIGNPOST_NAME_LENGTH = GroupErrorCode.SIGNPOST_NAME_LENGTH.value
    SIGNPOST_DESCRIPTION_LENGTH = GroupErrorCode.SIGNPOST_DESCRIPTION_LENGTH.value
    SIGNPOST_CONTACT_REQUIRED = GroupErrorCode.SIGNPOST_CONTACT_REQUIRED.value
    SIGNPOST_PHONE_INVALID = GroupErrorCode.SIGNPOST_PHONE_INVALID.value
    SIGNPOST_URL_INVALID = GroupErrorCode.SIGNPOST_URL_INVALID.value
    NOTHING_TO_UPDATE = GroupErrorCode.NOTHING_TO_UPDATE.value
    GROUP_ARCHIVED = GroupErrorCode.GROUP_ARCHIVED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(
    description="The fields to change. A field omitted or null stays as it is; clear the house rules with an "
    "empty string and the signposting with an empty list. Youth cannot change."
)
class GroupUpdateInput:
    group_id: strawberry.ID = strawberry.field(description="The group.")
    name: str | None = strawberry.field(default=None, description="1 to 80 characters. Omitted or null: unchanged.")
    description: str | None = strawberry.field(
        default=None, description="1 to 2,000 characters. Omitted or null: unchanged."
    )
    house_rules: str | None = strawberry.field(
        default=None, description="Up to 2,000 characters; an empty string clears them. Omitted or null: unchanged."
    )
    kind: GroupKind | None = strawberry.field(
        default=None, description="What brings its members together. Omitted or null: unchanged."
    )
    access: GroupAccess | None = strawberry.field(
        default=None, description="Open or closed. Omitted or null: unchanged."
    )
    capacity: int | None = strawberry.field(
        default=None, description="2 to 100, and not below the member count. Omitted or null: unchanged."
    )
    timezone: str | None = strawberry.field(default=None, description="IANA time zone. Omitted or null: unchanged.")
    signposting: list[SignpostLinkInput] | None = strawberry.field(
        default=None,
        description="The whole new list (up to 10); it replaces the old one, and an empty list clears it. Omitted "
        "or null: unchanged.",
    )


@strawberry.type(description="The group was changed.")
class GroupUpdateSuccess:
    group: Group = strawberry.field(description="The group after the change.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class GroupUpdateError:
    code: GroupUpdateErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[GroupUpdateErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


GroupUpdateResult = Annotated[
    GroupUpdateSuccess | GroupUpdateError,
    strawberry.union("GroupUpdateResult", description="The result of groupUpdate."),
]


@mutation(description="Change a group's details. Leads only.", permission_classes=[IsMember])
async def group_update(
    info: Info,
    data: Annotated[GroupUpdateInput, strawberry.argument(name="input", description="The fields to change.")],
) -> GroupUpdateResult:
    context = info.context
    viewer = await group_viewer(info)
    signposting = None if data.signposting is None else [link.to_stored() for link in data.signposting]
    changes = GroupChanges(
        name=data.name,
        description=data.description,
        house_rules=data.house_rules,
        kind=data.kind,
        access=data.access,
        capacity=data.capacity,
        timezone=data.timezone,
        signposting=signposting,
    )
    try:
        with access_denials():
            view = await update_group(
                repos=context.repos, viewer=viewer, group_id=data.group_id, changes=changes, now=context.clock.now()
            )
    except GroupError as error:
        return GroupUpdateError(**error_fields(error, GroupUpdateErrorCode))
    return GroupUpdateSuccess(group=Group.from_view(view))
