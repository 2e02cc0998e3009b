"""Types shared by every domain's part of the schema, and the enums several domains use.

A module whose strawberry types use one of these enums imports it from here, so
it is registered (with its description) before any type resolves it, whatever
the import order.
"""

from __future__ import annotations

from typing import Generic, TypeVar

import strawberry

from schemas.documents.groups import GroupKind
from schemas.documents.members import Language, Nation, ReminderChannel
from schemas.documents.support_resources import Weekday

__all__ = ["FieldError", "GroupKind", "Language", "Nation", "Weekday"]

CodeT = TypeVar("CodeT")

strawberry.enum(Nation, description="A UK nation: helplines and NHS routes differ between them.")
strawberry.enum(Language, description="The language of notifications and messages from the service.")
strawberry.enum(
    ReminderChannel,
    description="How check-in reminders arrive: PUSH to the app, or TEXT message (low data; needs a confirmed number).",
)
strawberry.enum(Weekday, description="A day of the week.")
strawberry.enum(GroupKind, description="What brings a group's members together.")


@strawberry.type(description="One input field that was not accepted, and why.")
class FieldError(Generic[CodeT]):
    field: str = strawberry.field(description="The input field, as named in the schema (camelCase).")
    code: CodeT = strawberry.field(description="Why the field was not accepted.")
    message: str = strawberry.field(description="A sentence a member can read.")
