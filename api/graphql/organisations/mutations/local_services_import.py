"""localServicesImport: an org admin imports its local services from its feed now, and sees what was skipped."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import httpx
import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.organisations.access import org_staffing
from domain.organisations import FEED_TIMEOUT, OrganisationError, OrganisationErrorCode, import_services_now


@strawberry.enum(description="Why localServicesImport did not import.")
class LocalServicesImportErrorCode(Enum):
    FEED_NOT_SET = OrganisationErrorCode.FEED_NOT_SET.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="Which organisation.")
class LocalServicesImportInput:
    organisation_id: strawberry.ID = strawberry.field(description="The organisation.")


@strawberry.type(description="A page, or one service on a page, the import could not read and left as it was.")
class LocalServicesSkipped:
    page: int = strawberry.field(description="The feed's page number.")
    reason: str = strawberry.field(description="What was wrong, in plain words.")
    source_id: str | None = strawberry.field(description="The service's id in the feed, for one service.")


@strawberry.type(description="The import ran. When anything was skipped, nothing was marked removed.")
class LocalServicesImportSuccess:
    imported: int = strawberry.field(description="Services written, new or updated.")
    removed: int = strawberry.field(description="Services the feed no longer lists, now hidden from members.")
    pages: int = strawberry.field(description="Pages the feed said it had.")
    skipped: list[LocalServicesSkipped] = strawberry.field(description="What was skipped; the last good data stays.")


@strawberry.type(description="Nothing was imported; `code` says why.")
class LocalServicesImportError:
    code: LocalServicesImportErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence a person can read.")
    field_errors: list[FieldError[LocalServicesImportErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


LocalServicesImportResult = Annotated[
    LocalServicesImportSuccess | LocalServicesImportError,
    strawberry.union("LocalServicesImportResult", description="The result of localServicesImport."),
]


@mutation(
    description="Import an organisation's local services from its Open Referral UK feed now (it also runs nightly). "
    "Its org admins and platform admins only.",
    permission_classes=[IsMember],
)
async def local_services_import(
    info: Info,
    data: Annotated[LocalServicesImportInput, strawberry.argument(name="input", description="Which organisation.")],
) -> LocalServicesImportResult:
    context = info.context
    staffing = await org_staffing(info)
    try:
        with access_denials():
            async with httpx.AsyncClient(timeout=FEED_TIMEOUT, follow_redirects=False) as client:
                summary = await import_services_now(
                    repos=context.repos, staffing=staffing, organisation_id=data.organisation_id, client=client,
                    now=context.clock.now(),
                )  # fmt: skip
    except OrganisationError as error:
        return LocalServicesImportError(**error_fields(error, LocalServicesImportErrorCode))
    return LocalServicesImportSuccess(
        imported=summary.imported, removed=summary.removed, pages=summary.pages,
        skipped=[LocalServicesSkipped(page=s.page, reason=s.reason, source_id=s.source_id) for s in summary.skipped],
    )  # fmt: skip
