"""Who may do what in a group, and who hears about it: pure rules over documents,
used by the API's resolvers and, later, by the workers.

Uniform denial (GQL-12): a group the viewer may not see raises HiddenError,
which the API shows exactly like a missing id; a group they see but may not
change raises NotPermittedError.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TypeGuard

from domain.errors import HiddenError, NotPermittedError
from domain.groups.errors import GroupErrorCode
from domain.identity import Identity, Scope
from domain.members import ADULT_AGE, age_on, local_date
from domain.organisations import Staffing
from schemas.documents.groups import GroupAccess, GroupDocument
from schemas.documents.members import MemberDocument
from schemas.documents.memberships import GroupRole, MembershipDocument, MembershipStatus
from schemas.documents.moderation_actions import ActorRole
from schemas.documents.org_roles import OrgRole

YOUTH_MAX_AGE = 24
# A lead or co-lead who has done nothing in the group for this long is not active,
# and a group none of whose leaders has acted for this long is shown to staff.
LEADER_INACTIVE_AFTER = timedelta(days=14)


class GroupAction(StrEnum):
    VIEW = "view"  # the public fields
    VIEW_MEMBERS = "view_members"  # the member list and the members-only fields
    UPDATE = "update"
    ARCHIVE = "archive"
    INVITE = "invite"
    REVIEW_REQUESTS = "review_requests"  # list and decide join requests
    REMOVE_MEMBER = "remove_member"
    MANAGE_CO_LEADS = "manage_co_leads"
    TRANSFER_LEADERSHIP = "transfer_leadership"
    SET_AWAY = "set_away"
    ASSIGN_LEAD = "assign_lead"
    SCHEDULE = "schedule"  # the check-in schedule and the quiet policy
    VIEW_CHECK_INS = "view_check_ins"  # check-ins members shared with the group
    VIEW_WELLBEING = "view_wellbeing"  # the group's aggregate wellbeing figures
    VIEW_QUIET = "view_quiet"  # members who have gone quiet and allow their leads to know
    MESSAGE_MEMBERS = "message_members"  # start and answer private conversations as the group's leadership
    RUN_SESSIONS = "run_sessions"  # venues, the home area, sessions; who is going, by name
    VIEW_ATTENDANCE = "view_attendance"  # who came to a session (leads and staff; a member sees only their own)
    REGISTER_BY_TEXT = "register_by_text"  # add someone without the app, by their phone number
    ATTACH_SERVICES = "attach_services"  # choose the host's local services the group is pointed to first


_MEMBER_ACTIONS = frozenset({GroupAction.VIEW, GroupAction.VIEW_MEMBERS, GroupAction.VIEW_CHECK_INS})
# Co-leads share the day-to-day work from the start, so no lead carries it alone.
_CO_LEAD_ACTIONS = _MEMBER_ACTIONS | {
    GroupAction.INVITE,
    GroupAction.REVIEW_REQUESTS,
    GroupAction.REMOVE_MEMBER,
    GroupAction.SET_AWAY,
    GroupAction.VIEW_WELLBEING,
    GroupAction.VIEW_QUIET,
    GroupAction.MESSAGE_MEMBERS,
    GroupAction.RUN_SESSIONS,
    GroupAction.VIEW_ATTENDANCE,
    GroupAction.REGISTER_BY_TEXT,
    GroupAction.ATTACH_SERVICES,
}
_LEAD_ACTIONS = _CO_LEAD_ACTIONS | {
    GroupAction.UPDATE,
    GroupAction.ARCHIVE,
    GroupAction.MANAGE_CO_LEADS,
    GroupAction.TRANSFER_LEADERSHIP,
    GroupAction.SCHEDULE,
}
_ROLE_ACTIONS = {GroupRole.MEMBER: _MEMBER_ACTIONS, GroupRole.CO_LEAD: _CO_LEAD_ACTIONS, GroupRole.LEAD: _LEAD_ACTIONS}
# Staff (the `admin` claim) look after groups from outside: they assign leads and can remove.
# They are not members, so they see no check-ins, shared or aggregated.
_STAFF_ACTIONS = frozenset(
    {
        GroupAction.VIEW,
        GroupAction.VIEW_MEMBERS,
        GroupAction.REMOVE_MEMBER,
        GroupAction.ASSIGN_LEAD,
        GroupAction.VIEW_ATTENDANCE,
        GroupAction.REGISTER_BY_TEXT,
    }
)
# Staff of the hosting organisation (any org role) read the group and who is in it; nothing more
# here (their other powers are the organisation's: domain/organisations).
_HOST_STAFF_ACTIONS = frozenset({GroupAction.VIEW, GroupAction.VIEW_MEMBERS})
# The host's admins and staff also add people without the app by text (docs/product/texting.md);
# its safeguarding staff do not: handling alerts is their part.
_HOST_ROLE_ACTIONS = {
    OrgRole.ORG_ADMIN: frozenset({GroupAction.REGISTER_BY_TEXT}),
    OrgRole.ORG_STAFF: frozenset({GroupAction.REGISTER_BY_TEXT}),
}


@dataclass(frozen=True)
class Viewer:
    """A signed-in member acting on groups, with what the rules need to know about them."""

    member: MemberDocument
    staff: bool
    age: int
    # The organisations they work for, read on this request when a hosted group asks (None: not read).
    orgs: Staffing | None = None

    @classmethod
    def of(cls, member: MemberDocument, identity: Identity, *, now: datetime) -> Viewer:
        return cls(member=member, staff=Scope.ADMIN in identity.scopes, age=age_of(member, now))

    def hosts(self, group: GroupDocument | None) -> bool:
        """Works for the organisation hosting the group."""
        return group is not None and self.orgs is not None and self.orgs.staffs(group.host_organisation_id)

    @property
    def id(self) -> str:
        return self.member.id


def age_of(member: MemberDocument, now: datetime) -> int:
    """The member's age today where they live, from the stored date of birth."""
    return age_on(member.date_of_birth, local_date(now, member.timezone))


