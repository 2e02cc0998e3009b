"""groupCreate: a member starts a group and leads it; staff set up youth groups and choose their leads."""

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
from domain.groups import GroupDraft, GroupError, GroupErrorCode, create_group
from schemas.documents.groups import GroupAccess, GroupKind


@strawberry.enum(description="Why groupCreate did not create the group.")
class GroupCreateErrorCode(Enum):
    NAME_LENGTH = GroupErrorCode.NAME_LENGTH.value
    NAME_CHARACTERS = GroupErrorCode.NAME_CHARACTERS.value
    DESCRIPTION_LENGTH = GroupErrorCode.DESCRIPTION_LENGTH.value
    HOUSE_RULES_LENGTH = GroupErrorCode.HOUSE_RULES_LENGTH.value
    CAPACITY_OUT_OF_RANGE = GroupErrorCode.CAPACITY_OUT_OF_RANGE.value
    TIMEZONE_INVALID = GroupErrorCode.TIMEZONE_INVALID.value
    SIGNPOSTING_TOO_MANY = GroupErrorCode.SIGNPOSTING_TOO_MANY.value
    SIGNPOST_NAME_LENGTH = GroupErrorCode.SIGNPOST_NAME_LENGTH.value
    SIGNPOST_DESCRIPTION_LENGTH = GroupErrorCode.SIGNPOST_DESCRIPTION_LENGTH.value
    SIGNPOST_CONTACT_REQUIRED = GroupErrorCode.SIGNPOST_CONTACT_REQUIRED.value
    SIGNPOST_PHONE_INVALID = GroupErrorCode.SIGNPOST_PHONE_INVALID.value
    SIGNPOST_URL_INVALID = GroupErrorCode.SIGNPOST_URL_INVALID.value
    LEAD_REQUIRED = GroupErrorCode.LEAD_REQUIRED.value
    LEAD_NOT_FOUND = GroupErrorCode.LEAD_NOT_FOUND.value
    AGE_NOT_ALLOWED = GroupErrorCode.AGE_NOT_ALLOWED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="A new group. Youth groups and `leadMemberId` are for staff only.")
class GroupCreateInput:
    name: str = strawberry.field(description="1 to 80 characters.")
    description: str = strawberry.field(description="What the group is for: 1 to 2,000 characters.")
    kind: GroupKind = strawberry.field(description="What brings its members together.")
    access: GroupAccess = strawberry.field(description="Open (discoverable) or closed (invite or request).")
    timezone: str = strawberry.field(description="IANA time zone of the group's times, such as Europe/London.")
    house_rules: str = strawberry.field(default="", description="Up to 2,000 characters.")
    youth: bool = strawberry.field(default=False, description="Members 16 to 24 only. Staff only.")
    capacity: int = strawberry.field(default=30, description="The most people it holds: 2 to 100.")
    signposting: list[SignpostLinkInput] = strawberry.field(
        default_factory=list, description="Up to 10 helplines or services for members."
    )
    lead_member_id: strawberry.ID | None = strawberry.field(
        default=None, description="Staff only: the member who will lead (required for youth groups)."
    )


@strawberry.type(description="The group was created.")
class GroupCreateSuccess:
    group: Group = strawberry.field(description="The new group.")


@strawberry.type(description="Nothing was written; `code` and `fieldErrors` say why.")
class GroupCreateError:
    code: GroupCreateErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[GroupCreateErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


GroupCreateResult = Annotated[
    GroupCreateSuccess | GroupCreateError,
    strawberry.union("GroupCreateResult", description="The result of groupCreate."),
]


@mutation(
    description="Start a group and lead it. Youth groups are created by staff, who name their lead.",
    permission_classes=[IsMember],
)
async def group_create(
    info: Info,
    data: Annotated[GroupCreateInput, strawberry.argument(name="input", description="The group to create.")],
) -> GroupCreateResult:
    context = info.context
    viewer = await group_viewer(info)
    draft = GroupDraft(
        name=data.name,
        description=data.description,
        kind=data.kind,
        access=data.access,
        timezone=data.timezone,
        house_rules=data.house_rules,
        youth=data.youth,
        capacity=data.capacity,
        signposting=[link.to_stored() for link in data.signposting],
        lead_member_id=data.lead_member_id,
    )
    try:
        with access_denials():
            view = await create_group(repos=context.repos, viewer=viewer, draft=draft, now=context.clock.now())
    except GroupError as error:
        return GroupCreateError(**error_fields(error, GroupCreateErrorCode))
    return GroupCreateSuccess(group=Group.from_view(view))
