"""Leads: what waits across the groups they lead or co-lead (one batched summary), and for one group
at a time (`?group=`, the first by default) the join requests, the quiet members who let their
leads know (consent; never anything about moods) and the conversations waiting for a reply.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from starlette.responses import Response

from api.console.access import ConsoleViewer, Member, runtime_of
from api.console.actions import act
from api.console.csrf import csrf_checked
from api.console.errors import NotForYouError, NotFoundPageError
from api.console.rendering import page
from domain.audit import Target
from domain.groups import Decision, LeadershipEntry, decide_request, my_leadership, pending_join_requests
from domain.noticing import quiet_members
from domain.outreach import Participant, group_threads

router = APIRouter()
SCREEN = "/console/lead"
GROUPS_SHOWN = 100
ITEMS_SHOWN = 50
GroupParam = Annotated[str | None, Query(max_length=64, description="One of the viewer's groups")]


async def leadership(request: Request, viewer: ConsoleViewer) -> list[LeadershipEntry]:
    """The live groups the viewer leads, with what waits in each (batched); none: not a lead here (403)."""
    runtime = runtime_of(request)
    found = await my_leadership(repos=runtime.repos, viewer=viewer.group_viewer, after=None, first=GROUPS_SHOWN,
                                now=viewer.now)  # fmt: skip
    entries = [entry for entry in found.groups.items if not entry.view.group.archived]
    if not entries:
        raise NotForYouError("This is for group leads and co-leads: you lead no group.")
    return entries


def chosen(entries: list[LeadershipEntry], group_id: str | None) -> LeadershipEntry:
    """The group asked for (one of theirs, else 404 as for any other), or the first."""
    if group_id is None:
        return entries[0]
    entry = next((entry for entry in entries if entry.view.group.id == group_id), None)
    if entry is None:
        raise NotFoundPageError
    return entry


@router.get("/lead")
async def lead_screen(request: Request, viewer: Member, group: GroupParam = None) -> Response:
    repos = runtime_of(request).repos
    entries = await leadership(request, viewer)
    entry = chosen(entries, group)
    group_id, as_lead = entry.view.group.id, viewer.group_viewer
    requests = await pending_join_requests(repos=repos, viewer=as_lead, group_id=group_id, after=None,
                                           first=ITEMS_SHOWN)  # fmt: skip
    quiet = await quiet_members(repos=repos, viewer=as_lead, group_id=group_id, after=None, first=ITEMS_SHOWN)
    who = Participant.of(viewer.member, viewer.identity, now=viewer.now)
    waiting = await group_threads(repos=repos, participant=who, group_id=group_id, waiting_only=True, after=None,
                                  first=ITEMS_SHOWN)  # fmt: skip
    people = {*(r.member_id for r in requests.items), *(q.membership.member_id for q in quiet.items),
              *(t.thread.member_id for t in waiting.items)}  # fmt: skip
    names = {m.id: m.display_name for m in await repos.members.get_many(list(people))}
    return page(
        request, "lead.html", viewer=viewer, title="Your groups", entries=entries, entry=entry,
        requests=requests.items, quiet=quiet.items, waiting=waiting.items, names=names,
    )  # fmt: skip


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
