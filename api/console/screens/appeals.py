"""Appeals: a group's moderation appeals waiting for a decision (`?group=<id>`), granted or rejected
with a note the member reads, by the same use case as `appealDecide` (`decide_appeal`). The host
organisation's staff decide its groups' appeals, platform staff any group's; without `?group=`,
the screen lists the viewer's organisations' hosted groups to choose from.
"""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import Response

from api.console.access import Member, runtime_of
from api.console.actions import act
from api.console.csrf import csrf_checked
from api.console.errors import NotFoundPageError
from api.console.rendering import page
from api.console.screens.lead import GroupParam
from api.console.screens.moderation import publishing
from domain.audit import Target
from domain.errors import HiddenError
from domain.moderation import appeals_waiting, decide_appeal
from domain.organisations import hosted_groups, staffing_of

router = APIRouter()
SCREEN = "/console/appeals"


def _back(group: str | None) -> str:
    return f"{SCREEN}?{urlencode({'group': group})}" if group else SCREEN


@router.get("/appeals")
async def appeals_screen(request: Request, viewer: Member, group: GroupParam = None) -> Response:
    repos = runtime_of(request).repos
    if group is None:
        staffing = await staffing_of(repos=repos, member_id=viewer.member.id)
        groups = [g for org in staffing.organisations
                  for g in await hosted_groups(repos=repos, staffing=staffing, organisation_id=org)]  # fmt: skip
        return page(request, "appeals.html", viewer=viewer, title="Appeals", group=None, choices=groups, appeals=[])
    try:
        waiting = await appeals_waiting(
            repos=repos, reader=viewer.reader, platform_staff=viewer.is_staff, group_id=group
        )
    except HiddenError:
        raise NotFoundPageError from None  # not theirs to decide: as if it did not exist
    [shown] = await repos.groups.get_many([group])
    return page(request, "appeals.html", viewer=viewer, title="Appeals", group=shown, choices=[], appeals=waiting)


@router.post("/appeals/{notice_id}/decide", dependencies=[Depends(csrf_checked)])
async def appeal_decide(
    request: Request, viewer: Member, *, notice_id: str, appeal: Annotated[Literal["grant", "reject"], Form()],
    note: Annotated[str, Form(max_length=2_000)] = "", group: GroupParam = None,
) -> Response:  # fmt: skip
    now = runtime_of(request).clock.now()
    return await act(
        request, viewer, action="appeal_decide", target=Target("moderation_notice", notice_id), back=_back(group),
        call=lambda: decide_appeal(publishing=publishing(request, viewer), reader=viewer.reader,
                                   platform_staff=viewer.is_staff, notice_id=notice_id, overturn=appeal == "grant",
                                   note=note, now=now),
    )  # fmt: skip
