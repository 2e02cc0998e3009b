"""What moderators do: hide, restore or remove content, mute a member, dismiss reports.

Each action is checked, applied, appended to the group's moderation log (with
the moderator, never an anonymous author), and closes the reports waiting on
its target, so the 24-hour escalation stops for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.errors import HiddenError, NotPermittedError
from domain.groups import is_active
from domain.moderation import content as contents
from domain.moderation import notices
from domain.moderation.errors import ModerationError, ModerationErrorCode
from domain.moderation.log import append
from domain.moderation.policies import (
    MUTE_HOURS_MAX,
    REASON_MAX,
    ContentAction,
    actor_role,
    may_mute,
    moderator_sees,
    refuse_transition,
    require_moderator,
    text_issues,
)
from domain.shares import Publishing, Reader, Standing, clean_body, share_place
from infra.mongo.repositories.registry import Repositories
from schemas.documents.memberships import MembershipDocument
from schemas.documents.moderation_actions import ActorRole, ModerationActionKind, TargetKind
from schemas.documents.reports import ReportDocument, ReportStatus, ReportTargetKind
from schemas.documents.shares import ContentStatus, HiddenBy


@dataclass(frozen=True)
class Moderator:
    """A reader acting as a moderator of one group."""

    reader: Reader
    standing: Standing
    membership: MembershipDocument | None

    @property
    def role(self) -> ActorRole:
        return actor_role(self.standing, self.membership)


async def moderator_of(repos: Repositories, reader: Reader, group_id: str) -> Moderator:
    group, membership = await share_place(repos, reader, group_id)
    found = require_moderator(reader, membership, group_exists=group is not None)
    return Moderator(reader, found, membership)


def checked_reason(raw: str) -> str:
    reason = clean_body(raw)
    if issues := text_issues("reason", reason, required=True, limit=REASON_MAX, code=ModerationErrorCode.REASON_LENGTH):
        raise ModerationError.from_issues(issues)
    return reason


async def moderate_content(
    *,
    publishing: Publishing,
    reader: Reader,
    kind: ReportTargetKind,
    content_id: str,
    action: ContentAction,
    reason: str,
    now: datetime,
) -> tuple[contents.Content, Standing]:
    """Hide, restore or remove a share or response (leads and co-leads of its group, and staff)."""
    repos = publishing.repos
    content = await contents.load_content(repos, kind, content_id) if kind in contents.CONTENT_KINDS else None
    if content is None:
        raise HiddenError(content_id)
    moderator = await _moderator_seeing(repos, reader, content)
    reason = checked_reason(reason)
    transition = refuse_transition(action, content.status)
    hidden_by = HiddenBy.MODERATOR if transition.to is ContentStatus.HIDDEN else None
    changed = await contents.change_status(
        publishing, content, sources=transition.sources, to=transition.to, hidden_by=hidden_by, now=now
    )
    if changed is None:
        raise ModerationError(ModerationErrorCode.INVALID_TRANSITION, "It changed meanwhile: look again.")
    entry = await append(
        repos, group_id=content.group_id, actor_id=reader.id, actor_role=moderator.role, action=transition.log,
        target_kind=contents.LOG_KIND[kind], target_id=content.id, reason=reason, now=now,
        membership=moderator.membership,
    )  # fmt: skip
    await repos.reports.close_waiting(content.id, group_id=content.group_id, action_id=entry.id, now=now)
    await notices.tell_author(publishing=publishing, content=changed, rule=reason, now=now)  # hidden or removed only
    return changed, moderator.standing


async def _moderator_seeing(repos: Repositories, reader: Reader, content: contents.Content) -> Moderator:
    """The reader as a moderator of the content's group, if it is content they may act on: leads
    never see held content (staff review it), so to them it does not exist.
    """
    try:
        moderator = await moderator_of(repos, reader, content.group_id)
    except NotPermittedError:
        if content.status is not ContentStatus.PUBLISHED:
            raise HiddenError(content.id) from None
        raise
    if not moderator_sees(content.status, moderator.standing):
        raise HiddenError(content.id)
    return moderator


@dataclass(frozen=True)
class Muted:
    member_id: str
    muted_until: datetime | None


async def mute_member(
    *, repos: Repositories, reader: Reader, group_id: str, member_id: str, hours: int, reason: str, now: datetime
) -> Muted:
    """Stop a member posting in the group for `hours` (0 lifts it); they can still read and react."""
    moderator = await moderator_of(repos, reader, group_id)
    if member_id == reader.id:
        raise ModerationError(ModerationErrorCode.CANNOT_TARGET_SELF, "You can't mute yourself.")
    if not 0 <= hours <= MUTE_HOURS_MAX:
        message = f"Mute for 0 to {MUTE_HOURS_MAX} hours (0 lifts a mute)."
        raise ModerationError(ModerationErrorCode.HOURS_OUT_OF_RANGE, message)
    reason = checked_reason(reason)
    target = await repos.memberships.get(group_id, member_id)
    if target is None or not is_active(target):
        raise ModerationError(ModerationErrorCode.NOT_A_MEMBER, "That person isn't in this group.")
    if not may_mute(moderator.standing, moderator.membership, target):
        raise NotPermittedError("Co-leads can mute members, not other leads.")
    until = now + timedelta(hours=hours) if hours else None
    if await repos.memberships.set_muted(group_id, member_id, until=until) is None:
        raise ModerationError(ModerationErrorCode.NOT_A_MEMBER, "That person isn't in this group.")
    action = ModerationActionKind.MEMBER_MUTE if until else ModerationActionKind.MEMBER_UNMUTE
    entry = await append(
        repos, group_id=group_id, actor_id=reader.id, actor_role=moderator.role, action=action,
        target_kind=TargetKind.MEMBER, target_id=member_id, reason=reason, now=now, membership=moderator.membership,
    )  # fmt: skip
    await repos.reports.close_waiting(member_id, group_id=group_id, action_id=entry.id, now=now)
    if until is not None:
        await notices.tell_muted(repos=repos, group_id=group_id, member_id=member_id, until=until, rule=reason, now=now)
    return Muted(member_id=member_id, muted_until=until)


async def dismiss_report(
    *, publishing: Publishing, reader: Reader, report_id: str, reason: str, now: datetime
) -> ReportDocument:
    """The reports on a target were not founded: close them, and bring back what they hid."""
    repos = publishing.repos
    report = await repos.reports.get(report_id)
    if report is None:
        raise HiddenError(report_id)
    moderator = await moderator_of(repos, reader, report.group_id)
    reason = checked_reason(reason)
    if report.status is ReportStatus.CLOSED:
        raise ModerationError(ModerationErrorCode.REPORT_CLOSED, "This report has already been dealt with.")
    if report.target_kind in contents.CONTENT_KINDS:
        await _restore_if_hidden_by_reports(publishing, report, now=now)
    entry = await append(
        repos, group_id=report.group_id, actor_id=reader.id, actor_role=moderator.role,
        action=ModerationActionKind.REPORTS_DISMISS, target_kind=contents.LOG_KIND[report.target_kind],
        target_id=report.target_id, reason=reason, now=now, membership=moderator.membership,
    )  # fmt: skip
    await repos.reports.close_waiting(report.target_id, group_id=report.group_id, action_id=entry.id, now=now)
    return await repos.reports.get(report_id) or report


async def _restore_if_hidden_by_reports(publishing: Publishing, report: ReportDocument, *, now: datetime) -> None:
    try:
        content = await contents.load_content(publishing.repos, report.target_kind, report.target_id)
    except HiddenError:
        return  # deleted by its author meanwhile
    if content.status is ContentStatus.HIDDEN and content.item.hidden_by is HiddenBy.REPORTS:
        await contents.change_status(
            publishing, content, sources=(ContentStatus.HIDDEN,), to=ContentStatus.PUBLISHED, hidden_by=None, now=now
        )
