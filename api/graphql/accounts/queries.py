"""Queries of the accounts context."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.accounts.types import DataExport
from api.graphql.core.context import Info
from api.graphql.core.errors import NotFoundError
from api.graphql.core.permissions import IsMember
from domain.accounts import view_export


async def resolve_data_export(
    info: Info, export_id: Annotated[strawberry.ID, strawberry.argument(name="id", description="The export's id.")]
) -> DataExport:
    context = info.context
    member = await context.require_member()
    view = await view_export(repos=context.repos, member=member, export_id=str(export_id), now=context.clock.now())
    if view is None:
        raise NotFoundError()  # another member's export looks exactly like a random id
    return DataExport.from_view(view)


@strawberry.type
class AccountQueries:
    data_export: DataExport = strawberry.field(
        resolver=resolve_data_export,
        description="One of the signed-in member's data exports: its state and, when ready, the document.",
        permission_classes=[IsMember],
    )
