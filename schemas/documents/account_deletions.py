"""`account_deletions`: a member's request to be deleted, and the purge's progress.

`_id` is the member's id, so a member has at most one (a second request is the
same request). During the grace period the member is hidden and may restore
their account; once `purge_after` passes, the purge worker runs the steps in
order, recording each one done in `steps_done`, so a run killed mid-way picks
up where it stopped. The record is the purge's last step to go: afterwards
nothing links `tombstone_id` back to the member.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from schemas.documents.base import Document, new_id

PLACEHOLDER_NAME = "Former member"


def new_tombstone_id() -> str:
    """Random, so the logs' stand-in cannot be derived from the member id."""
    return f"tombstone-{new_id()}"


class AccountDeletionDocument(Document):
    id: str = Field(alias="_id", description="The member's id.")
    firebase_uid: str
    tombstone_id: str = Field(description="Replaces the member id in moderation and safeguarding logs.")
    display_name: str = Field(description="The real name, put back if the member restores the account.")
    requested_at: datetime
    purge_after: datetime = Field(description="requested_at + the grace period: the purge worker's index.")
    purge_started_at: datetime | None = Field(default=None, description="Set once: restoring is too late after.")
    steps_done: tuple[str, ...] = ()
    remove_anonymous: bool = Field(
        default=False,
        description="The member asked for their anonymous posts to go too (each at its own moment after the purge); "
        "otherwise they stay, linked to no one.",
    )
