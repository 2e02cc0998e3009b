"""localServicesFeedSet: an org admin gives (or takes away) the address of its Open Referral UK feed."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.organisations.access import org_staffing
from domain.organisations import OrganisationError, OrganisationErrorCode, set_services_feed
from infra.settings import Environment


@strawberry.enum(description="Why localServicesFeedSet did not change the feed.")
class LocalServicesFeedSetErrorCode(Enum):
    URL_INVALID = OrganisationErrorCode.URL_INVALID.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The organisation and its feed.")
class LocalServicesFeedSetInput:
    organisation_id: strawberry.ID = strawberry.field(description="The organisation.")
    feed_url: str | None = strawberry.field(
        description="The feed's base address (its pages are at /services?page=N); https outside development. "
        "Null stops the nightly import (the services already imported stay)."
    )


@strawberry.type(description="The feed's address is saved; the nightly import reads it from now on.")
class LocalServicesFeedSetSuccess:
    organisation_id: strawberry.ID = strawberry.field(description="The organisation.")
    feed_url: str | None = strawberry.field(description="The address saved, cleaned.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class LocalServicesFeedSetError:
    code: LocalServicesFeedSetErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a person can read.")
    field_errors: list[FieldError[LocalServicesFeedSetErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


LocalServicesFeedSetResult = Annotated[
    LocalServicesFeedSetSuccess | LocalServicesFeedSetError,
    strawberry.union("LocalServicesFeedSetResult", description="The result of localServicesFeedSet."),
]


@mutation(
    description="Give the address of an organisation's Open Referral UK feed of local services. Its org admins and "
    "platform admins only.",
    permission_classes=[IsMember],
)
async def local_services_feed_set(
    info: Info,
    data: Annotated[LocalServicesFeedSetInput, strawberry.argument(name="input", description="The feed.")],
) -> LocalServicesFeedSetResult:
    context = info.context
    staffing = await org_staffing(info)
    allow_http = context.runtime.settings.environment in (Environment.DEVELOPMENT, Environment.TEST)
    try:
        with access_denials():
            organisation = await set_services_feed(
                repos=context.repos, staffing=staffing, organisation_id=data.organisation_id, feed_url=data.feed_url,
                allow_http=allow_http, now=context.clock.now(),
            )  # fmt: skip
    except OrganisationError as error:
        return LocalServicesFeedSetError(**error_fields(error, LocalServicesFeedSetErrorCode))
    return LocalServicesFeedSetSuccess(
        organisation_id=strawberry.ID(organisation.id), feed_url=organisation.services_feed_url
    )
