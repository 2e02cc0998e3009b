"""Moderation people can see: the author of hidden or removed content, and a muted member, are told
privately which house rule it was (the moderator's reason), may appeal once with a note, and are
told the decision.

The anonymous author is found the way the feed finds "is this mine": by the keyed hash of each
member of the group, compared with the content's authorship. Their notice holds that hash, never a
member id, and their push goes out at a random moment 1 to 10 minutes later under a keyed dedupe
key, so neither the outbox nor its timing ties them to the content. The decider (the host
organisation's staff, or the platform's staff, for any group) sees the rule and the note, never the
author.
"""

from __future__ import annotations

from datetime import datetime

from domain.errors import HiddenError
from domain.groups import is_active
from domain.moderation import content as contents
from domain.moderation.errors import ModerationError, ModerationErrorCode
from domain.moderation.log import append
from domain.moderation.policies import NOTE_MAX, text_issues
from domain.notifications import Notice, notify_later
from domain.organisations import staffing_of
from domain.shares import Publishing, Reader, clean_body, jitter
from infra.mongo.repositories.registry import Repositories
from schemas.documents.base import new_id
from schemas.documents.moderation_actions import ActorRole, ModerationActionKind, TargetKind
from schemas.documents.moderation_notices import AppealStatus, ModerationNoticeDocument, NoticeKind
from schemas.documents.notifications import NotificationKind
from schemas.documents.reports import ReportTargetKind
from schemas.documents.shares import ContentStatus

_CONTENT_KIND = {ContentStatus.HIDDEN: NoticeKind.CONTENT_HIDDEN, ContentStatus.REMOVED: NoticeKind.CONTENT_REMOVED}
_REPORT_KIND = {TargetKind.SHARE: ReportTargetKind.SHARE, TargetKind.RESPONSE: ReportTargetKind.RESPONSE}


async def _author_of(publishing: Publishing, group_id: str, author_key: str) -> str | None:
    """The member of the group whose keyed hash is `author_key` (None when they have left)."""
    members = await publishing.repos.memberships.active_in_groups([group_id])
    return next((m.member_id for m in members if publishing.key.author_key(m.member_id) == author_key), None)


async def _push(repos: Repositories, dedupe: str, member_id: str | None, now: datetime) -> None:
    """A push at a random moment 1 to 10 minutes on, recorded to the minute, once per notice and step."""
    if member_id is None:
        return
    notices = [
        Notice(
            member_id=member_id, kind=NotificationKind.MODERATION_NOTICE, dedupe_key=f"moderation_notice:{dedupe}",
            not_before=jitter(now), params={},
        )
    ]  # fmt: skip
    await notify_later(repos=repos, notices=notices, now=now.replace(second=0, microsecond=0))


def _dedupe(publishing: Publishing, notice: ModerationNoticeDocument) -> str:
    """Keyed for content (the outbox must not pair a member with anonymous content in plain sight)."""
    step = notice.appeal_status.value
    return f"{notice.id}:{step}" if notice.member_id else publishing.key.notice_key(notice.id, step)


async def tell_author(
    *, publishing: Publishing, content: contents.Content, rule: str, now: datetime
) -> ModerationNoticeDocument | None:
    """After content was hidden or removed: a private notice to its author, with the rule."""
    kind = _CONTENT_KIND.get(content.status)
    authorship = await publishing.repos.authorship.get(content.id)
    if kind is None or authorship is None:
        return None
    notice = ModerationNoticeDocument(
        id=new_id(), group_id=content.group_id, kind=kind, target_kind=contents.LOG_KIND[content.kind],
        target_id=content.id, rule=rule, author_key=authorship.author_key, created_at=now,
    )  # fmt: skip
    await publishing.repos.moderation_notices.insert(notice)
    author = await _author_of(publishing, content.group_id, authorship.author_key)
    await _push(publishing.repos, _dedupe(publishing, notice), author, now)
    return notice


async def tell_muted(
    *, repos: Repositories, group_id: str, member_id: str, until: datetime, rule: str, now: datetime
) -> ModerationNoticeDocument:
    """After a mute: the member is told until when, and why."""
    notice = ModerationNoticeDocument(
        id=new_id(), group_id=group_id, kind=NoticeKind.MUTED, target_kind=TargetKind.MEMBER, target_id=member_id,
        rule=rule, member_id=member_id, muted_until=until, created_at=now,
    )  # fmt: skip
    await repos.moderation_notices.insert(notice)
    await _push(repos, f"{notice.id}:{notice.appeal_status.value}", member_id, now)
    return notice