def is_active(membership: MembershipDocument | None) -> bool:
    return membership is not None and membership.status is MembershipStatus.ACTIVE


def is_present(membership: MembershipDocument) -> bool:
    """In the group as others see it: active, and not waiting for their account to be deleted."""
    return is_active(membership) and not membership.hidden


def can_see(viewer: Viewer, group: GroupDocument, membership: MembershipDocument | None) -> bool:
    """Members, staff and the host's staff see their group; others only a live open group they could join."""
    if is_active(membership) or viewer.staff or viewer.hosts(group):
        return True
    return group.access is GroupAccess.OPEN and not group.archived and age_refusal(group, viewer.age) is None


def allowed_actions(
    viewer: Viewer, membership: MembershipDocument | None, group: GroupDocument | None = None
) -> frozenset[GroupAction]:
    actions = frozenset({GroupAction.VIEW})
    if viewer.hosts(group) and group is not None and viewer.orgs is not None:
        actions |= _HOST_STAFF_ACTIONS
        for role in viewer.orgs.roles_in(group.host_organisation_id):
            actions |= _HOST_ROLE_ACTIONS.get(role, frozenset())
    if membership is not None and is_active(membership):
        actions |= _ROLE_ACTIONS[membership.role]
    if viewer.staff:
        actions |= _STAFF_ACTIONS
    return actions


def authorize(
    action: GroupAction, viewer: Viewer, group: GroupDocument | None, membership: MembershipDocument | None
) -> GroupDocument:
    """The group, if the viewer may do `action` to it; HiddenError or NotPermittedError otherwise."""
    if group is None or not can_see(viewer, group, membership):
        raise HiddenError(group.id if group else "group")
    if action not in allowed_actions(viewer, membership, group):
        raise NotPermittedError(f"{action} needs a different role in this group.")
    return group


def may_remove(viewer: Viewer, membership: MembershipDocument | None, target: MembershipDocument) -> bool:
    """Staff and leads remove anyone; co-leads remove members, not other leaders."""
    if viewer.staff or (membership is not None and membership.role is GroupRole.LEAD):
        return True
    return target.role is GroupRole.MEMBER


def actor_role(viewer: Viewer, membership: MembershipDocument | None) -> ActorRole:
    """How the moderation log records who acted: their group role, or staff from outside."""
    if membership is not None and is_active(membership) and membership.role is not GroupRole.MEMBER:
        return ActorRole(membership.role.value)
    return ActorRole.STAFF


def age_refusal(group: GroupDocument, age: int) -> GroupErrorCode | None:
    """Youth groups are for 16 to 24; other groups for 18 and over (under-18s join only youth groups)."""
    allowed = age <= YOUTH_MAX_AGE if group.youth else age >= ADULT_AGE
    return None if allowed else GroupErrorCode.AGE_NOT_ALLOWED


def may_lead(group: GroupDocument, age: int) -> bool:
    """A staff-assigned lead: any adult may lead a youth group; under-18s lead only youth groups."""
    return group.youth or age >= ADULT_AGE


def discoverable_youth(age: int) -> tuple[bool, ...]:
    """Which groups discovery may show: never one the viewer's age keeps them out of."""
    if age < ADULT_AGE:
        return (True,)
    if age > YOUTH_MAX_AGE:
        return (False,)
    return (True, False)


def is_away(membership: MembershipDocument, now: datetime) -> bool:
    return membership.away_until is not None and membership.away_until > now


def lead_facing_recipients(leaders: Iterable[MembershipDocument], now: datetime) -> list[str]:
    """Who receives what a group's lead should hear: the leads who are not away; while
    every lead is away, the co-leads who are not. Empty when nobody is available, for
    the caller to escalate to staff.
    """
    present = [m for m in leaders if is_active(m) and not is_away(m, now)]
    leads = sorted(m.member_id for m in present if m.role is GroupRole.LEAD)
    return leads or sorted(m.member_id for m in present if m.role is GroupRole.CO_LEAD)


def is_leader(membership: MembershipDocument | None) -> TypeGuard[MembershipDocument]:
    """An active lead or co-lead: whose named actions count as the group being looked after."""
    return membership is not None and is_active(membership) and membership.role is not GroupRole.MEMBER


def last_active(membership: MembershipDocument) -> datetime:
    """Their last named action in the group; joining stands in until the first."""
    return membership.last_active_at or membership.joined_at


def leader_is_active(membership: MembershipDocument, now: datetime) -> bool:
    """Around just now: not away, and acted in the group in the last 14 days."""
    return (
        is_leader(membership) and not is_away(membership, now) and last_active(membership) > now - LEADER_INACTIVE_AFTER
    )


def has_active_leader(leaders: Iterable[MembershipDocument], now: datetime) -> bool:
    return any(leader_is_active(m, now) for m in leaders)


def leaders_last_active(leaders: Iterable[MembershipDocument]) -> datetime | None:
    """When any lead or co-lead last acted in the group; None when it has none."""
    return max((last_active(m) for m in leaders if is_leader(m)), default=None)


def no_active_lead_since(leaders: Iterable[MembershipDocument], now: datetime) -> bool:
    """For staff: no lead or co-lead has acted for 14 days. Going away is itself an action,
    so a group whose only lead went away is flagged 14 days after they left, not at once.
    """
    last = leaders_last_active(leaders)
    return last is None or last <= now - LEADER_INACTIVE_AFTER
