"""The main screens and mutations the benchmarks measure, as the app sends them:
a trusted document by id, with variables for one generated member.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from api.graphql.execution.trusted_documents import read_manifest
from benchmarks.writer import Generated, Person

Variables = Callable[[Generated, Person], dict[str, Any]]


@dataclass(frozen=True)
class Screen:
    """One operation of the app, the variables it sends, and whether it writes."""

    name: str
    operation: str
    variables: Variables
    writes: bool = False
    lead_only: bool = False
    member_facing: bool = True  # issue 20's targets: every screen a member opens, loaded over HTTP
    feed_group: bool = False  # about the feed group's share or session: only its members may open it

    def body(self, person: Person, generated: Generated, documents: dict[str, str]) -> dict[str, Any]:
        """The POST body: the document's id (Apollo's persisted query) and its variables."""
        return {
            "extensions": {"persistedQuery": {"version": 1, "sha256Hash": documents[self.operation]}},
            "variables": self.variables(generated, person),
        }


def _check_in(_: Generated, person: Person) -> dict[str, Any]:
    return {
        "input": {
            "mood": 3,
            "note": "A quiet evening.",
            "tags": ["SLEEP"],
            "groupId": person.group_id,
            "visibility": "GROUP",
            "idempotencyKey": str(uuid.uuid4()),
        }
    }


def _share(_: Generated, person: Person) -> dict[str, Any]:
    return {"input": {"groupId": person.group_id, "body": "Finding it hard to get going today.", "anonymous": True}}


CRISIS = {"nation": "ENGLAND", "age": 30, "language": "EN"}

SCREENS: tuple[Screen, ...] = (
    Screen("supportResources (the crisis screen; from memory)", "SupportResources", lambda _g, _p: CRISIS),
    Screen("home (me, my groups, next check-ins, unread count)", "Home", lambda _g, _p: {}),
    Screen("groupFeed, first page of 20", "GroupFeed", lambda _g, p: {"groupId": p.group_id, "first": 20}),
    Screen("share with its responses", "ShareScreen", lambda g, _p: {"id": g.busy_share_id}, feed_group=True),
    Screen("myCheckIns, first page of 20", "MyCheckIns", lambda _g, _p: {"first": 20}),
    Screen("myLeadership", "MyLeadership", lambda _g, _p: {"first": 20}, lead_only=True),
    Screen("checkInSubmit", "CheckInSubmit", _check_in, writes=True),
    Screen("shareCreate (anonymous)", "ShareCreate", _share, writes=True),
    Screen("sessions list (a group's coming sessions)", "GroupSessions",
           lambda _g, p: {"groupId": p.group_id, "first": 20}, member_facing=False),
    Screen("session detail (counts, who is going)", "Session", lambda g, _p: {"id": g.session_id},
           member_facing=False, feed_group=True),
    Screen("attendance (a held session's register)", "SessionAttendance", lambda g, _p: {"id": g.held_session_id},
           lead_only=True, member_facing=False, feed_group=True),
)  # fmt: skip


def document_ids() -> dict[str, str]:
    """Each trusted operation's id by name."""
    return {operation["name"]: operation["id"] for operation in read_manifest()["operations"]}


def screen(operation: str) -> Screen:
    return next(each for each in SCREENS if each.operation == operation)
