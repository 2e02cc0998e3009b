"""Moderation rules, pure: who moderates, what each action may change, when reports hide and escalate.

Leads and co-leads of a group share one queue, and safeguarding staff act in
every group. Moderators act on content, never on an anonymous author: to
act against a person behind anonymous content they report it, and staff
take it from there (ANON-10).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.errors import FieldIssue, HiddenError, NotPermittedError
from domain.groups import is_active
from domain.moderation.errors import ModerationError, ModerationErrorCode
from domain.shares import Reader, Standing, shown_status, standing
from schemas.documents.memberships import GroupRole, MembershipDocument
from schemas.documents.moderation_actions import ActorRole, ModerationActionKind
from schemas.documents.reports import ReportReason
from schemas.documents.shares import ContentStatus

REPORTS_TO_HIDE = 3  # distinct reporters (OSA-2, DESIGN §7)
ESCALATE_AFTER = timedelta(hours=24)
RISK_REASONS = frozenset({ReportReason.SUICIDE_OR_SELF_HARM_RISK, ReportReason.ENCOURAGING_SELF_HARM})
NOTE_MAX = 500
REASON_MAX = 500
MUTE_HOURS_MAX = 720  # 30 days; 0 lifts a mute


class ContentAction(StrEnum):
    HIDE = "hide"
    RESTORE = "restore"
    REMOVE = "remove"


@dataclass(frozen=True)
class Transition:
    sources: tuple[ContentStatus, ...]
    to: ContentStatus
    log: ModerationActionKind


TRANSITIONS = {
    ContentAction.HIDE: Transition((ContentStatus.PUBLISHED,), ContentStatus.HIDDEN, ModerationActionKind.CONTENT_HIDE),
    ContentAction.RESTORE: Transition(
        (ContentStatus.HIDDEN, ContentStatus.HELD), ContentStatus.PUBLISHED, ModerationActionKind.CONTENT_RESTORE
    ),
    ContentAction.REMOVE: Transition(
        (ContentStatus.PUBLISHED, ContentStatus.HIDDEN, ContentStatus.HELD),
        ContentStatus.REMOVED,
        ModerationActionKind.CONTENT_REMOVE,
    ),
}


def is_moderator(found: Standing | None) -> bool:
    return found in (Standing.MODERATOR, Standing.STAFF)


def require_moderator(reader: Reader, membership: MembershipDocument | None, *, group_exists: bool) -> Standing:
    """Leads, co-leads and staff; a member is FORBIDDEN, anyone else NOT_FOUND."""
    found = standing(reader, membership) if group_exists else None
    if found is None:
        raise HiddenError("group")
    if not is_moderator(found):
        raise NotPermittedError("Only the group's leads and co-leads moderate it.")
    return found


def moderator_sees(status: ContentStatus, found: Standing) -> bool:
    """What a moderator may act on: what they see of everyone's content (held content is staff's only)."""
    return shown_status(status, found, is_author=False) is not None


def refuse_transition(action: ContentAction, status: ContentStatus) -> Transition:
    transition = TRANSITIONS[action]
    if status not in transition.sources:
        message = f"Content that is {status.value} can't be given '{action.value}'."
        raise ModerationError(ModerationErrorCode.INVALID_TRANSITION, message)
    return transition


def may_mute(found: Standing, membership: MembershipDocument | None, target: MembershipDocument) -> bool:
    """Staff and leads mute anyone; co-leads mute members, not other leaders."""
    if found is Standing.STAFF or (membership is not None and membership.role is GroupRole.LEAD):
        return True
    return target.role is GroupRole.MEMBER


def actor_role(found: Standing, membership: MembershipDocument | None) -> ActorRole:
    if found is not Standing.STAFF and is_active(membership) and membership is not None:
        return ActorRole(membership.role.value)
    return ActorRole.STAFF


def escalate_at(reason: ReportReason, now: datetime) -> datetime:
    """Reports about risk go to staff at once; the rest after 24 hours untouched."""
    return now if reason in RISK_REASONS else now + ESCALATE_AFTER


def hides_at_once(reason: ReportReason, found: Standing) -> bool:
    """Encouraging self-harm reported by a lead or staff is hidden at once, pending review (OSA-4)."""
    return reason is ReportReason.ENCOURAGING_SELF_HARM and is_moderator(found)


def text_issues(field: str, text: str, *, required: bool, limit: int, code: ModerationErrorCode) -> list[FieldIssue]:
    if len(text) > limit or (required and not text):
        low = 1 if required else 0
        return [FieldIssue(field, code, f"Use {low} to {limit} characters.")]
    return []
