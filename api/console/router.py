"""The staff console, mounted at /console: its screens, static files, headers and refusal pages."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.staticfiles import StaticFiles
from starlette.responses import RedirectResponse, Response

from api.console.access import SESSION_COOKIE
from api.console.errors import (
    CsrfRefusedError,
    NotForYouError,
    NotFoundPageError,
    RateLimitedPageError,
    SignInNeededError,
)
from api.console.headers import PREFIX, ConsoleHeaders
from api.console.rendering import HERE, page
from api.console.screens import SCREENS
from api.console.screens.session import auth_base_url
from domain.errors import HiddenError, NotPermittedError
from infra.settings import Settings


def build_console_router() -> APIRouter:
    router = APIRouter(prefix=PREFIX)
    for screen in SCREENS:
        router.include_router(screen)
    return router


def install_console(app: FastAPI, settings: Settings) -> None:
    """Mount the console on the API's app: its routes, /console/static, its headers and refusal pages."""
    host = settings.firebase.auth_emulator_host
    auth_origin = f"http://{host}" if host else "https://identitytoolkit.googleapis.com"
    assert auth_base_url(settings).startswith(auth_origin)  # noqa: S101 - one place decides both
    app.add_middleware(ConsoleHeaders, secure=settings.is_production, auth_origin=auth_origin)
    app.include_router(build_console_router())
    app.mount(f"{PREFIX}/static", StaticFiles(directory=HERE / "static"), name="console-static")
    app.add_exception_handler(SignInNeededError, _sign_in_needed)
    app.add_exception_handler(NotForYouError, _not_for_you)
    app.add_exception_handler(NotFoundPageError, _not_found)
    app.add_exception_handler(CsrfRefusedError, _csrf_refused)
    app.add_exception_handler(RateLimitedPageError, _rate_limited)
    # A use case's access refusal on a page (GraphQL catches its own before they reach the app).
    app.add_exception_handler(HiddenError, _not_found)
    app.add_exception_handler(NotPermittedError, _not_for_you)


async def _sign_in_needed(request: Request, error: Exception) -> Response:
    reason = error.reason if isinstance(error, SignInNeededError) else "missing"
    response = RedirectResponse(f"{PREFIX}/sign-in?reason={reason}", status_code=303)
    if reason != "missing":
        response.delete_cookie(SESSION_COOKIE, path=PREFIX, httponly=True, samesite="strict")
    return response


async def _not_for_you(request: Request, error: Exception) -> Response:
    return page(request, "refused.html", viewer=None, title="Not for you", status=403, message=str(error))


async def _not_found(request: Request, error: Exception) -> Response:
    message = "There is nothing here, or it is not yours to see."
    return page(request, "refused.html", viewer=None, title="Not found", status=404, message=message)


async def _csrf_refused(request: Request, error: Exception) -> Response:
    message = "This form had expired, so nothing was done. Go back, reload the page and try again."
    return page(request, "refused.html", viewer=None, title="Form expired", status=403, message=message)


async def _rate_limited(request: Request, error: Exception) -> Response:
    wait = error.retry_after_seconds if isinstance(error, RateLimitedPageError) else 60
    message = f"Too many requests. Try again in {wait} s."
    response = page(request, "refused.html", viewer=None, title="Too many requests", status=429, message=message)
    response.headers["retry-after"] = str(wait)
    return response
