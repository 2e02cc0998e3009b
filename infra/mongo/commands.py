"""Typed commands (schemas/commands.py) as MongoDB's `$set`: the dotted paths and stored forms
live here, never in the domain.
"""

from __future__ import annotations

from dataclasses import is_dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeGuard

from pydantic import BaseModel

from schemas.commands import given

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


def set_fields(command: DataclassInstance, *, under: str = "") -> dict[str, Any]:
    """The `$set` of a command's given fields, in their stored form, under a sub-document's path;
    a command inside a command sets only its own given fields of that sub-document.
    """
    changes: dict[str, Any] = {}
    for name, value in given(command).items():
        path = f"{under}.{name}" if under else name
        changes |= set_fields(value, under=path) if _is_command(value) else {path: stored(value)}
    return changes


def stored(value: Any) -> Any:
    """A value as MongoDB keeps it: models as documents, enums by value."""
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, list | tuple):
        return [stored(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    return value


def _is_command(value: object) -> TypeGuard[DataclassInstance]:
    return is_dataclass(value) and not isinstance(value, type)
