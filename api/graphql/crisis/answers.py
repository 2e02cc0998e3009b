"""Answering what a member writes in a hard moment: screened first, then written.

A check-in, share, response (and every later text a member writes) is screened before
anything is stored, in process; its helplines come from memory. The write then gets
`CRISIS_WRITE_DEADLINE_SECONDS`: when the store is slow or down, the member is told
NOT_SAVED_YET, with the same helplines, well before the execution timeout would mask
everything, and the write carries on in the background ("saved later"). A refusal
(a note too long, a group archived) carries them too: any answer to words that call
for support shows support (CRISIS-3).

    answer = CrisisAnswer.screen(info.context, texts=[data.note], mood=data.mood)
    try:
        done = await answer.write(lambda: service.submit(...))
    except (NotSavedYetError, RefusalError, XDomainError) as error:
        return answer.error(XError, XErrorCode, error)
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

from pymongo.errors import PyMongoError

from api.graphql.core.context import Context
from api.graphql.core.errors import RefusalError, error_fields
from api.graphql.crisis.types import Signposting
from domain.crisis import ScreenResult, screen, support_for
from domain.errors import DomainError
from infra.mongo.client import unreachable

logger = logging.getLogger("api.graphql.crisis")

T = TypeVar("T")
E = TypeVar("E", bound=Enum)
R = TypeVar("R")

NOT_SAVED_YET_MESSAGE = (
    "We couldn't finish saving this just now. It may still appear in a moment; if it doesn't, send it again."
)


class NotSavedYetError(Exception):
    """The write did not finish within its deadline, or the store could not be reached."""


@dataclass(frozen=True)
class CrisisAnswer:
    """One mutation's screen of what the member wrote, made before any write."""

    context: Context
    result: ScreenResult
    mood: int | None
    group_id: str | None = None  # the group written in, when the input names it: its host's local services

    @classmethod
    def screen(
        cls, context: Context, *, texts: Sequence[str | None], mood: int | None = None, group_id: str | None = None
    ) -> CrisisAnswer:
        return cls(context, screen(texts), mood, group_id)

    async def write(self, work: Callable[[], Awaitable[T]]) -> T:
        """`work`'s result, or NotSavedYetError once the deadline passes (the work carrying
        on in the background) or when the store cannot be reached.
        """
        runtime = self.context.runtime
        task = runtime.keep(work())
        deadline = asyncio.timeout(runtime.settings.crisis.write_deadline_seconds)
        try:
            async with deadline:
                return await asyncio.shield(task)
        except TimeoutError:
            if not deadline.expired():
                raise
            task.add_done_callback(_log_late_failure)
            logger.warning("a write outlived its deadline; answered NOT_SAVED_YET")
        except PyMongoError as error:
            if not unreachable(error):
                raise
            logger.warning("the store is unreachable (%s); answered NOT_SAVED_YET", type(error).__name__)
        raise NotSavedYetError

    def signposting(self) -> Signposting | None:
        """The support the words (and mood) call for, for the member as well as they are known."""
        context = self.context
        found = support_for(
            directory=context.runtime.support,
            profile=context.support_profile(),
            result=self.result,
            now=context.clock.now(),
            mood=self.mood,
            group_id=self.group_id,
        )
        return Signposting.from_result(found)

    def error(self, error_type: Callable[..., R], codes: type[E], error: Exception) -> R:
        """The mutation's typed error for a domain error, a refusal or NOT_SAVED_YET, carrying
        the support the words call for (any answer to them does).
        """
        if isinstance(error, DomainError):
            fields = error_fields(error, codes)
        elif isinstance(error, RefusalError):
            fields = {"code": codes(error.refusal.value), "message": error.message, "field_errors": []}
        elif isinstance(error, NotSavedYetError):
            fields = {"code": codes["NOT_SAVED_YET"], "message": NOT_SAVED_YET_MESSAGE, "field_errors": []}
        else:
            raise TypeError(f"not an answerable error: {type(error).__name__}")
        return error_type(**fields, signposting=self.signposting())


def _log_late_failure(task: asyncio.Task[Any]) -> None:
    if not task.cancelled() and (error := task.exception()) is not None:
        logger.error("a write answered NOT_SAVED_YET failed later", exc_info=error)
