"""A group as one viewer sees it: what every reading and every change hands back."""

from __future__ import annotations

from dataclasses import dataclass

from domain.groups.access import load
from domain.groups.policies import GroupAction, Viewer, allowed_actions, authorize, is_active
from infra.mongo.repositories.registry import Repositories
from schemas.documents.groups import GroupDocument
from schemas.documents.memberships import GroupRole, MembershipDocument


@dataclass(frozen=True)
class GroupView:
    """The group, the viewer's active membership (if any), and whether they may see its members."""

    group: GroupDocument
    membership: MembershipDocument | None
    can_see_members: bool

    @property
    def role(self) -> GroupRole | None:
        return self.membership.role if self.membership else None


def view_of(viewer: Viewer, group: GroupDocument, membership: MembershipDocument | None) -> GroupView:
    active = membership if is_active(membership) else None
    can_see_members = GroupAction.VIEW_MEMBERS in allowed_actions(viewer, active, group)
    return GroupView(group=group, membership=active, can_see_members=can_see_members)


async def current_view(repos: Repositories, viewer: Viewer, group_id: str) -> GroupView:
    """The group as it is now, after a change: the viewer could see it before, so they still may."""
    group, membership = await load(repos, viewer, group_id)
    return view_of(viewer, authorize(GroupAction.VIEW, viewer, group, membership), membership)
