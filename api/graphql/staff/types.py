"""GraphQL types for staff: alerts about groups that need someone to look at them."""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry

from api.graphql.core.context import Info
from schemas.documents.staff_alerts import StaffAlertDocument, StaffAlertKind, StaffAlertStatus

strawberry.enum(
    StaffAlertKind,
    description="What a staff alert is about. NO_ACTIVE_LEAD: no leader acted in 14 days. MEMBER_WAITING: a member "
    "has waited 72 hours for a reply from their group's leads (the thread is open to safeguarding staff).",
)
strawberry.enum(StaffAlertStatus, description="OPEN until what raised it is over (it then resolves by itself).")


async def resolve_group_name(root: StaffAlert, info: Info) -> str | None:
    group = await info.context.loaders.group_by_id.load(root.group_id)
    return group.name if group else None


@strawberry.type(description="Something about a group for staff to look at, such as no active lead. Staff only.")
class StaffAlert:
    id: strawberry.ID = strawberry.field(description="Opaque id of the alert.")
    kind: StaffAlertKind = strawberry.field(description="What it is about.")
    status: StaffAlertStatus = strawberry.field(description="Open, or resolved by itself.")
    group_id: strawberry.ID = strawberry.field(description="The group it is about.")
    thread_id: strawberry.ID | None = strawberry.field(
        description="The conversation a member waits in, for MEMBER_WAITING; null otherwise."
    )
    group_name: str | None = strawberry.field(
        resolver=resolve_group_name, description="The group's name now; null if the group no longer exists."
    )
    last_leader_activity_at: datetime | None = strawberry.field(
        description="When a lead or co-lead last acted in the group, when the alert was raised."
    )
    created_at: datetime = strawberry.field(description="When it was raised.")
    resolved_at: datetime | None = strawberry.field(description="When it resolved; null while open.")

    @classmethod
    def from_document(cls, alert: StaffAlertDocument) -> Self:
        return cls(
            id=strawberry.ID(alert.id),
            kind=alert.kind,
            status=alert.status,
            group_id=strawberry.ID(alert.group_id),
            thread_id=strawberry.ID(alert.thread_id) if alert.thread_id else None,
            last_leader_activity_at=alert.last_leader_activity_at,
            created_at=alert.created_at,
            resolved_at=alert.resolved_at,
        )
