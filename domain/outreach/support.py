"""`supportRequest` opens the conversation: the member's thread with their group's leadership,
with their own words in it if they add any (screened like every message), and the leads told
"would welcome a message" with the thread to answer in. The thread waits for a reply from
then, words or none, so the 48- and 72-hour follow-through applies to it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.noticing import support_place, tell_leads_support_requested
from domain.outreach.messaging import Draft, Posted, ThreadServices, post, start_waiting
from domain.outreach.policies import Participant
from domain.outreach.reading import ThreadView
from domain.outreach.starting import new_group_thread, open_thread
from domain.outreach.validation import checked_body, checked_key
from schemas.documents.threads import ThreadSide


@dataclass(frozen=True)
class SupportAsked:
    leaders_told: int
    view: ThreadView
    posted: Posted | None  # the member's words, when they wrote some


async def ask_for_support(
    *, services: ThreadServices, participant: Participant, group_id: str, words: str | None, client_key: str | None,
    now: datetime,
) -> SupportAsked:  # fmt: skip
    """Open (or reuse) the member's thread with the group's leadership, add their words, tell the leads."""
    repos, member = services.repos, participant.member
    place = await support_place(repos=repos, member=member, group_id=group_id, now=now)
    if words is not None:  # checked before anything is written
        checked_key(client_key or "")
        checked_body(words)
    thread, _ = await open_thread(repos, new_group_thread(
        place.group, member, started_by=ThreadSide.MEMBER, opened_by=member.id, now=now
    ))  # fmt: skip
    posted = None
    if words is not None and client_key is not None:
        draft = Draft(thread, ThreadSide.MEMBER, member, words, client_key, place.group.kind, place.membership, False)
        posted = await post(services, draft, now=now)
    else:
        await start_waiting(repos, thread, at=now)
    told = await tell_leads_support_requested(
        repos=repos, queue=services.queue, member=member, place=place, thread_id=thread.id, now=now
    )
    return SupportAsked(told, ThreadView(thread, ThreadSide.MEMBER), posted)
