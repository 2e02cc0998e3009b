"""deviceRegister: the app tells us this phone's FCM token, on every start and whenever it changes."""

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
from domain.devices import DeviceError, DeviceErrorCode, register_device
from schemas.documents.devices import Platform


@strawberry.enum(description="Why deviceRegister registered nothing.")
class DeviceRegisterErrorCode(Enum):
    TOKEN_INVALID = DeviceErrorCode.TOKEN_INVALID.value
    LOCALE_INVALID = DeviceErrorCode.LOCALE_INVALID.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="This phone's push registration.")
class DeviceRegisterInput:
    token: str = strawberry.field(description="The FCM registration token the Firebase SDK gave the app.")
    platform: Platform = strawberry.field(description="iOS or Android.")
    locale: str = strawberry.field(description="The phone's language tag, such as en-GB or cy-GB.")


@strawberry.type(description="The phone gets this member's pushes from now on.")
class DeviceRegisterSuccess:
    device: Device = strawberry.field(description="The registration.")


@strawberry.type(description="Nothing was written; `code` and `fieldErrors` say why.")
class DeviceRegisterError:
    code: DeviceRegisterErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[DeviceRegisterErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


DeviceRegisterResult = Annotated[
    DeviceRegisterSuccess | DeviceRegisterError,
    strawberry.union("DeviceRegisterResult", description="The result of deviceRegister."),
]


@mutation(
    description="Register this phone for the signed-in member's pushes; a token registered before moves to them.",
    permission_classes=[IsMember],
)
async def device_register(
    info: Info,
    data: Annotated[DeviceRegisterInput, strawberry.argument(name="input", description="The phone's registration.")],
) -> DeviceRegisterResult:
    context = info.context
    member = await context.require_member()
    try:
        device = await register_device(
            repos=context.repos,
            member=member,
            token=data.token,
            platform=data.platform,
            locale=data.locale,
            now=context.clock.now(),
            max_devices=context.runtime.settings.push.max_devices_per_member,
        )
    except DeviceError as error:
        return DeviceRegisterError(**error_fields(error, DeviceRegisterErrorCode))
    return DeviceRegisterSuccess(device=Device.from_document(device))
