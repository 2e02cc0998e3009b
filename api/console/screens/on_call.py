"""On call: an organisation's safeguarding rota, read-only (`?organisation=<id>`; without it, the
viewer's own organisations to choose from). Its admins and safeguarding staff, and the platform's
safeguarding staff, see it; the rules are the domain's (`on_call_rota`).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from api.console.access import Member, runtime_of
from api.console.errors import NotForYouError, NotFoundPageError
from api.console.rendering import page
from domain.errors import HiddenError, NotPermittedError
from domain.organisations import OrgAction, on_call, on_call_rota, staffing_of

router = APIRouter()
SHOWN = timedelta(days=14)  # the rota from a day ago to two weeks ahead

OrganisationParam = Annotated[str | None, Query(max_length=64, description="The organisation's id")]


@router.get("/on-call")
async def on_call_screen(request: Request, viewer: Member, organisation: OrganisationParam = None) -> Response:
    repos = runtime_of(request).repos
    staffing = await staffing_of(repos=repos, member_id=viewer.member.id)
    if organisation is None:
        ids = [org for org in staffing.organisations if staffing.may(org, OrgAction.VIEW_ON_CALL)]
        choices = sorted(await repos.organisations.get_many(ids), key=lambda o: o.name.casefold())
        return page(request, "on_call.html", viewer=viewer, title="On call", organisation=None, choices=choices)
    try:
        found, shifts = await on_call_rota(
            repos=repos, staffing=staffing, organisation_id=organisation, start=viewer.now - timedelta(days=1),
            end=viewer.now + SHOWN, platform_safeguarding=viewer.is_safeguarding,
        )  # fmt: skip
    except HiddenError:
        raise NotFoundPageError() from None
    except NotPermittedError:
        raise NotForYouError("The rota is for the organisation's admins and safeguarding staff.") from None
    duty = [person.member_id for person in await on_call(repos=repos, organisation_id=found.id, at=viewer.now)]
    names = {m.id: m.display_name for m in await repos.members.get_many([s.member_id for s in shifts])}
    return page(
        request, "on_call.html", viewer=viewer, title="On call", organisation=found, shifts=shifts, names=names,
        duty=duty, choices=[],
    )  # fmt: skip
