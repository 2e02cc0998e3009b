"""Recording a console action (after the domain call it records, whatever its outcome) and reading the log.

Each console action calls the same use case a GraphQL mutation calls, which records who and when
on what it changed; this log adds the attempt itself, refusals included, in one place staff can read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import NotPermittedError
from domain.identity import Identity
from infra.mongo.repositories.registry import Repositories
from schemas.documents.base import new_id
from schemas.documents.console_actions import ConsoleActionDocument
from schemas.pagination import Keyset, Page


@dataclass(frozen=True)
class Actor:
    member_id: str
    identity: Identity


@dataclass(frozen=True)
class Target:
    kind: str
    id: str
    group_id: str | None = None


async def record_action(
    *, repos: Repositories, actor: Actor, action: str, target: Target, outcome: str, now: datetime
) -> ConsoleActionDocument:
    """Append one entry: who, what, on what, when, and how it ended."""
    entry = ConsoleActionDocument(
        id=new_id(), actor_member_id=actor.member_id, actor_scopes=sorted(actor.identity.scopes), action=action,
        target_kind=target.kind, target_id=target.id, group_id=target.group_id, outcome=outcome, at=now,
    )  # fmt: skip
    await repos.console_actions.append(entry)
    return entry


async def audit_page(
    *, repos: Repositories, reader: Identity, after: Keyset | None, first: int
) -> Page[ConsoleActionDocument]:
    """The console's audit, newest first: staff only."""
    if not reader.is_staff:
        raise NotPermittedError("This is for staff only.")
    return await repos.console_actions.page(after=after, first=first)
