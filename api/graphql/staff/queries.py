"""Queries for staff (the `admin` or `safeguarding` claim)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.pagination import Connection, connection, decode_cursor, page_size
from api.graphql.core.permissions import IsStaff
from api.graphql.staff.types import StaffAlert
from domain.groups import staff_alerts
from schemas.documents.staff_alerts import StaffAlertStatus


async def resolve_staff_alerts(
    info: Info,
    status: Annotated[
        StaffAlertStatus, strawberry.argument(description="Which alerts: OPEN (the default) or RESOLVED.")
    ] = StaffAlertStatus.OPEN,
    first: Annotated[int | None, strawberry.argument(description="Page size, 1 to 100 (default 20).")] = None,
    after: Annotated[str | None, strawberry.argument(description="`pageInfo.endCursor` of the previous page.")] = None,
) -> Connection[StaffAlert]:
    context = info.context
    size = page_size(first, limit=context.runtime.settings.graphql.max_page_size)
    page = await staff_alerts(repos=context.repos, status=status, first=size, after=decode_cursor(after))
    return connection(page, node=StaffAlert.from_document, keyset=lambda alert: (alert.created_at, alert.id))


@strawberry.type
class StaffQueries:
    staff_alerts: Connection[StaffAlert] = strawberry.field(
        resolver=resolve_staff_alerts,
        description="Alerts about groups for staff, newest first, such as a group with no active lead. Staff only.",
        permission_classes=[IsStaff],
    )
