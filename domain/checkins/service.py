"""Checking in: record it once per idempotency key, join it to the scheduled check-ins it
answers, and screen it before the mutation returns (CRISIS-2, CRISIS-3).

A retry carries the same key: the unique (member, key) pair records one check-in,
and the retry is answered from the stored one, the same way, whatever changed
meanwhile (a late retry of an offline check-in, a group left since). Nothing here
touches Redis, Celery or FCM, so a low check-in gets its helplines however those are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.checkins import policies
from domain.checkins import validation as check
from domain.checkins.errors import CheckInError, CheckInErrorCode
from domain.crisis import Signposting, SignpostSource, SupportDirectory, screen, signpost
from domain.errors import HiddenError
from domain.members import local_date
from domain.noticing import end_quiet_spells, next_look, notice_mood
from infra.mongo.repositories.checkins import IdempotencyKeyTakenError
from infra.mongo.repositories.registry import Repositories
from schemas.documents.base import new_id
from schemas.documents.checkins import CheckInDocument
from schemas.documents.groups import GroupDocument
from schemas.documents.members import MemberDocument
from schemas.documents.safeguarding_alerts import AlertSourceKind

MEMBER_GROUPS_MAX = 200  # groups one member is in; far above anyone's real number


@dataclass(frozen=True)
class Submitted:
    """The stored check-in, and the support its screen calls for."""

    check_in: CheckInDocument
    signposting: Signposting


async def submit_check_in(
    *,
    repos: Repositories,
    directory: SupportDirectory,
    member: MemberDocument,
    draft: check.CheckInDraft,
    now: datetime,
) -> Submitted:
    """Record a check-in (once per idempotency key) and screen it; the result of a retry is the first one's."""
    if issues := check.key_issues(draft.idempotency_key):
        raise CheckInError.from_issues(issues)
    note = check.clean_note(draft.note)
    digest = check.fingerprint(draft, note)
    try:
        check_in = await _new_check_in(repos, member, draft, note, digest=digest, now=now)
        await repos.checkins.insert(check_in)
    except (CheckInError, HiddenError, IdempotencyKeyTakenError) as error:
        # Refused now, or recorded by an earlier try: a retry of an accepted check-in is never refused.
        stored = await repos.checkins.get_by_key(member.id, draft.idempotency_key)
        if stored is None or (stored.request_hash != digest and not isinstance(error, IdempotencyKeyTakenError)):
            raise
        check_in = _same_request(stored, digest)
    return await _finish(repos, directory, member, check_in, now=now)


async def _new_check_in(
    repos: Repositories,
    member: MemberDocument,
    draft: check.CheckInDraft,
    note: str | None,
    *,
    digest: str,
    now: datetime,
) -> CheckInDocument:
    if issues := check.draft_issues(draft, note, now=now):
        raise CheckInError.from_issues(issues)
    recorded_at = check.recorded_time(draft.recorded_at, now)
    groups = await _member_groups(repos, member.id)
    if draft.group_id is not None:
        _refuse_group(groups.get(draft.group_id), draft.group_id)
    screened = screen([note])
    return CheckInDocument(
        id=new_id(), member_id=member.id, group_id=draft.group_id, mood=draft.mood, energy=draft.energy, note=note,
        tags=tuple(draft.tags), visibility=draft.visibility, recorded_at=recorded_at,
        local_day=local_date(recorded_at, member.timezone), created_at=now, risk_level=screened.level,
        note_held=policies.note_held(screened.level, screened.has_method),
        answers=policies.answered(groups.values(), recorded_at), idempotency_key=draft.idempotency_key,
        request_hash=digest,
    )  # fmt: skip


async def _member_groups(repos: Repositories, member_id: str) -> dict[str, GroupDocument]:
    """The groups the member is active in, by id: two queries however many."""
    memberships = await repos.memberships.active_for_member(member_id, limit=MEMBER_GROUPS_MAX)
    if not memberships:
        return {}
    return {group.id: group for group in await repos.groups.get_many([m.group_id for m in memberships])}


def _refuse_group(group: GroupDocument | None, group_id: str) -> None:
    """Only an active member checks in to a group; any other group looks like no group at all."""
    if group is None:
        raise HiddenError(group_id)
    if group.archived:
        raise CheckInError(CheckInErrorCode.GROUP_ARCHIVED, "This group has been archived: check in privately.")


def _same_request(stored: CheckInDocument, digest: str) -> CheckInDocument:
    if stored.request_hash != digest:
        message = "This key was used for another check-in: send a new key with each check-in."
        raise CheckInError(CheckInErrorCode.IDEMPOTENCY_KEY_REUSED, message)
    return stored


async def _finish(
    repos: Repositories,
    directory: SupportDirectory,
    member: MemberDocument,
    check_in: CheckInDocument,
    *,
    now: datetime,
) -> Submitted:
    """Screen and signpost (raising the safeguarding alert first, once per check-in), count it
    for its groups (ending a quiet spell there), and look at the member's recent moods. All are
    idempotent, so a retry after a crash completes what was left.
    """
    source = SignpostSource(kind=AlertSourceKind.CHECK_IN, id=check_in.id, group_id=check_in.group_id)
    signposting = await signpost(
        repos=repos, directory=directory, member=member, source=source, texts=[check_in.note], now=now,
        mood=check_in.mood,
    )  # fmt: skip
    if groups := policies.counts_for(check_in.group_id, check_in.answers):
        await end_quiet_spells(repos=repos, member_id=member.id, group_ids=groups, now=now)
        at = check_in.recorded_at
        await repos.memberships.record_check_in(member.id, groups, at=at, evaluate_at=next_look(at))
    await notice_mood(repos=repos, member=member, now=now)
    return Submitted(check_in=check_in, signposting=signposting)
