"""Asking to join a closed group with a lead's request link (domain/groups/invites.py), and a
lead's answer; the requester is told either way.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from domain.errors import HiddenError, NotPermittedError
from domain.groups import invites
from domain.groups import validation as check
from domain.groups.access import admit, load, note_leader_activity, refuse_existing, refuse_if_archived
from domain.groups.attention import expect_digest
from domain.groups.errors import GroupError, GroupErrorCode
from domain.groups.policies import GroupAction, Viewer, age_of, age_refusal, allowed_actions, is_active
from domain.notifications import notify
from infra.mongo.repositories.join_requests import JoinRequestPendingError
from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from schemas.documents.base import new_id
from schemas.documents.groups import GroupAccess, GroupDocument
from schemas.documents.join_requests import JoinRequestDocument, JoinRequestStatus, pending_key
from schemas.documents.memberships import GroupRole, MembershipDocument
from schemas.documents.notifications import NotificationKind


class Decision(StrEnum):
    APPROVE = "approve"
    DECLINE = "decline"


PENDING_CLOSE_LIMIT = 1_000  # far above the requests one group ever has waiting
_OUTCOME = {
    Decision.APPROVE: (JoinRequestStatus.APPROVED, NotificationKind.JOIN_REQUEST_APPROVED),
    Decision.DECLINE: (JoinRequestStatus.DECLINED, NotificationKind.JOIN_REQUEST_DECLINED),
}


async def create_request(
    *, repos: Repositories, viewer: Viewer, code: str, message: str, now: datetime
) -> JoinRequestDocument:
    """Ask to join a closed group with a code its leads shared (a request link, or an invite);
    one pending request at a time, and each request takes one of the code's uses.
    """
    message = check.clean_text(message)
    if issues := check.message_issues(message):
        raise GroupError.from_issues(issues)
    invite, group = await invites.redeemable(repos, code, now=now)
    refuse_existing(await repos.memberships.get(group.id, viewer.id))
    invites.refuse_join(group, viewer)
    if group.access is GroupAccess.OPEN:
        raise GroupError(GroupErrorCode.GROUP_IS_OPEN, "This group is open: join it straight away.")
    request = JoinRequestDocument(
        id=new_id(), group_id=group.id, member_id=viewer.id, message=message,
        pending_key=pending_key(group.id, viewer.id), created_at=now,
    )  # fmt: skip
    # The request first (its unique pending key refuses a second one without a write), then the use.
    try:
        await repos.join_requests.insert(request)
    except JoinRequestPendingError:
        raise GroupError(GroupErrorCode.REQUEST_PENDING, "You've already asked; a lead will answer soon.") from None
    try:
        await invites.take_use(repos, invite, now=now)
    except GroupError:
        await repos.join_requests.withdraw(request.id)
        raise
    await expect_digest(repos=repos, group_ids=[group.id], now=now)
    return request


async def decide_request(
    *, repos: Repositories, queue: TaskQueue, viewer: Viewer, request_id: str, decision: Decision, now: datetime
) -> JoinRequestDocument:
    """Approve or decline a pending request (leads and co-leads), then tell the requester."""
    request, group, membership = await _reviewable(repos, viewer, request_id)
    if request.status is not JoinRequestStatus.PENDING:
        raise _already_decided()
    refuse_if_archived(group)
    admitted = await _admit_requester(repos, group, request, now=now) if decision is Decision.APPROVE else None
    status, kind = _OUTCOME[decision]
    if not await repos.join_requests.decide(request.id, status=status, decided_by=viewer.id, now=now):
        if admitted is not None:  # another lead decided first: undo this one's admission
            await repos.memberships.delete_active(group.id, request.member_id, role=GroupRole.MEMBER)
            await repos.groups.release_slot(group.id)
        raise _already_decided()
    await _tell_requester(repos, queue, request, kind, now=now)
    await note_leader_activity(repos, membership, now=now)
    return request.model_copy(update={"status": status, "decided_by": viewer.id, "decided_at": now})


async def decline_all_pending(
    *, repos: Repositories, queue: TaskQueue, group_id: str, decided_by: str, now: datetime
) -> None:
    """Decline every request still waiting on a group that takes no one new (it was archived),
    and tell each requester, as a lead's decline would.
    """
    for request in await repos.join_requests.pending_for_group(group_id, limit=PENDING_CLOSE_LIMIT):
        if await repos.join_requests.decide(
            request.id, status=JoinRequestStatus.DECLINED, decided_by=decided_by, now=now
        ):
            await _tell_requester(repos, queue, request, NotificationKind.JOIN_REQUEST_DECLINED, now=now)


async def _tell_requester(
    repos: Repositories, queue: TaskQueue, request: JoinRequestDocument, kind: NotificationKind, *, now: datetime
) -> None:
    # Lock-screen safe: the group's id only, never its name (DESIGN §6).
    await notify(
        repos=repos, queue=queue, member_id=request.member_id, kind=kind,
        dedupe_key=f"join_request_decided:{request.id}", now=now, params={"groupId": request.group_id},
    )  # fmt: skip


async def _reviewable(
    repos: Repositories, viewer: Viewer, request_id: str
) -> tuple[JoinRequestDocument, GroupDocument, MembershipDocument | None]:
    """The request, its group and the viewer's membership, if the viewer leads it. Only its leaders and its requester
    see a request; anyone else gets what a random id gets.
    """
    request = await repos.join_requests.get(request_id)
    group, membership = await load(repos, viewer, request.group_id) if request else (None, None)
    if request is None or group is None:
        raise HiddenError(request_id)
    if GroupAction.REVIEW_REQUESTS not in allowed_actions(viewer, membership):
        if request.member_id == viewer.id:
            raise NotPermittedError("A lead of the group decides on your request.")
        raise HiddenError(request_id)
    return request, group, membership


async def _admit_requester(
    repos: Repositories, group: GroupDocument, request: JoinRequestDocument, *, now: datetime
) -> MembershipDocument | None:
    """Admit the requester; None when they are already in (by an invite meanwhile)."""
    requesters = await repos.members.get_many([request.member_id])
    if not requesters:  # their account has gone
        raise HiddenError(request.id)
    if age_refusal(group, age_of(requesters[0], now)) is not None:
        raise GroupError(GroupErrorCode.AGE_NOT_ALLOWED, "Their age doesn't fit this group's age range.")
    existing = await repos.memberships.get(group.id, request.member_id)
    if existing is not None and is_active(existing):
        return None
    refuse_existing(existing)
    return await admit(repos, group, request.member_id, role=GroupRole.MEMBER, now=now)


def _already_decided() -> GroupError:
    return GroupError(GroupErrorCode.REQUEST_ALREADY_DECIDED, "This request has already been answered.")
