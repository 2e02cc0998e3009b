"""The member's quick answers to a follow-up: how they are (the check-in mood scale) and
whether they managed to reach someone. Kept with the follow-up as a private check-in;
a low answer brings their support resources again, in the same response.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.crisis.directory import SupportDirectory
from domain.crisis.errors import CrisisError, CrisisErrorCode
from domain.crisis.policies import LOWEST_MOOD
from domain.crisis.profiles import SupportProfile
from domain.crisis.screening import screen
from domain.crisis.service import Signposting, support_for
from domain.errors import FieldIssue
from infra.mongo.repositories.registry import Repositories
from schemas.documents.follow_ups import FollowUpAnswer, FollowUpDocument, FollowUpStatus
from schemas.documents.members import MemberDocument

LOW_MOOD = 2  # at or below: show the member's support resources with the answer
MOOD_MIN, MOOD_MAX = 1, 5


@dataclass(frozen=True)
class FollowUpAnswered:
    follow_up: FollowUpDocument
    signposting: Signposting


async def answer_follow_up(
    *,
    repos: Repositories,
    directory: SupportDirectory,
    member: MemberDocument,
    follow_up_id: str,
    mood: int,
    reached_someone: bool,
    now: datetime,
) -> FollowUpAnswered:
    """Keep the answers to a question the member was asked; once only. Another member's
    follow-up, or one not asked yet, is NOT_FOUND like a made-up id.
    """
    if not MOOD_MIN <= mood <= MOOD_MAX:
        message = f"Choose {MOOD_MIN} (very low) to {MOOD_MAX} (very good)."
        raise CrisisError.from_issues([FieldIssue("mood", CrisisErrorCode.MOOD_RANGE, message)])
    found = await repos.follow_ups.get_for_member(follow_up_id, member.id)
    if found is None or found.status in (FollowUpStatus.SCHEDULED, FollowUpStatus.SKIPPED):
        raise CrisisError(CrisisErrorCode.NOT_FOUND, "There is no such question for you.")
    answer = FollowUpAnswer(mood=mood, reached_someone=reached_someone, answered_at=now)
    # One winner on MongoDB (a conditional update on one document); FerretDB applies it in two
    # steps (pitfall F10), where two taps at the same instant could both land: the answers are the member's own.
    answered = await repos.follow_ups.record_answer(found.id, member.id, answer)
    if answered is None:
        raise CrisisError(CrisisErrorCode.ALREADY_ANSWERED, "You've already answered: thank you.")
    return FollowUpAnswered(follow_up=answered, signposting=_support(directory, member, mood, now))


def _support(directory: SupportDirectory, member: MemberDocument, mood: int, now: datetime) -> Signposting:
    """The low-mood words and the member's resources for a low answer (2 or below); nothing for others."""
    as_mood = LOWEST_MOOD if mood <= LOW_MOOD else None
    profile = SupportProfile.of(member)
    return support_for(directory=directory, profile=profile, result=screen([]), now=now, mood=as_mood)
