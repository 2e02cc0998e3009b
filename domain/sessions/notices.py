"""What a session's people are told: cancelled, moved, a place came up. Each is one
notification per member through the outbox, keyed so a retried action tells no one twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from domain.notifications import notify
from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from schemas.documents.notifications import NotificationKind
from schemas.documents.sessions import SessionDocument


def session_params(session: SessionDocument) -> dict[str, str]:
    return {"groupId": session.group_id, "sessionId": session.id}


async def tell(
    *,
    repos: Repositories,
    queue: TaskQueue,
    session: SessionDocument,
    member_ids: Iterable[str],
    kind: NotificationKind,
    key: str,
    now: datetime,
) -> None:
    """One notification of `kind` to each member; `key` tells this event from another of the same kind."""
    for member_id in sorted(set(member_ids)):
        await notify(
            repos=repos, queue=queue, member_id=member_id, kind=kind, params=session_params(session),
            dedupe_key=f"{kind.value}:{session.id}:{key}:{member_id}", now=now,
        )  # fmt: skip
