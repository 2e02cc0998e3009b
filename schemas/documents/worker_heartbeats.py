"""`worker_heartbeats`: the last run of each periodic task, for /readyz."""

from __future__ import annotations

from pydantic import AwareDatetime, Field

from schemas.documents.base import Document


class WorkerHeartbeatDocument(Document):
    id: str = Field(alias="_id", description="The periodic task's name.")
    last_run_at: AwareDatetime
    hostname: str
    runs: int = 0
