"""Reporting a share, a response or a member (OSA-2): the reporter is known to staff only.

Three distinct reporters hide content until a moderator reviews it; a lead or
staff member reporting encouragement of self-harm hides it at once (OSA-4).
Reports about risk go to staff at once, the rest after 24 hours untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import FieldIssue
from domain.groups import expect_digest, is_active, lead_notification_recipients
from domain.moderation import content as contents
from domain.moderation.errors import ModerationError, ModerationErrorCode
from domain.moderation.log import append
from domain.moderation.policies import (
    NOTE_MAX,
    REPORTS_TO_HIDE,
    escalate_at,
    hides_at_once,
    text_issues,
)
from domain.notifications import Notice, notify_later
from domain.shares import (
    Publishing,
    Reader,
    Standing,
    clean_body,
    get_response,
    get_share,
    jitter,
    require_standing,
    share_place,
    to_minute,
)
from infra.mongo.repositories.registry import Repositories
from infra.mongo.repositories.reports import ReportExistsError
from schemas.documents.base import new_id
from schemas.documents.moderation_actions import ActorRole, ModerationActionKind
from schemas.documents.notifications import NotificationKind
from schemas.documents.reports import ReportDocument, ReportReason, ReportTargetKind
from schemas.documents.shares import ContentStatus, HiddenBy


@dataclass(frozen=True)
class ReportDraft:
    target_kind: ReportTargetKind
    target_id: str
    group_id: str | None  # for a member: the group they are reported in
    reason: ReportReason
    note: str = ""


async def create_report(*, publishing: Publishing, reader: Reader, draft: ReportDraft, now: datetime) -> ReportDocument:
    """Report something the reader can see in their group; once per reporter and target."""
    repos = publishing.repos
    content: contents.Content | None = None
    if draft.target_kind is ReportTargetKind.MEMBER:
        group_id, found = await _member_target(repos, reader, draft)
    else:
        content, found = await _content_target(repos, reader, draft)
        group_id = content.group_id
    note = clean_body(draft.note)
    if issues := text_issues("note", note, required=False, limit=NOTE_MAX, code=ModerationErrorCode.NOTE_LENGTH):
        raise ModerationError.from_issues(issues)
    report = ReportDocument(
        id=new_id(), group_id=group_id, target_kind=draft.target_kind, target_id=draft.target_id,
        reporter_member_id=reader.id, reason=draft.reason, note=note, created_at=now, created_minute=to_minute(now),
        escalate_at=escalate_at(draft.reason, now),
    )  # fmt: skip
    try:
        await repos.reports.insert(report)
    except ReportExistsError:
        raise ModerationError(ModerationErrorCode.ALREADY_REPORTED, "You reported this already. Thank you.") from None
    if content is not None:
        await _hide_if_due(publishing, content, report, found, now=now)
    await _tell_leads(publishing, report, reporter=reader, now=now)
    await expect_digest(repos=repos, group_ids=[group_id], now=now)
    return report


async def _content_target(repos: Repositories, reader: Reader, draft: ReportDraft) -> tuple[contents.Content, Standing]:
    """The content, if the reader can see it and did not write it."""
    if draft.target_kind is ReportTargetKind.SHARE:
        seen_share = await get_share(repos=repos, reader=reader, share_id=draft.target_id)
        content, found = contents.Content(draft.target_kind, seen_share.item), seen_share.standing
    else:
        seen_response = await get_response(repos=repos, reader=reader, response_id=draft.target_id)
        content, found = contents.Content(draft.target_kind, seen_response.item), seen_response.standing
    authorship = await repos.authorship.get(content.id)
    if reader.wrote(authorship.author_key if authorship else None):
        raise ModerationError(ModerationErrorCode.OWN_CONTENT, "You can't report what you wrote; delete it instead.")
    return content, found


async def _member_target(repos: Repositories, reader: Reader, draft: ReportDraft) -> tuple[str, Standing]:
    """The group a member is reported in, if the reader is in it (or staff) and so is the member."""
    if draft.group_id is None:
        raise ModerationError.from_issues(
            [FieldIssue("groupId", ModerationErrorCode.GROUP_REQUIRED, "Say which group this is about.")]
        )
    found = require_standing(reader, *await share_place(repos, reader, draft.group_id))
    if draft.target_id == reader.id:
        raise ModerationError(ModerationErrorCode.CANNOT_TARGET_SELF, "You can't report yourself.")
    if not is_active(await repos.memberships.get(draft.group_id, draft.target_id)):
        raise ModerationError(ModerationErrorCode.NOT_A_MEMBER, "That person isn't in this group.")
    return draft.group_id, found


async def _hide_if_due(
    publishing: Publishing, content: contents.Content, report: ReportDocument, found: Standing, *, now: datetime
) -> None:
    """Three distinct reporters, or encouragement of self-harm reported by a moderator, hide it until reviewed."""
    if content.status is not ContentStatus.PUBLISHED:
        return
    due = hides_at_once(report.reason, found)
    if not due:
        due = await publishing.repos.reports.count_waiting(content.id, limit=REPORTS_TO_HIDE) >= REPORTS_TO_HIDE
    if not due:
        return
    hidden = await contents.change_status(
        publishing, content, sources=(ContentStatus.PUBLISHED,), to=ContentStatus.HIDDEN, hidden_by=HiddenBy.REPORTS,
        now=now,
    )  # fmt: skip
    if hidden is not None:
        await append(
            publishing.repos, group_id=content.group_id, actor_id=None, actor_role=ActorRole.SYSTEM,
            action=ModerationActionKind.CONTENT_HIDE, target_kind=contents.LOG_KIND[content.kind],
            target_id=content.id, reason=f"reported: {report.reason.value}", now=now,
        )  # fmt: skip


async def _tell_leads(publishing: Publishing, report: ReportDocument, *, reporter: Reader, now: datetime) -> None:
    """The group's leads hear that something was reported (once a day per target), never by whom."""
    recipients = await lead_notification_recipients(repos=publishing.repos, group_id=report.group_id, now=now)
    day = now.date().isoformat()
    notices = [
        Notice(
            member_id=member_id,
            kind=NotificationKind.REPORT_RECEIVED,
            dedupe_key=f"report_received:{publishing.key.notice_key(report.target_id, day, member_id)}",
            not_before=jitter(now),
            params={"groupId": report.group_id},
        )
        for member_id in recipients
        if member_id != reporter.id
    ]
    await notify_later(repos=publishing.repos, notices=notices, now=to_minute(now))
