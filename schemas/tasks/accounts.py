"""Task names and payloads of the accounts concern: exports, the deletion purge, retention."""

from __future__ import annotations

from pydantic import BaseModel

BUILD_EXPORT = "accounts.build_export"
TICK = "accounts.tick"  # beat, every tick: exports left behind, and accounts whose grace period is over
RETENTION = "accounts.retention"  # beat, daily: delete what has been kept long enough


class BuildExport(BaseModel):
    export_id: str