async def my_notices(*, repos: Repositories, reader: Reader) -> list[ModerationNoticeDocument]:
    """The reader's own notices, newest first."""
    return await repos.moderation_notices.mine(author_key=reader.author_key, member_id=reader.id)


def _is_mine(reader: Reader, notice: ModerationNoticeDocument | None) -> bool:
    if notice is None:
        return False
    return notice.member_id == reader.id or (notice.author_key is not None and reader.wrote(notice.author_key))


async def appeal(
    *, repos: Repositories, reader: Reader, notice_id: str, note: str, now: datetime
) -> ModerationNoticeDocument:
    """The author (or muted member) appeals once, with a note for whoever decides."""
    notice = await repos.moderation_notices.get(notice_id)
    if not _is_mine(reader, notice):
        raise HiddenError(notice_id)
    note = clean_body(note)
    if issues := text_issues("note", note, required=True, limit=NOTE_MAX, code=ModerationErrorCode.NOTE_LENGTH):
        raise ModerationError.from_issues(issues)
    appealed = await repos.moderation_notices.appeal(notice_id, note=note, now=now)
    if appealed is None:
        raise ModerationError(ModerationErrorCode.ALREADY_APPEALED, "You have appealed this already.")
    return appealed


async def _may_decide(repos: Repositories, reader: Reader, platform_staff: bool, group_id: str) -> bool:
    """The host organisation's staff decide its groups' appeals; the platform's staff any group's."""
    if platform_staff:
        return True
    group = await repos.groups.get(group_id)
    host = group.host_organisation_id if group is not None else None
    return host is not None and (await staffing_of(repos=repos, member_id=reader.id)).staffs(host)


async def appeals_waiting(
    *, repos: Repositories, reader: Reader, platform_staff: bool, group_id: str
) -> list[ModerationNoticeDocument]:
    """A group's pending appeals, oldest first, for those who decide them; anyone else: NOT_FOUND."""
    if not await _may_decide(repos, reader, platform_staff, group_id):
        raise HiddenError(group_id)
    return await repos.moderation_notices.pending_in([group_id])


async def decide_appeal(
    *, publishing: Publishing, reader: Reader, platform_staff: bool, notice_id: str, overturn: bool, note: str,
    now: datetime,
) -> ModerationNoticeDocument:  # fmt: skip
    """Uphold or overturn: overturning brings hidden or removed content back, or lifts the mute; the
    decision goes in the group's moderation log, and the author is told.
    """
    repos = publishing.repos
    notice = await repos.moderation_notices.get(notice_id)
    if notice is None or not await _may_decide(repos, reader, platform_staff, notice.group_id):
        raise HiddenError(notice_id)
    note = clean_body(note)
    if issues := text_issues("note", note, required=True, limit=NOTE_MAX, code=ModerationErrorCode.NOTE_LENGTH):
        raise ModerationError.from_issues(issues)
    status = AppealStatus.GRANTED if overturn else AppealStatus.REJECTED
    decided = await repos.moderation_notices.decide(notice.id, status=status, by=reader.id, note=note, now=now)
    if decided is None:
        message = "This appeal has been decided already." if notice.appeal_status is not AppealStatus.NONE else (
            "Nothing has been appealed here.")  # fmt: skip
        raise ModerationError(ModerationErrorCode.ALREADY_DECIDED, message)
    if overturn:
        await _undo(publishing, decided, actor_id=reader.id, now=now)
    member = decided.member_id or await _author_of(publishing, decided.group_id, decided.author_key or "")
    await _push(repos, _dedupe(publishing, decided), member, now)
    return decided


async def _undo(publishing: Publishing, notice: ModerationNoticeDocument, *, actor_id: str, now: datetime) -> None:
    repos = publishing.repos
    if notice.kind is NoticeKind.MUTED:
        membership = await repos.memberships.get(notice.group_id, notice.target_id)
        if is_active(membership):
            await repos.memberships.set_muted(notice.group_id, notice.target_id, until=None)
        action = ModerationActionKind.MEMBER_UNMUTE
    else:
        try:
            content = await contents.load_content(repos, _REPORT_KIND[notice.target_kind], notice.target_id)
        except HiddenError:
            return  # its author deleted it meanwhile
        await contents.change_status(
            publishing, content, sources=(ContentStatus.HIDDEN, ContentStatus.REMOVED), to=ContentStatus.PUBLISHED,
            hidden_by=None, now=now,
        )  # fmt: skip
        action = ModerationActionKind.CONTENT_RESTORE
    await append(
        repos, group_id=notice.group_id, actor_id=actor_id, actor_role=ActorRole.STAFF, action=action,
        target_kind=notice.target_kind, target_id=notice.target_id, reason="Appeal granted", now=now, membership=None,
    )  # fmt: skip
