"""GraphQL types of the groups context: what members see of groups and of each other."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Self

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.loaders import MemberPageKey
from api.graphql.core.pagination import Connection, connection, decode_cursor, page_size
from api.graphql.core.types import Weekday
from api.graphql.crisis.types import SupportResource
from domain.groups import Decision, GroupView, attached_local_services, host_local_services, is_away
from schemas.documents.groups import CheckInSchedule as StoredSchedule
from schemas.documents.groups import GroupAccess, GroupKind
from schemas.documents.groups import QuietPolicy as StoredQuietPolicy
from schemas.documents.groups import SignpostLink as StoredSignpostLink
from schemas.documents.members import Language, MemberDocument
from schemas.documents.memberships import GroupRole, MembershipDocument
from schemas.pagination import Page

strawberry.enum(
    GroupAccess, description="OPEN: discoverable, join at once. CLOSED: invisible to non-members; invite or request."
)
strawberry.enum(GroupRole, description="A member's role in a group: LEAD, CO_LEAD or MEMBER.")
strawberry.enum(Decision, name="JoinRequestDecision", description="A lead's answer to a join request.")

PageSize = Annotated[int | None, strawberry.argument(description="How many items (1 to 100; 20 if omitted).")]
After = Annotated[str | None, strawberry.argument(description="`pageInfo.endCursor` of the previous page.")]


@strawberry.type(description="A helpline or service the group's leads point members to.")
class SignpostLink:
    name: str = strawberry.field(description="What it is called.")
    phone: str | None = strawberry.field(description="A number to call or text, as written.")
    url: str | None = strawberry.field(description="An https:// web address.")
    description: str = strawberry.field(description="What it offers and when; may be empty.")

    @classmethod
    def from_stored(cls, link: StoredSignpostLink) -> Self:
        return cls(name=link.name, phone=link.phone, url=link.url, description=link.description)


@strawberry.input(description="A helpline or service: a name and a phone number, a web address, or both.")
class SignpostLinkInput:
    name: str = strawberry.field(description="1 to 80 characters.")
    phone: str | None = strawberry.field(default=None, description="Digits, spaces, +, brackets or dashes.")
    url: str | None = strawberry.field(default=None, description="A full https:// address.")
    description: str = strawberry.field(default="", description="Up to 300 characters.")

    def to_stored(self) -> StoredSignpostLink:
        return StoredSignpostLink(name=self.name, phone=self.phone, url=self.url, description=self.description)


@strawberry.type(description="When a group checks in: these days, at this time where the group is.")
class CheckInSchedule:
    weekdays: list[Weekday] = strawberry.field(description="The days, Monday first.")
    local_time: str = strawberry.field(description="HH:MM on a 24-hour clock, in the group's time zone.")

    @classmethod
    def from_stored(cls, schedule: StoredSchedule) -> Self:
        return cls(weekdays=list(schedule.weekdays), local_time=schedule.local_time)


@strawberry.type(description="When a member of the group counts as quiet, so a lead can reach out.")
class QuietPolicy:
    missed_check_ins: int = strawberry.field(description="Scheduled check-ins missed in a row (1 to 6).")
    inactive_days: int = strawberry.field(description="Without a schedule: days without taking part (1 to 30).")

    @classmethod
    def from_stored(cls, policy: StoredQuietPolicy) -> Self:
        return cls(missed_check_ins=policy.missed_check_ins, inactive_days=policy.inactive_days)


@strawberry.type(description="Someone in a group, as the others see them: a display name and a role, nothing more.")
class GroupMember:
    id: strawberry.ID = strawberry.field(description="Opaque id of the member, for a lead's actions.")
    display_name: str = strawberry.field(description="The name they chose.")
    role: GroupRole = strawberry.field(description="Their role in this group.")
    joined_at: datetime = strawberry.field(description="When they joined.")
    is_away: bool = strawberry.field(description="A lead or co-lead who is away just now; others cover.")
    joins_by_text: bool | None = strawberry.field(
        description="True for someone without the app, who checks in by text message. Shown to the group's "
        "leads and to staff only (null for others); their number is never shown to anyone."
    )

    @classmethod
    def of(
        cls, membership: MembershipDocument, member: MemberDocument, *, now: datetime, leader_view: bool = False
    ) -> Self:
        return cls(
            id=strawberry.ID(member.id),
            display_name=member.display_name,
            role=membership.role,
            joined_at=membership.joined_at,
            is_away=is_away(membership, now),
            joins_by_text=member.joins_by_text if leader_view else None,
        )


@strawberry.type(description="The organisation hosting a group, as its members see it.")
class GroupHost:
    id: strawberry.ID = strawberry.field(description="Opaque id of the organisation.")
    name: str = strawberry.field(description="Its name.")
    safeguarding_policy_url: str = strawberry.field(description="Its safeguarding policy.")


async def resolve_host(root: Group, info: Info) -> GroupHost | None:
    """One query for every hosted group on the page."""
    host_id = root.view.group.host_organisation_id
    found = await info.context.loaders.organisation_by_id.load(host_id) if host_id else None
    if found is None:
        return None
    return GroupHost(id=strawberry.ID(found.id), name=found.name, safeguarding_policy_url=found.safeguarding_policy_url)


async def resolve_members(
    root: Group, info: Info, first: PageSize = None, after: After = None
) -> Connection[GroupMember] | None:
    """The member list, for members and staff only: one query for every group on the page."""
    if not root.view.can_see_members:
        return None
    context = info.context
    size = page_size(first, limit=context.runtime.settings.graphql.max_page_size)
    page = await context.loaders.group_members.load(MemberPageKey(root.view.group.id, size, decode_cursor(after)))
    members = await context.loaders.member_by_id.load_many([m.member_id for m in page.items])
    now = context.clock.now()
    pairs = [(m, member) for m, member in zip(page.items, members, strict=True) if member is not None]
    leader_view = root.view.role in (GroupRole.LEAD, GroupRole.CO_LEAD) or bool(
        context.identity is not None and context.identity.is_staff
    )
    return connection(
        Page(items=pairs, has_next=page.has_next),
        node=lambda pair: GroupMember.of(pair[0], pair[1], now=now, leader_view=leader_view),
        keyset=lambda pair: (pair[0].joined_at, pair[0].id),
    )


async def resolve_local_services(root: Group, info: Info) -> list[SupportResource] | None:
    """The host's services its leads attached (not removed), in their order; null for non-members."""
    view = root.view
    if not view.can_see_members:
        return None
    found = await attached_local_services(repos=info.context.repos, group=view.group)
    return [SupportResource.from_local(service, language=_language(info)) for service in found]


