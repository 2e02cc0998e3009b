"""Running a console action: one domain use case, its refusals as pages, and an audit entry either way.

The action's refusals are the use case's own (the same the GraphQL mutation maps to its typed
error); a hidden object is 404 and an action not permitted is 403, as in GraphQL.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from fastapi import Request
from starlette.responses import RedirectResponse

from api.console.access import ConsoleViewer, runtime_of
from api.console.errors import NotForYouError, NotFoundPageError
from domain.audit import Target, record_action
from domain.errors import DomainError, HiddenError, NotPermittedError
from schemas.documents.console_actions import DONE

T = TypeVar("T")


class RefusedError(Exception):
    """The use case said no for a reason the person can act on (its error code)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


async def perform(
    request: Request, viewer: ConsoleViewer, *, action: str, target: Target, call: Callable[[], Awaitable[T]]
) -> T:
    """Run `call` and record the attempt; a refusal raises RefusedError, NotFoundPageError or NotForYouError."""
    outcome = DONE
    try:
        return await call()
    except HiddenError:
        outcome = "not_found"
        raise NotFoundPageError from None
    except NotPermittedError as error:
        outcome = "not_permitted"
        raise NotForYouError(str(error)) from None
    except DomainError as error:
        outcome = error.code.value
        raise RefusedError(outcome) from None
    except Exception:
        outcome = "failed"
        raise
    finally:
        runtime = runtime_of(request)
        await record_action(
            repos=runtime.repos, actor=viewer.actor, action=action, target=target, outcome=outcome,
            now=runtime.clock.now(),
        )  # fmt: skip


def back_to(path: str, notice: str) -> RedirectResponse:
    """After a POST, the screen again (303: a reload does not repeat the action), with what happened."""
    joiner = "&" if "?" in path else "?"
    return RedirectResponse(f"{path}{joiner}notice={notice}", status_code=303)


async def act(
    request: Request, viewer: ConsoleViewer, *, action: str, target: Target, call: Callable[[], Awaitable[object]],
    back: str,
) -> RedirectResponse:  # fmt: skip
    """`perform`, then back to the screen saying it was done, or why not."""
    try:
        await perform(request, viewer, action=action, target=target, call=call)
    except RefusedError as refused:
        return back_to(back, refused.code)
    return back_to(back, action)
