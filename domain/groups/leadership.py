"""Shared leadership: co-leads, handing the lead role over, staff-assigned leads, time away.

Roles change by conditional updates on one membership. The group's
`lead_count` follows them: counted in after someone becomes a lead, counted
out before someone stops, so it is never above the real number of leads and
the last lead can never be removed by two changes racing. A handover first
holds the group (one conditional update on it), then reads the outgoing lead
again: of two handovers at once, one makes a new lead and the other is told
LEAD_CHANGED, so a group never gains two leads from one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.groups.access import admit, authorized, log_action, note_leader_activity, refuse_if_archived
from domain.groups.errors import GroupError, GroupErrorCode
from domain.groups.policies import GroupAction, Viewer, age_of, is_active, may_lead
from domain.groups.views import GroupView, current_view, view_of
from infra.mongo.repositories.registry import Repositories
from schemas.documents.groups import GroupDocument
from schemas.documents.memberships import GroupRole, MembershipDocument, MembershipStatus
from schemas.documents.moderation_actions import ModerationActionKind

AWAY_MAX = timedelta(days=90)
HANDOVER_HOLD = timedelta(seconds=30)  # far above a handover's few commands; a dead one lets go then


async def promote_co_lead(
    *, repos: Repositories, viewer: Viewer, group_id: str, member_id: str, now: datetime
) -> GroupView:
    """A member becomes a co-lead (leads)."""
    group, membership = await _for_target(repos, viewer, group_id, member_id, GroupAction.MANAGE_CO_LEADS)
    if not await repos.memberships.change_role(
        group.id, member_id, from_roles=[GroupRole.MEMBER], to=GroupRole.CO_LEAD
    ):
        raise await _role_error(repos, group.id, member_id)
    await log_action(
        repos, group_id=group.id, viewer=viewer, membership=membership,
        action=ModerationActionKind.CO_LEAD_PROMOTE, target_id=member_id, now=now,
    )  # fmt: skip
    return await current_view(repos, viewer, group.id)


async def demote_co_lead(
    *, repos: Repositories, viewer: Viewer, group_id: str, member_id: str, now: datetime
) -> GroupView:
    """A co-lead goes back to being a member (leads)."""
    group, membership = await _for_target(repos, viewer, group_id, member_id, GroupAction.MANAGE_CO_LEADS)
    if not await repos.memberships.change_role(
        group.id, member_id, from_roles=[GroupRole.CO_LEAD], to=GroupRole.MEMBER
    ):
        raise await _role_error(repos, group.id, member_id, demoting=True)
    await log_action(
        repos, group_id=group.id, viewer=viewer, membership=membership,
        action=ModerationActionKind.CO_LEAD_DEMOTE, target_id=member_id, now=now,
    )  # fmt: skip
    return await current_view(repos, viewer, group.id)


async def transfer_leadership(
    *, repos: Repositories, viewer: Viewer, group_id: str, member_id: str, now: datetime
) -> GroupView:
    """Hand the lead role to another member (the lead); the outgoing lead stays on as a co-lead."""
    group, membership = await _for_target(repos, viewer, group_id, member_id, GroupAction.TRANSFER_LEADERSHIP)
    if group.youth:
        message = "Staff choose the leads of youth groups: ask them to assign the new lead."
        raise GroupError(GroupErrorCode.YOUTH_LEADS_ASSIGNED_BY_STAFF, message)
    target = await repos.memberships.get(group.id, member_id)
    if target is None or not is_active(target) or target.role is GroupRole.LEAD:
        raise await _role_error(repos, group.id, member_id)  # refused before anything is written
    until = now + HANDOVER_HOLD
    if not await repos.groups.claim_lead_change(group.id, now=now, until=until):
        raise GroupError(GroupErrorCode.LEAD_CHANGED, "The lead role is changing hands just now: look again.")
    try:
        await _hand_over(repos, group, viewer.id, member_id)
    finally:
        await repos.groups.release_lead_change(group.id, until=until)
    await log_action(
        repos, group_id=group.id, viewer=viewer, membership=membership,
        action=ModerationActionKind.LEADERSHIP_TRANSFER, target_id=member_id, now=now,
    )  # fmt: skip
    return await current_view(repos, viewer, group.id)


async def _hand_over(repos: Repositories, group: GroupDocument, lead_id: str, member_id: str) -> None:
    """Under the group's hold: the outgoing lead is read again (their role was checked before the
    hold, and a handover that held it meanwhile may have made them a co-lead), then the member
    becomes a lead and the outgoing lead a co-lead.
    """
    outgoing = await repos.memberships.get(group.id, lead_id)
    if outgoing is None or not is_active(outgoing) or outgoing.role is not GroupRole.LEAD:
        raise GroupError(GroupErrorCode.LEAD_CHANGED, "The lead role has changed hands meanwhile: look again.")
    from_roles = [GroupRole.MEMBER, GroupRole.CO_LEAD]
    if not await repos.memberships.change_role(group.id, member_id, from_roles=from_roles, to=GroupRole.LEAD):
        raise await _role_error(repos, group.id, member_id)
    await repos.groups.count_lead_in(group.id)
    await _step_down(repos, group, lead_id)


async def assign_lead(
    *, repos: Repositories, viewer: Viewer, group_id: str, member_id: str, now: datetime
) -> GroupView:
    """Staff make a member a lead of a group, adding them to it if needed (how youth groups get leads)."""
    group, _ = await authorized(repos, viewer, group_id, GroupAction.ASSIGN_LEAD)
    refuse_if_archived(group)
    found = await repos.members.get_many([member_id])
    if not found:
        raise GroupError(GroupErrorCode.LEAD_NOT_FOUND, "There is no member with that id.")
    if not may_lead(group, age_of(found[0], now)):
        raise GroupError(GroupErrorCode.AGE_NOT_ALLOWED, "Members under 18 can only be in youth groups.")
    existing = await repos.memberships.get(group.id, member_id)
    if existing is None:
        await admit(repos, group, member_id, role=GroupRole.LEAD, now=now)
    else:
        await _promote_to_lead(repos, group, existing)
    await log_action(
        repos, group_id=group.id, viewer=viewer, membership=None,
        action=ModerationActionKind.LEAD_ASSIGN, target_id=member_id, now=now,
    )  # fmt: skip
    return await current_view(repos, viewer, group.id)


async def set_away(
    *, repos: Repositories, viewer: Viewer, group_id: str, until: datetime | None, now: datetime
) -> GroupView:
    """Mark oneself away until a time (leads and co-leads), or back (None); others cover meanwhile."""
    group, _ = await authorized(repos, viewer, group_id, GroupAction.SET_AWAY)
    refuse_if_archived(group)
    if until is not None and (until.tzinfo is None or not now < until <= now + AWAY_MAX):
        message = f"Choose a time in the next {AWAY_MAX.days} days."
        raise GroupError(GroupErrorCode.AWAY_UNTIL_INVALID, message)
    updated = await repos.memberships.set_away(group.id, viewer.id, until=until)
    if updated is None:
        raise GroupError(GroupErrorCode.NOT_A_MEMBER, "Your role in this group changed meanwhile.")
    # Going away is itself an action: the watch flags the group 14 days after its last leader left.
    await note_leader_activity(repos, updated, now=now)
    return view_of(viewer, group, updated)


async def _for_target(
    repos: Repositories, viewer: Viewer, group_id: str, member_id: str, action: GroupAction
) -> tuple[GroupDocument, MembershipDocument | None]:
    group, membership = await authorized(repos, viewer, group_id, action)
    refuse_if_archived(group)
    if member_id == viewer.id:
        raise GroupError(GroupErrorCode.CANNOT_TARGET_SELF, "Choose someone else in the group.")
    return group, membership


async def _role_error(repos: Repositories, group_id: str, member_id: str, *, demoting: bool = False) -> GroupError:
    """Why a role change found nothing to change."""
    target = await repos.memberships.get(group_id, member_id)
    if target is None or not is_active(target):
        return GroupError(GroupErrorCode.NOT_A_MEMBER, "That person isn't in this group.")
    if demoting:
        return GroupError(GroupErrorCode.NOT_A_CO_LEAD, "That person isn't a co-lead.")
    if target.role is GroupRole.LEAD:
        return GroupError(GroupErrorCode.ALREADY_LEAD, "That person already leads this group.")
    return GroupError(GroupErrorCode.ALREADY_CO_LEAD, "That person is already a co-lead.")


async def _promote_to_lead(repos: Repositories, group: GroupDocument, existing: MembershipDocument) -> None:
    if existing.status is MembershipStatus.REMOVED:
        raise GroupError(GroupErrorCode.REMOVED_FROM_GROUP, "That person was removed from this group.")
    from_roles = [GroupRole.MEMBER, GroupRole.CO_LEAD]
    if not await repos.memberships.change_role(group.id, existing.member_id, from_roles=from_roles, to=GroupRole.LEAD):
        raise await _role_error(repos, group.id, existing.member_id)
    await repos.groups.count_lead_in(group.id)


async def _step_down(repos: Repositories, group: GroupDocument, member_id: str) -> None:
    """The outgoing lead becomes a co-lead: counted out first, back in if their role changed meanwhile."""
    if not await repos.groups.count_lead_out(group.id):
        return  # the count lags a lead added a moment ago: they stay a lead rather than leave none
    if not await repos.memberships.change_role(group.id, member_id, from_roles=[GroupRole.LEAD], to=GroupRole.CO_LEAD):
        await repos.groups.count_lead_in(group.id)
