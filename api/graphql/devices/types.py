"""GraphQL types of the devices context."""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry

from schemas.documents.devices import DeviceDocument, Platform

strawberry.enum(Platform, description="The phone's operating system.")


@strawberry.type(description="A phone of the signed-in member that gets pushes. The token itself is never shown.")
class Device:
    id: strawberry.ID = strawberry.field(description="Opaque id of the registration.")
    platform: Platform = strawberry.field(description="iOS or Android.")
    locale: str = strawberry.field(description="The phone's language tag, as the app reported it.")
    last_seen: datetime = strawberry.field(description="When the app last registered this phone.")
    created_at: datetime = strawberry.field(description="When this phone was first registered.")

    @classmethod
    def from_document(cls, device: DeviceDocument) -> Self:
        return cls(
            id=strawberry.ID(device.id),
            platform=device.platform,
            locale=device.locale,
            last_seen=device.last_seen,
            created_at=device.created_at,
        )
