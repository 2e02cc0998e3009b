"""`devices`: a phone's FCM registration token, owned by the member who registered it last."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from schemas.documents.base import Document


class Platform(StrEnum):
    IOS = "ios"
    ANDROID = "android"


class DeviceDocument(Document):
    id: str = Field(alias="_id")
    member_id: str
    token: str = Field(description="FCM registration token (unique); a secret: never logged or shown.")
    platform: Platform
    locale: str
    last_seen: datetime = Field(description="When the app last registered this token.")
    created_at: datetime
