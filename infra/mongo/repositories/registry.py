"""All repositories over one database, built once per process and shared."""

from __future__ import annotations

from dataclasses import dataclass

from infra.mongo.client import Database
from infra.mongo.repositories.devices import DevicesRepository
from infra.mongo.repositories.members import MembersRepository
from infra.mongo.repositories.notifications import NotificationsRepository
from infra.mongo.repositories.push_budgets import PushBudgetsRepository
from infra.mongo.repositories.push_claims import PushClaimsRepository
from infra.mongo.repositories.worker_heartbeats import WorkerHeartbeatsRepository


@dataclass(frozen=True)
class Repositories:
    members: MembersRepository
    notifications: NotificationsRepository
    worker_heartbeats: WorkerHeartbeatsRepository
    devices: DevicesRepository
    push_budgets: PushBudgetsRepository
    push_claims: PushClaimsRepository

    @classmethod
    def over(cls, db: Database) -> Repositories:
        return cls(
            members=MembersRepository(db),
            notifications=NotificationsRepository(db),
            worker_heartbeats=WorkerHeartbeatsRepository(db),
            devices=DevicesRepository(db),
            push_budgets=PushBudgetsRepository(db),
            push_claims=PushClaimsRepository(db),
        )
