"""dataExportRequest: ask for a copy of everything the service holds about the member."""

from __future__ import annotations

from datetime import timedelta
from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.accounts.types import DataExport
from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.execution.rate_limits import Bucket, RateLimited
from domain.accounts import AccountError, AccountErrorCode, ExportState, ExportView, request_export


@strawberry.enum(description="Why dataExportRequest did not start an export.")
class DataExportRequestErrorCode(Enum):
    EXPORT_ALREADY_RUNNING = AccountErrorCode.EXPORT_ALREADY_RUNNING.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.type(description="The export was started; it is usually ready within minutes.")
class DataExportRequestSuccess:
    export: DataExport = strawberry.field(description="The new export, pending.")


@strawberry.type(description="Nothing was started; `code` says why.")
class DataExportRequestError:
    code: DataExportRequestErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[DataExportRequestErrorCode]] = strawberry.field(
        description="Always empty: the mutation takes no input."
    )


DataExportRequestResult = Annotated[
    DataExportRequestSuccess | DataExportRequestError,
    strawberry.union("DataExportRequestResult", description="The result of dataExportRequest."),
]


@mutation(
    description="Start a copy of everything the service holds about the signed-in member (one at a time).",
    permission_classes=[IsMember],
    extensions=[RateLimited(Bucket.SENSITIVE)],
)
async def data_export_request(info: Info) -> DataExportRequestResult:
    context = info.context
    member = await context.require_member()
    keep = context.runtime.settings.retention.export_days
    try:
        export = await request_export(
            repos=context.repos, queue=context.runtime.queue, member=member, keep=_days(keep), now=context.clock.now()
        )
    except AccountError as error:
        return DataExportRequestError(**error_fields(error, DataExportRequestErrorCode))
    return DataExportRequestSuccess(export=DataExport.from_view(ExportView(export, ExportState.PENDING)))


def _days(days: int) -> timedelta:
    return timedelta(days=days)
