"""System: the workers' heartbeat.

Other contexts, the API and the workers import these from here, never from the modules
(tests may reach into a module they test)."""

from __future__ import annotations

from domain.system.service import record_tick, worker_health

__all__ = ["record_tick", "worker_health"]
