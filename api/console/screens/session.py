"""Signing in and out: the page signs in with Firebase, then trades the ID token for a session cookie."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from starlette.responses import JSONResponse, RedirectResponse, Response

from api.console.access import SESSION_COOKIE, Member, runtime_of
from api.console.csrf import csrf_checked
from api.console.limits import charge
from api.console.rendering import page
from infra.firebase import TokenCheckUnavailableError, TokenRejectedError
from infra.settings import Settings

router = APIRouter()

_REASONS = {
    "missing": None,
    "expired": "Your session has ended. Sign in again.",
    "revoked": "This session has been ended. Sign in again.",
    "invalid": "Your session could not be checked. Sign in again.",
    "disabled": "This account is disabled.",
    "unavailable": "Sign-in could not be checked just now. Try again shortly.",
}


def auth_base_url(settings: Settings) -> str:
    """Where the page sends the email and password: the Auth emulator locally, Google in production."""
    host = settings.firebase.auth_emulator_host
    return f"http://{host}/identitytoolkit.googleapis.com" if host else "https://identitytoolkit.googleapis.com"


@router.get("/sign-in")
async def sign_in_page(request: Request) -> Response:
    runtime = runtime_of(request)
    await charge(request, runtime, None)
    settings = runtime.settings
    reason = _REASONS.get(request.query_params.get("reason", "missing"))
    return page(
        request, "sign_in.html", viewer=None, title="Sign in", reason=reason,
        auth_url=auth_base_url(settings), api_key=settings.console.firebase_web_api_key,
    )  # fmt: skip


class SessionStart(BaseModel):
    id_token: str = Field(alias="idToken", min_length=1, max_length=8_192)


@router.post("/session", dependencies=[Depends(csrf_checked)])
async def session_start(request: Request, body: SessionStart) -> Response:
    """A fresh Firebase ID token in, a session cookie out (HttpOnly, SameSite=Strict, Secure in production)."""
    runtime = runtime_of(request)
    await charge(request, runtime, None)  # before Firebase is asked anything
    console = runtime.settings.console
    lifetime = console.session_hours * 3600
    try:
        cookie = await runtime.sessions.create(
            body.id_token, lifetime_seconds=lifetime, max_sign_in_age_seconds=console.sign_in_max_age_seconds
        )
    except TokenRejectedError as error:
        return JSONResponse({"error": error.reason}, status_code=401)
    except TokenCheckUnavailableError:
        return JSONResponse({"error": "unavailable"}, status_code=503)
    response = Response(status_code=204)
    response.set_cookie(
        SESSION_COOKIE, cookie, max_age=lifetime, path="/console", httponly=True,
        secure=runtime.settings.is_production, samesite="strict",
    )  # fmt: skip
    return response


@router.post("/sign-out", dependencies=[Depends(csrf_checked)])
async def sign_out(request: Request, viewer: Member) -> Response:
    """End the console session in this browser (the phone's sign-in is untouched)."""
    response = RedirectResponse("/console/sign-in?notice=signed_out", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/console", httponly=True, samesite="strict")
    return response
