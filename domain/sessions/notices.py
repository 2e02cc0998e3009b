"""What a session's people are told: cancelled, moved, a place came up. Each is one
notification per member through the outbox, all written in one insert, keyed so a retried
action tells no one twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from domain.notifications import notify_each
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
    recipients = {member_id: f"{kind.value}:{session.id}:{key}:{member_id}" for member_id in sorted(set(member_ids))}
    await notify_each(
        repos=repos, queue=queue, recipients=recipients, kind=kind, params=session_params(session), now=now
    )
