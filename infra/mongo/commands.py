"""Typed commands for repository writes: the domain says which stored fields take which values,
and only the repository turns that into MongoDB's update (dotted paths, stored forms).

A command is a frozen dataclass whose fields are stored fields, each `KEEP` unless given;
`None` is a value (it stores null), so "leave it" and "clear it" cannot be confused.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, Final, TypeGuard, TypeVar

from pydantic import BaseModel

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


class Keep(Enum):
    """A field the command leaves as it is."""

    KEEP = "keep"


KEEP: Final = Keep.KEEP
T = TypeVar("T")


def or_keep(value: T | None) -> T | Keep:
    """An optional input left out (None) keeps the stored value."""
    return KEEP if value is None else value


def given(command: DataclassInstance) -> dict[str, Any]:
    """The fields the command sets, by name, in their Python form."""
    return {f.name: value for f in fields(command) if (value := getattr(command, f.name)) is not KEEP}


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
