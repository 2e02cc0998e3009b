"""What every stored document shares: a random string `_id` and UTC datetimes."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, PlainSerializer


def new_id() -> str:
    """A random UUIDv4: ids carry no creation time, process or order (ANON-3)."""
    return str(uuid.uuid4())


# BSON has no date type; an ISO string keeps calendar dates exact and sortable.
StoredDate = Annotated[date, PlainSerializer(lambda value: value.isoformat(), return_type=str)]


class Document(BaseModel):
    """A stored document. Unknown fields are ignored so old code reads new documents."""

    model_config = ConfigDict(populate_by_name=True, extra="ignore", frozen=True)

    @classmethod
    def from_mongo(cls, raw: dict[str, Any]) -> Self:
        return cls.model_validate(raw)

    def to_mongo(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True)