async def resolve_host_local_services(root: Group, info: Info) -> list[SupportResource] | None:
    """Every listed service of the host, to choose from: for the group's leads and co-leads only."""
    view = root.view
    if view.role not in (GroupRole.LEAD, GroupRole.CO_LEAD):
        return None
    found = await host_local_services(repos=info.context.repos, group=view.group)
    return [SupportResource.from_local(service, language=_language(info)) for service in found]


def _language(info: Info) -> Language:
    """The viewer's language, without a read of its own (the member was read to see the group)."""
    return info.context.support_profile().language


@strawberry.type(description="A peer-led group. Non-members of an open group see its public fields only.")
class Group:
    id: strawberry.ID = strawberry.field(description="Opaque id of the group.")
    name: str = strawberry.field(description="1 to 80 characters.")
    description: str = strawberry.field(description="What the group is for.")
    house_rules: str = strawberry.field(description="How members treat each other here; may be empty.")
    kind: GroupKind = strawberry.field(description="What brings its members together.")
    access: GroupAccess = strawberry.field(description="Open or closed.")
    youth: bool = strawberry.field(description="A youth group: members 16 to 24, leads assigned by staff.")
    capacity: int = strawberry.field(description="The most people it holds (2 to 100).")
    member_count: int = strawberry.field(description="How many people are in it now.")
    timezone: str = strawberry.field(description="IANA time zone its times are in.")
    archived: bool = strawberry.field(description="Archived groups can be read, not changed.")
    created_at: datetime = strawberry.field(description="When it was created.")
    viewer_role: GroupRole | None = strawberry.field(description="The viewer's role; null if not a member.")
    viewer_away_until: datetime | None = strawberry.field(
        description="Until when the viewer, a lead or co-lead, is away; null when not away."
    )
    signposting: list[SignpostLink] | None = strawberry.field(
        description="Helplines and services the leads chose; null for non-members."
    )
    schedule: CheckInSchedule | None = strawberry.field(description="When the group checks in; null without one.")
    next_check_in_at: datetime | None = strawberry.field(
        description="The next scheduled check-in; null without a schedule."
    )
    quiet_policy: QuietPolicy | None = strawberry.field(
        description="When a member counts as quiet; null for non-members."
    )
    members: Connection[GroupMember] | None = strawberry.field(
        resolver=resolve_members, description="The members, oldest first; null for non-members."
    )
    host: GroupHost | None = strawberry.field(
        resolver=resolve_host, description="The organisation hosting the group; null when none does."
    )
    local_services: list[SupportResource] | None = strawberry.field(
        resolver=resolve_local_services,
        description="The host's local services its leads attached, in their order (a service its organisation no "
        "longer lists is left out); null for non-members. Signposting lists them after every national helpline.",
    )
    host_local_services: list[SupportResource] | None = strawberry.field(
        resolver=resolve_host_local_services,
        description="Every local service the host lists, by name, to attach from; null except for the group's "
        "leads and co-leads, and empty for an unhosted group.",
    )
    view: strawberry.Private[GroupView]

    @classmethod
    def from_view(cls, view: GroupView) -> Self:
        group, membership = view.group, view.membership
        return cls(
            id=strawberry.ID(group.id),
            name=group.name,
            description=group.description,
            house_rules=group.house_rules,
            kind=group.kind,
            access=group.access,
            youth=group.youth,
            capacity=group.capacity,
            member_count=group.member_count,
            timezone=group.timezone,
            archived=group.archived,
            created_at=group.created_at,
            viewer_role=view.role,
            viewer_away_until=membership.away_until if membership else None,
            signposting=[SignpostLink.from_stored(s) for s in group.signposting] if view.can_see_members else None,
            schedule=CheckInSchedule.from_stored(group.schedule) if group.schedule else None,
            next_check_in_at=group.next_checkin_at,
            quiet_policy=QuietPolicy.from_stored(group.quiet_policy) if view.can_see_members else None,
            view=view,
        )
