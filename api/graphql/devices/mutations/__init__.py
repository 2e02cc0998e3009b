"""Mutations of the devices context, one file each."""

from __future__ import annotations

import strawberry

from api.graphql.core.permissions import IsMember
from api.graphql.devices.mutations.device_register import device_register
from api.graphql.devices.mutations.device_unregister import device_unregister


@strawberry.type
class DeviceMutations:
    device_register = strawberry.mutation(
        resolver=device_register,
        description="Register this phone for the signed-in member's pushes; a token registered before moves to them.",
        permission_classes=[IsMember],
    )
    device_unregister = strawberry.mutation(
        resolver=device_unregister,
        description="Stop pushes to one of the signed-in member's phones.",
        permission_classes=[IsMember],
    )
