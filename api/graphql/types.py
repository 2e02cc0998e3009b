"""Types shared by every domain's part of the schema."""

from __future__ import annotations

from typing import Generic, TypeVar

import strawberry

CodeT = TypeVar("CodeT")


@strawberry.type(description="One input field that was not accepted, and why.")
class FieldError(Generic[CodeT]):
    field: str = strawberry.field(description="The input field, as named in the schema (camelCase).")
    code: CodeT = strawberry.field(description="Why the field was not accepted.")
    message: str = strawberry.field(description="A sentence a member can read.")
