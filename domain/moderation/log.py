"""Appending to a group's moderation log (append-only): the moderator, never an anonymous author."""

from __future__ import annotations

from datetime import datetime

from domain.groups import note_leader_activity
from infra.mongo.repositories.registry import Repositories
from schemas.documents.base import new_id
from schemas.documents.memberships import MembershipDocument
from schemas.documents.moderation_actions import (
    ActorRole,
    ModerationActionDocument,
    ModerationActionKind,
    TargetKind,
)


async def append(
    repos: Repositories,
    *,
    group_id: str,
    actor_id: str | None,
    actor_role: ActorRole,
    action: ModerationActionKind,
    target_kind: TargetKind,
    target_id: str,
    reason: str | None,
    now: datetime,
    membership: MembershipDocument | None = None,
) -> ModerationActionDocument:
    """Record one action, after the change it records; the moderator's `membership`, if they
    lead the group, is marked active (the group is being looked after).
    """
    entry = ModerationActionDocument(
        id=new_id(), group_id=group_id, actor_member_id=actor_id, actor_role=actor_role, action=action,
        target_kind=target_kind, target_id=target_id, reason=reason, created_at=now,
    )  # fmt: skip
    await repos.moderation_actions.append(entry)
    await note_leader_activity(repos, membership, now=now)
    return entry
