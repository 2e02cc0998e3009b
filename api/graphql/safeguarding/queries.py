"""Queries for safeguarding staff: alerts across every group."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import access_denials
from api.graphql.core.pagination import Connection, connection, decode_cursor, page_size
from api.graphql.core.permissions import HandlesAlerts, IsMember
from api.graphql.safeguarding.types import SafeguardingAlert
from api.graphql.shares.access import request_context
from api.graphql.shares.types import After, PageSize
from domain.safeguarding import alert_page
from schemas.documents.safeguarding_alerts import AlertStatus


async def resolve_safeguarding_alerts(
    info: Info,
    status: Annotated[
        list[AlertStatus] | None, strawberry.argument(description="Only alerts in these statuses; all if omitted.")
    ] = None,
    first: PageSize = None,
    after: After = None,
) -> Connection[SafeguardingAlert]:
    ctx = await request_context(info)
    size = page_size(first, limit=info.context.runtime.settings.graphql.max_page_size)
    with access_denials():
        page = await alert_page(
            repos=info.context.repos, staff=ctx.reader, statuses=status or [], after=decode_cursor(after), first=size
        )
    return connection(
        page,
        node=lambda view: SafeguardingAlert.from_view(view, ctx),
        keyset=lambda view: (view.alert.created_at, view.alert.id),
    )


@strawberry.type
class SafeguardingQueries:
    safeguarding_alerts: Connection[SafeguardingAlert] = strawberry.field(
        resolver=resolve_safeguarding_alerts,
        description="Alerts, newest first: across every group for the platform's safeguarding staff, across "
        "its hosted groups for an organisation's (ORG_SAFEGUARDING).",
        permission_classes=[IsMember, HandlesAlerts],
    )
