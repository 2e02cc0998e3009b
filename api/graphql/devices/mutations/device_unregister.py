"""deviceUnregister: stop pushes to a phone of the member's (on sign-out, or when they switch pushes off)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.devices.types import Device
from domain.devices import DeviceError, DeviceErrorCode, unregister_device


@strawberry.enum(description="Why deviceUnregister removed nothing.")
class DeviceUnregisterErrorCode(Enum):
    TOKEN_INVALID = DeviceErrorCode.TOKEN_INVALID.value
    NOT_FOUND = DeviceErrorCode.NOT_FOUND.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The phone to stop pushing to.")
class DeviceUnregisterInput:
    token: str = strawberry.field(description="The FCM registration token the app registered.")


@strawberry.type(description="The phone gets no more pushes for this member.")
class DeviceUnregisterSuccess:
    device: Device = strawberry.field(description="The registration that was removed.")


@strawberry.type(description="Nothing was removed; `code` says why. Another member's token is NOT_FOUND.")
class DeviceUnregisterError:
    code: DeviceUnregisterErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[DeviceUnregisterErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


DeviceUnregisterResult = Annotated[
    DeviceUnregisterSuccess | DeviceUnregisterError,
    strawberry.union("DeviceUnregisterResult", description="The result of deviceUnregister."),
]


@mutation(
    description="Stop pushes to one of the signed-in member's phones.",
    permission_classes=[IsMember],
)
async def device_unregister(
    info: Info,
    data: Annotated[DeviceUnregisterInput, strawberry.argument(name="input", description="The phone to remove.")],
) -> DeviceUnregisterResult:
    context = info.context
    member = await context.require_member()
    try:
        removed = await unregister_device(repos=context.repos, member=member, token=data.token)
    except DeviceError as error:
        return DeviceUnregisterError(**error_fields(error, DeviceUnregisterErrorCode))
    return DeviceUnregisterSuccess(device=Device.from_document(removed))
