"""`console_actions`: an append-only audit of what staff and leads did in the staff console.

One entry per action tried (a POST to /console): who (the member behind the session and their
staff claims), what (the action and its target's kind and id), when, and how it ended (`done` or
the refusal's code). The words of a note or a justification are never copied here; the change
itself records them where the GraphQL mutation would (an alert's resolution, the break-glass audit).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from schemas.documents.base import Document

DONE = "done"


class ConsoleActionDocument(Document):
    id: str = Field(alias="_id")
    actor_member_id: str
    actor_scopes: list[str] = Field(description="The actor's staff claims at the time ('admin', 'safeguarding').")
    action: str = Field(description="The console action, such as 'alert_acknowledge'.")
    target_kind: str
    target_id: str
    group_id: str | None = Field(default=None, description="The group it was in, where there is one.")
    outcome: str = Field(description="'done', or the code of the refusal.")
    at: datetime
