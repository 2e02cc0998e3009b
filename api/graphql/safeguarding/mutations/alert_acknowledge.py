"""alertAcknowledge: a safeguarding staff member takes an open alert."""

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
from domain.safeguarding import SafeguardingError, SafeguardingErrorCode, acknowledge_alert, alert_views


@strawberry.enum(description="Why alertAcknowledge changed nothing.")
class AlertAcknowledgeErrorCode(Enum):
    ALREADY_ACKNOWLEDGED = SafeguardingErrorCode.ALREADY_ACKNOWLEDGED.value
    ALREADY_RESOLVED = SafeguardingErrorCode.ALREADY_RESOLVED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The alert to take.")
class AlertAcknowledgeInput:
    alert_id: strawberry.ID = strawberry.field(description="An open alert.")


@strawberry.type(description="The alert is yours.")
class AlertAcknowledgeSuccess:
    alert: SafeguardingAlert = strawberry.field(description="The alert as it is now.")


@strawberry.type(description="Nothing was changed; `code` says why.")
class AlertAcknowledgeError:
    code: AlertAcknowledgeErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence staff can read.")
    field_errors: list[FieldError[AlertAcknowledgeErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


AlertAcknowledgeResult = Annotated[
    AlertAcknowledgeSuccess | AlertAcknowledgeError,
    strawberry.union("AlertAcknowledgeResult", description="The result of alertAcknowledge."),
]


@mutation(
    description="Take an open alert. Safeguarding staff only.",
    permission_classes=[IsMember, HandlesAlerts],
)
async def alert_acknowledge(
    info: Info, data: Annotated[AlertAcknowledgeInput, strawberry.argument(name="input", description="Which alert.")]
) -> AlertAcknowledgeResult:
    ctx = await request_context(info)
    repos = info.context.repos
    try:
        with access_denials():
            alert = await acknowledge_alert(repos=repos, staff=ctx.reader, alert_id=data.alert_id, now=ctx.now)
    except SafeguardingError as error:
        return AlertAcknowledgeError(**error_fields(error, AlertAcknowledgeErrorCode))
    [view] = await alert_views(repos, [alert])
    return AlertAcknowledgeSuccess(alert=SafeguardingAlert.from_view(view, ctx))
