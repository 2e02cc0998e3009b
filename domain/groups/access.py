"""Steps every groups operation shares: loading a group with the viewer's membership,
authorising, taking a place in a group, writing the moderation log, and noting
that a lead or co-lead acted.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from domain.groups.errors import GroupError, GroupErrorCode
from domain.groups.policies import GroupAction, Viewer, actor_role, authorize, is_active, is_leader
from domain.organisations import staffing_of
from infra.mongo.repositories.memberships import MembershipExistsError
from infra.mongo.repositories.registry import Repositories
from schemas.documents.base import new_id
from schemas.documents.groups import GroupDocument
from schemas.documents.memberships import GroupRole, MembershipDocument, MembershipStatus
from schemas.documents.moderation_actions import ModerationActionDocument, ModerationActionKind, TargetKind

Loaded = tuple[GroupDocument | None, MembershipDocument | None]
# `last_active_at` is kept to the hour: a lead's burst of actions costs one write, not one each.
ACTIVITY_PRECISION = timedelta(hours=1)


async def load(repos: Repositories, viewer: Viewer, group_id: str) -> Loaded:
    """The group and the viewer's membership (active or removed). Both reads always
    run, so a missing group and a hidden one cost the same (GQL-12).
    """
    group = await repos.groups.get(group_id)
    membership = await repos.memberships.get(group_id, viewer.id)
    return group, membership


async def with_host_staffing(
    repos: Repositories, viewer: Viewer, group: GroupDocument | None, membership: MembershipDocument | None
) -> Viewer:
    """The viewer with their organisation roles read, when a hosted group they are not in needs them
    (checked on every such request; unhosted groups and members cost no extra query).
    """
    if group is None or group.host_organisation_id is None or is_active(membership) or viewer.orgs is not None:
        return viewer
    return replace(viewer, orgs=await staffing_of(repos=repos, member_id=viewer.id))


async def authorized(
    repos: Repositories, viewer: Viewer, group_id: str, action: GroupAction
) -> tuple[GroupDocument, MembershipDocument | None]:
    """The group and the viewer's membership, if the viewer may do `action`."""
    group, membership = await load(repos, viewer, group_id)
    viewer = await with_host_staffing(repos, viewer, group, membership)
    return authorize(action, viewer, group, membership), membership


def archived_error() -> GroupError:
    return GroupError(GroupErrorCode.GROUP_ARCHIVED, "This group has been archived: it can be read, not changed.")


def refuse_if_archived(group: GroupDocument) -> None:
    if group.archived:
        raise archived_error()


def refuse_existing(membership: MembershipDocument | None) -> None:
    """Joining twice, or rejoining after a lead removed you, is refused."""
    if membership is None:
        return
    if membership.status is MembershipStatus.REMOVED:
        raise GroupError(GroupErrorCode.REMOVED_FROM_GROUP, "You were removed from this group, so can't rejoin it.")
    raise GroupError(GroupErrorCode.ALREADY_MEMBER, "You're already in this group.")


async def admit(
    repos: Repositories, group: GroupDocument, member_id: str, *, role: GroupRole, now: datetime
) -> MembershipDocument:
    """Take a place (a conditional update on the group's free places), then record the
    membership; if the unique pair says they were already in, give the place back.
    """
    if not await repos.groups.take_slot(group.id):
        current = await repos.groups.get(group.id)
        refuse_if_archived(current or group)
        raise GroupError(GroupErrorCode.GROUP_FULL, "This group is full.")
    membership = MembershipDocument(id=new_id(), group_id=group.id, member_id=member_id, role=role, joined_at=now)
    try:
        await repos.memberships.insert(membership)
    except MembershipExistsError:
        await repos.groups.release_slot(group.id)
        refuse_existing(await repos.memberships.get(group.id, member_id))
        raise GroupError(GroupErrorCode.ALREADY_MEMBER, "You're already in this group.") from None
    if role is GroupRole.LEAD:
        await repos.groups.count_lead_in(group.id)
    return membership


async def log_action(
    repos: Repositories,
    *,
    group_id: str,
    viewer: Viewer,
    membership: MembershipDocument | None,
    action: ModerationActionKind,
    target_id: str,
    now: datetime,
    reason: str | None = None,
) -> None:
    """Append to the group's moderation log, after the change it records; a lead's or
    co-lead's entry also counts as them being active in the group.
    """
    await repos.moderation_actions.append(
        ModerationActionDocument(
            id=new_id(),
            group_id=group_id,
            actor_member_id=viewer.id,
            actor_role=actor_role(viewer, membership),
            action=action,
            target_kind=TargetKind.MEMBER,
            target_id=target_id,
            reason=reason,
            created_at=now,
        )
    )
    await note_leader_activity(repos, membership, now=now)


async def note_leader_activity(repos: Repositories, membership: MembershipDocument | None, *, now: datetime) -> None:
    """A lead or co-lead did something named in their group (never from anonymous content):
    the group is being looked after. Staff acting from outside do not count.
    """
    if is_leader(membership):
        await repos.memberships.record_activity(membership.id, now=now, precision=ACTIVITY_PRECISION)
