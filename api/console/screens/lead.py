"""Leads: for each group they lead or co-lead, the join requests, the quiet members who let their
leads know (consent; never anything about moods) and the conversations waiting for a reply.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import Response

from api.console.access import ConsoleViewer, Member, runtime_of
from api.console.actions import act
from api.console.csrf import csrf_checked
from api.console.errors import NotForYouError
from api.console.rendering import page
from domain.audit import Target
from domain.groups import Decision, LeadershipEntry, decide_request, my_leadership, pending_join_requests
from domain.noticing import QuietMember, quiet_members
from domain.outreach import Participant, ThreadView, group_threads
from schemas.documents.join_requests import JoinRequestDocument

router = APIRouter()
SCREEN = "/console/lead"
GROUPS_SHOWN = 20
ITEMS_SHOWN = 50


@dataclass(frozen=True)
class GroupWork:
    entry: LeadershipEntry
    requests: list[JoinRequestDocument]
    quiet: list[QuietMember]
    waiting: list[ThreadView]


async def leadership(request: Request, viewer: ConsoleViewer) -> list[LeadershipEntry]:
    """The groups the viewer leads; someone who leads none is not a lead here (403)."""
    runtime = runtime_of(request)
    found = await my_leadership(repos=runtime.repos, viewer=viewer.group_viewer, after=None, first=GROUPS_SHOWN,
                                now=viewer.now)  # fmt: skip
    if not found.groups.items:
        raise NotForYouError("This is for group leads and co-leads: you lead no group.")
    return [entry for entry in found.groups.items if not entry.view.group.archived]


@router.get("/lead")
async def lead_screen(request: Request, viewer: Member) -> Response:
    repos = runtime_of(request).repos
    who = Participant.of(viewer.member, viewer.identity, now=viewer.now)
    work = []
    for entry in await leadership(request, viewer):
        group_id = entry.view.group.id
        requests = await pending_join_requests(repos=repos, viewer=viewer.group_viewer, group_id=group_id,
                                               after=None, first=ITEMS_SHOWN)  # fmt: skip
        quiet = await quiet_members(repos=repos, viewer=viewer.group_viewer, group_id=group_id, after=None,
                                    first=ITEMS_SHOWN)  # fmt: skip
        waiting = await group_threads(repos=repos, participant=who, group_id=group_id, waiting_only=True,
                                      after=None, first=ITEMS_SHOWN)  # fmt: skip
        work.append(GroupWork(entry, requests.items, quiet.items, waiting.items))
    people = {
        *(r.member_id for w in work for r in w.requests),
        *(q.membership.member_id for w in work for q in w.quiet),
        *(t.thread.member_id for w in work for t in w.waiting),
    }
    names = {m.id: m.display_name for m in await repos.members.get_many(list(people))}
    return page(request, "lead.html", viewer=viewer, title="Your groups", work=work, names=names)


@router.post("/lead/join-requests/{request_id}/decide", dependencies=[Depends(csrf_checked)])
async def join_request_decide(
    request: Request, viewer: Member, request_id: str, decision: Annotated[Decision, Form()]
) -> Response:
    runtime = runtime_of(request)
    now = runtime.clock.now()
    return await act(
        request, viewer, action="join_request_decide", target=Target("join_request", request_id), back=SCREEN,
        call=lambda: decide_request(repos=runtime.repos, queue=runtime.queue, viewer=viewer.group_viewer,
                                    request_id=request_id, decision=decision, now=now),
    )  # fmt: skip
