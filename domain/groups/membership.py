"""Joining and leaving: open groups, invite codes (domain/groups/invites.py), leaving, and removal by a lead."""

from __future__ import annotations

from datetime import datetime

from domain.errors import HiddenError, NotPermittedError
from domain.groups import invites
from domain.groups import validation as check
from domain.groups.access import admit, authorized, load, log_action, refuse_existing, refuse_if_archived
from domain.groups.errors import GroupError, GroupErrorCode
from domain.groups.policies import GroupAction, Viewer, age_refusal, can_see, is_active, may_remove
from domain.groups.views import GroupView, current_view
from infra.mongo.repositories.registry import Repositories
from schemas.documents.groups import GroupAccess, GroupDocument
from schemas.documents.memberships import GroupRole, MembershipDocument
from schemas.documents.moderation_actions import ModerationActionKind
from schemas.documents.threads import ThreadEnding


async def join_group(
    *, repos: Repositories, viewer: Viewer, group_id: str | None, invite_code: str | None, now: datetime
) -> GroupView:
    """Join an open group by its id, or any group with an invite code: exactly one of the two."""
    if (group_id is None) == (invite_code is None):
        message = "Give either the group or an invite code."
        raise GroupError.from_issues([check.issue("inviteCode", GroupErrorCode.JOIN_TARGET_INVALID, message)])
    if invite_code is not None:
        return await join_with_invite(repos=repos, viewer=viewer, code=invite_code, now=now)
    assert group_id is not None  # noqa: S101 (exactly one is given)
    return await join_open_group(repos=repos, viewer=viewer, group_id=group_id, now=now)


async def join_open_group(*, repos: Repositories, viewer: Viewer, group_id: str, now: datetime) -> GroupView:
    """Join an open group at once, if there is room and the member's age allows it."""
    group, membership = await load(repos, viewer, group_id)
    if group is None or not can_see(viewer, group, membership):
        raise HiddenError(group_id)
    refuse_existing(membership)
    if group.access is not GroupAccess.OPEN:
        raise GroupError(GroupErrorCode.GROUP_CLOSED, "This group is joined with an invite code or a request.")
    invites.refuse_join(group, viewer)
    await admit(repos, group, viewer.id, role=GroupRole.MEMBER, now=now)
    return await current_view(repos, viewer, group.id)


async def join_with_invite(*, repos: Repositories, viewer: Viewer, code: str, now: datetime) -> GroupView:
    """Join the group an invite code is for; the code's use is given back if the join fails.
    A request link's code asks the leads instead (joinRequestCreate).
    """
    invite, group = await invites.redeemable(repos, code, now=now)
    if invite.asks_leads:
        message = "This code asks the group's leads: send it with a request to join."
        raise GroupError(GroupErrorCode.APPROVAL_NEEDED, message)
    refuse_existing(await repos.memberships.get(group.id, viewer.id))
    invites.refuse_join(group, viewer)
    await invites.take_use(repos, invite, now=now)
    try:
        await admit(repos, group, viewer.id, role=GroupRole.MEMBER, now=now)
    except GroupError:
        await repos.invites.give_back(invite.id)
        raise
    return await current_view(repos, viewer, group.id)


async def may_register_by_text(*, repos: Repositories, viewer: Viewer, group_id: str, age: int) -> GroupDocument:
    """The group, if the viewer (a lead, co-lead or staff) may add someone of this age to it by phone."""
    group, _ = await authorized(repos, viewer, group_id, GroupAction.REGISTER_BY_TEXT)
    refuse_if_archived(group)
    if age_refusal(group, age) is not None:
        message = "Youth groups are for 16 to 24 year olds." if group.youth else "Under-18s join youth groups only."
        raise GroupError(GroupErrorCode.AGE_NOT_ALLOWED, message)
    return group


async def admit_registered(*, repos: Repositories, group: GroupDocument, member_id: str, now: datetime) -> None:
    """Take a place in the group for a member a lead registered (GROUP_FULL when there is none)."""
    await admit(repos, group, member_id, role=GroupRole.MEMBER, now=now)


async def leave_group(*, repos: Repositories, viewer: Viewer, group_id: str, now: datetime) -> None:
    """Leave a group; its last lead must hand over first (unless it is archived)."""
    group, membership = await load(repos, viewer, group_id)
    if group is None or not can_see(viewer, group, membership):
        raise HiddenError(group_id)
    if membership is None or not is_active(membership):
        raise GroupError(GroupErrorCode.NOT_A_MEMBER, "You're not in this group.")
    await _take_out(repos, group, membership, remove=None)
    await _end_conversation(repos, group.id, membership.member_id, now=now)


async def remove_member(
    *, repos: Repositories, viewer: Viewer, group_id: str, member_id: str, reason: str, now: datetime
) -> GroupView:
    """Remove someone from the group (leads, co-leads for members, staff); the reason is logged."""
    group, membership = await authorized(repos, viewer, group_id, GroupAction.REMOVE_MEMBER)
    if member_id == viewer.id:
        raise GroupError(GroupErrorCode.CANNOT_TARGET_SELF, "To leave the group yourself, use leave.")
    reason = check.clean_text(reason)
    if issues := check.reason_issues(reason):
        raise GroupError.from_issues(issues)
    refuse_if_archived(group)
    target = await repos.memberships.get(group.id, member_id)
    if target is None or not is_active(target):
        raise GroupError(GroupErrorCode.NOT_A_MEMBER, "That person isn't in this group.")
    if not may_remove(viewer, membership, target):
        raise NotPermittedError("Co-leads can remove members, not other leads.")
    await _take_out(repos, group, target, remove=now)
    await _end_conversation(repos, group.id, member_id, now=now)
    await log_action(
        repos, group_id=group.id, viewer=viewer, membership=membership,
        action=ModerationActionKind.MEMBER_REMOVE, target_id=member_id, now=now, reason=reason,
    )  # fmt: skip
    return await current_view(repos, viewer, group.id)


async def _end_conversation(repos: Repositories, group_id: str, member_id: str, *, now: datetime) -> None:
    """Out of the group, out of its leadership's inbox: their open conversation with it ends."""
    await repos.threads.close_open_for(group_id, member_id, ending=ThreadEnding.MEMBER_LEFT, at=now)


async def _take_out(
    repos: Repositories, group: GroupDocument, membership: MembershipDocument, *, remove: datetime | None
) -> None:
    """End a membership: leaving deletes it, removal (`remove` = when) keeps it as removed.
    A lead is counted out first, so the last lead of a live group cannot go.
    """
    lead = membership.role is GroupRole.LEAD
    if lead and not await repos.groups.count_lead_out(group.id):
        raise GroupError(GroupErrorCode.LAST_LEAD, "The group needs a lead: hand leadership to someone first.")
    if remove is None:
        ended = await repos.memberships.delete_active(group.id, membership.member_id, role=membership.role)
    else:
        ended = await repos.memberships.mark_removed(group.id, membership.member_id, role=membership.role, now=remove)
    if not ended:  # their role or membership changed meanwhile
        if lead:
            await repos.groups.count_lead_in(group.id)
        raise GroupError(GroupErrorCode.NOT_A_MEMBER, "That membership changed meanwhile: try again.")
    await repos.groups.release_slot(group.id)
