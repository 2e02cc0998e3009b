"""Break-glass (ANON-12): learning who wrote anonymous content, only for risk to life or a legal duty.

One safeguarding officer asks, with a reason code and a justification; a
different one approves within 24 hours. Officers are the platform's (any
group), or an organisation's org_safeguarding staff (the groups it hosts now),
in any mix: the rule is two different people, each with authority over the
content's group, and the audit records each step's authority. Only then is the
author found, by computing the `author_key` of candidate members (the group's, then everyone's)
until one matches the content's: no reversible mapping exists to steal. The
member id goes to the approver alone, in the approval's response. Both steps
go to the append-only audit, whose `_id` per step makes the approval happen
once on any store; the audit never holds the revealed id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.errors import HiddenError
from domain.moderation import CONTENT_KINDS, load_content
from domain.organisations import groups_handled_by
from domain.safeguarding.authority import authority_over, org_safeguarding_of
from domain.safeguarding.errors import SafeguardingError, SafeguardingErrorCode
from domain.shares import AnonymityKey, Reader, clean_body, same_key
from infra.mongo.repositories.author_reveals import AuditStepTakenError
from infra.mongo.repositories.registry import Repositories
from schemas.documents.author_reveals import (
    AuthorRevealAuditDocument,
    AuthorRevealRequestDocument,
    RevealOutcome,
    RevealReason,
    RevealStatus,
    RevealStep,
    audit_key,
)
from schemas.documents.base import new_id
from schemas.documents.org_roles import OrgRole
from schemas.documents.reports import ReportTargetKind

VALID_FOR = timedelta(hours=24)
JUSTIFICATION_MAX = 2_000
SEARCH_BATCH = 1_000


@dataclass(frozen=True)
class Revealed:
    request: AuthorRevealRequestDocument
    member_id: str
    display_name: str | None


async def request_reveal(
    *,
    repos: Repositories,
    staff: Reader,
    kind: ReportTargetKind,
    content_id: str,
    reason: RevealReason,
    justification: str,
    now: datetime,
) -> AuthorRevealRequestDocument:
    """Ask for the author of a share or response; a second officer must approve."""
    staffing = await org_safeguarding_of(repos, staff)
    if kind not in CONTENT_KINDS:
        raise HiddenError(content_id)
    content = await load_content(repos, kind, content_id)
    authority = await authority_over(repos, staffing, content.group_id, content_id)  # before any other answer
    justification = clean_body(justification)
    if not 1 <= len(justification) <= JUSTIFICATION_MAX:
        message = f"Say why, in 1 to {JUSTIFICATION_MAX:,} characters."
        raise SafeguardingError(SafeguardingErrorCode.JUSTIFICATION_LENGTH, message)
    request = AuthorRevealRequestDocument(
        id=new_id(), target_kind=kind, target_id=content.id, group_id=content.group_id, reason=reason,
        justification=justification, requested_by=staff.id, organisation_id=authority, created_at=now,
        expires_at=now + VALID_FOR,
    )  # fmt: skip
    await repos.author_reveals.insert_request(request)
    asked = _audit(
        request, RevealStep.REQUESTED, staff_id=staff.id, authority=authority, outcome=RevealOutcome.PENDING, now=now
    )
    await repos.author_reveals.append_audit(asked)
    return request


async def approve_reveal(
    *, repos: Repositories, key: AnonymityKey, staff: Reader, request_id: str, now: datetime
) -> Revealed:
    """Approve another officer's request, and learn the author's member id (once, only here)."""
    staffing = await org_safeguarding_of(repos, staff)
    request = await repos.author_reveals.get_request(request_id)
    if request is None:
        raise HiddenError(request_id)
    authority = await authority_over(repos, staffing, request.group_id, request_id)  # before any other answer
    _refuse(request, staff, now)
    authorship = await repos.authorship.get(request.target_id)
    member_id = await _find_author(repos, key, request.group_id, authorship.author_key) if authorship else None
    outcome = RevealOutcome.AUTHOR_FOUND if member_id else RevealOutcome.AUTHOR_NOT_FOUND
    try:  # the gate: one approval per request, whoever races
        approval = _audit(
            request, RevealStep.APPROVED, staff_id=staff.id, authority=authority, outcome=outcome, now=now
        )
        await repos.author_reveals.append_audit(approval)
    except AuditStepTakenError:
        raise _already_approved() from None
    approved = await repos.author_reveals.mark_approved(request.id, by=staff.id, now=now) or request
    if member_id is None:
        raise SafeguardingError(SafeguardingErrorCode.AUTHOR_NOT_FOUND, "The author's account no longer exists.")
    members = await repos.members.get_many([member_id])
    return Revealed(approved, member_id, members[0].display_name if members else None)


async def waiting_reveals(
    *, repos: Repositories, staff: Reader, now: datetime, first: int
) -> list[AuthorRevealRequestDocument]:
    """Requests waiting for a second officer's decision, the soonest to expire first: every one for the
    platform's safeguarding staff, those about the groups its organisations host now for an organisation's.
    """
    staffing = await org_safeguarding_of(repos, staff)
    if staffing is None:
        return await repos.author_reveals.waiting(now=now, limit=first)
    groups = await groups_handled_by(repos=repos, staffing=staffing, role=OrgRole.ORG_SAFEGUARDING)
    return await repos.author_reveals.waiting(now=now, limit=first, group_ids=groups)


def _refuse(request: AuthorRevealRequestDocument, staff: Reader, now: datetime) -> None:
    if request.requested_by == staff.id:
        raise SafeguardingError(SafeguardingErrorCode.SELF_APPROVAL, "A different officer must approve this.")
    if request.status is RevealStatus.APPROVED:
        raise _already_approved()
    if now > request.expires_at:
        raise SafeguardingError(SafeguardingErrorCode.REQUEST_EXPIRED, "This request has expired: ask again.")


def _already_approved() -> SafeguardingError:
    return SafeguardingError(SafeguardingErrorCode.ALREADY_APPROVED, "This request was approved already.")


async def _find_author(repos: Repositories, key: AnonymityKey, group_id: str, author_key: str) -> str | None:
    """The member whose key matches: the group's members first (current and removed), then everyone."""
    found = _match(key, await repos.memberships.member_ids_ever_in(group_id), author_key)
    after: str | None = None
    while found is None:
        batch = await repos.members.ids_after(after, limit=SEARCH_BATCH)
        if not batch:
            return None
        found, after = _match(key, batch, author_key), batch[-1]
    return found


def _match(key: AnonymityKey, member_ids: list[str], author_key: str) -> str | None:
    return next((member_id for member_id in member_ids if same_key(key.author_key(member_id), author_key)), None)


def _audit(
    request: AuthorRevealRequestDocument, step: RevealStep, *, staff_id: str, authority: str | None,
    outcome: RevealOutcome, now: datetime,
) -> AuthorRevealAuditDocument:  # fmt: skip
    return AuthorRevealAuditDocument(
        id=audit_key(step, request.id), request_id=request.id, step=step, staff_member_id=staff_id,
        organisation_id=authority,
        target_kind=request.target_kind, target_id=request.target_id, reason=request.reason, outcome=outcome, at=now,
    )  # fmt: skip
