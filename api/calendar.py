"""The members' calendar feeds: a plain HTTP GET, since calendar apps speak no GraphQL and send no
sign-in. The secret in the address is the only key (stored hashed, revocable); an unknown or
revoked one is a 404 like any missing page.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from api.runtime import ApiRuntime
from domain.sessions import feed_for

router = APIRouter()


@router.get("/calendar/{token}.ics", include_in_schema=False)
async def calendar_feed(token: str, request: Request) -> Response:
    runtime: ApiRuntime = request.app.state.runtime
    body = await feed_for(repos=runtime.repos, token=token, now=runtime.clock.now())
    if body is None:
        return Response(status_code=404, content="Not found.", media_type="text/plain")
    # Private to the member: no shared cache keeps a copy.
    headers = {"Cache-Control": "private, max-age=300", "Content-Disposition": 'inline; filename="sessions.ics"'}
    return Response(content=body, media_type="text/calendar; charset=utf-8", headers=headers)
