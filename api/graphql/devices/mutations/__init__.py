"""Mutations of the devices context, one file each; each file
declares its own field (permission, rate limit, description beside the resolver).
"""

from __future__ import annotations

from strawberry.types.field import StrawberryField

from api.graphql.devices.mutations.device_register import device_register
from api.graphql.devices.mutations.device_unregister import device_unregister

MUTATIONS: list[StrawberryField] = [
    device_register,
    device_unregister,
]
