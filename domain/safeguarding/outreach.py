"""Staff reaching out: safeguarding staff start a conversation with the member behind an alert,
or behind anonymous words after an approved break-glass reveal (ANON-12). The thread is between
the member and staff alone; the member sees it comes from the service's safeguarding team.
Officers are the platform's (every group) or an organisation's (the groups it hosts now), on
the same authority rule as alerts and break-glass (`authority.py`).

From a reveal, only the staff member who approved it may start, with the member id the approval
gave them (checked against the content's authorship key): anyone else holding the request's id
could otherwise test guessed members against it, an oracle break-glass must never be.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import FieldIssue, HiddenError
from domain.organisations import Staffing
from domain.outreach import Opening, Participant, Started, ThreadServices, start_with_staff
from domain.safeguarding.authority import authority_over, org_safeguarding_of
from domain.safeguarding.errors import SafeguardingError, SafeguardingErrorCode
from domain.shares import AnonymityKey, same_key
from infra.mongo.repositories.registry import Repositories
from schemas.documents.author_reveals import RevealStatus
from schemas.documents.members import MemberDocument


@dataclass(frozen=True)
class Basis:
    """What leads staff to a member: an alert, or an approved reveal and the member it named."""

    alert_id: str | None = None
    reveal_request_id: str | None = None
    member_id: str | None = None  # with a reveal: the id its approval returned


async def reach_member(
    *, services: ThreadServices, key: AnonymityKey, staff: Participant, basis: Basis, opening: Opening, now: datetime
) -> Started:
    """Start (or add to) the staff thread with the member the basis names."""
    repos = services.repos
    staffing = await org_safeguarding_of(repos, staff)
    if (basis.alert_id is None) == (basis.reveal_request_id is None):
        message = "Give one alert, or one approved break-glass request with the member it named."
        raise SafeguardingError.from_issues([FieldIssue("alertId", SafeguardingErrorCode.BASIS_REQUIRED, message)])
    if basis.alert_id is not None:
        member, label = await _behind_alert(repos, staffing, basis.alert_id), f"alert:{basis.alert_id}"
    else:
        member, label = await _behind_reveal(repos, key, staff, staffing, basis), f"reveal:{basis.reveal_request_id}"
    return await start_with_staff(
        services=services, participant=staff, member=member, basis=label, opening=opening, now=now
    )


async def _behind_alert(repos: Repositories, staffing: Staffing | None, alert_id: str) -> MemberDocument:
    alert = await repos.safeguarding_alerts.get(alert_id)
    if alert is None:
        raise HiddenError(alert_id)
    await authority_over(repos, staffing, alert.group_id, alert_id)
    if alert.member_id is None:
        message = "This alert is about words posted without a name: only an approved break-glass request finds who."
        raise SafeguardingError(SafeguardingErrorCode.ALERT_WITHOUT_MEMBER, message)
    return await _member(repos, alert.member_id)


async def _behind_reveal(
    repos: Repositories, key: AnonymityKey, staff: Participant, staffing: Staffing | None, basis: Basis
) -> MemberDocument:
    request = await repos.author_reveals.get_request(basis.reveal_request_id or "")
    if request is None:
        raise HiddenError(basis.reveal_request_id or "request")
    await authority_over(repos, staffing, request.group_id, request.id)  # a role revoked since stops here
    if request.status is not RevealStatus.APPROVED:
        raise SafeguardingError(SafeguardingErrorCode.REVEAL_NOT_APPROVED, "This request has not been approved.")
    if request.approved_by != staff.id:
        message = "Only the staff member who approved this request can reach its author."
        raise SafeguardingError(SafeguardingErrorCode.NOT_THE_APPROVER, message)
    authorship = await repos.authorship.get(request.target_id)
    member_id = basis.member_id or ""
    if authorship is None or not same_key(key.author_key(member_id), authorship.author_key):
        message = "That is not the member the approval named."
        raise SafeguardingError.from_issues([FieldIssue("memberId", SafeguardingErrorCode.NOT_THE_AUTHOR, message)])
    return await _member(repos, member_id)


async def _member(repos: Repositories, member_id: str) -> MemberDocument:
    found = await repos.members.get_many([member_id])
    if not found:
        raise SafeguardingError(SafeguardingErrorCode.AUTHOR_NOT_FOUND, "This member's account no longer exists.")
    return found[0]
