"""alertResolve: safeguarding staff close an alert with a note of what was done."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import HandlesAlerts, IsMember
from api.graphql.core.types import FieldError
from api.graphql.safeguarding.types import SafeguardingAlert
from api.graphql.shares.access import request_context
from domain.safeguarding import SafeguardingError, SafeguardingErrorCode, alert_views, resolve_alert


@strawberry.enum(description="Why alertResolve changed nothing.")
class AlertResolveErrorCode(Enum):
    NOTE_LENGTH = SafeguardingErrorCode.NOTE_LENGTH.value
    ALREADY_RESOLVED = SafeguardingErrorCode.ALREADY_RESOLVED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The alert, and what was done.")
class AlertResolveInput:
    alert_id: strawberry.ID = strawberry.field(description="An open or acknowledged alert.")
    note: str = strawberry.field(description="1 to 2,000 characters; staff only.")


@strawberry.type(description="The alert is resolved.")
class AlertResolveSuccess:
    alert: SafeguardingAlert = strawberry.field(description="The alert as it is now.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class AlertResolveError:
    code: AlertResolveErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence staff can read.")
    field_errors: list[FieldError[AlertResolveErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


AlertResolveResult = Annotated[
    AlertResolveSuccess | AlertResolveError,
    strawberry.union("AlertResolveResult", description="The result of alertResolve."),
]


@mutation(
    description="Resolve an alert with a note of what was done. Safeguarding staff only.",
    permission_classes=[IsMember, HandlesAlerts],
)
async def alert_resolve(
    info: Info, data: Annotated[AlertResolveInput, strawberry.argument(name="input", description="Which, and how.")]
) -> AlertResolveResult:
    ctx = await request_context(info)
    repos = info.context.repos
    try:
        with access_denials():
            alert = await resolve_alert(
                repos=repos, staff=ctx.reader, alert_id=data.alert_id, note=data.note, now=ctx.now
            )
    except SafeguardingError as error:
        return AlertResolveError(**error_fields(error, AlertResolveErrorCode))
    [view] = await alert_views(repos, [alert])
    return AlertResolveSuccess(alert=SafeguardingAlert.from_view(view, ctx))
