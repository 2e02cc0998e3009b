"""The vocabulary of typed write commands, shared by every layer: a command is a frozen dataclass
of stored fields, each `KEEP` unless given, and `None` is a value (it stores null), so "leave
it" and "clear it" cannot be confused. The commands of a collection sit beside its document
(schemas/documents/); only the repository turns one into MongoDB's update (infra/mongo/commands.py).
"""

from __future__ import annotations

from dataclasses import fields
from enum import Enum
from typing import TYPE_CHECKING, Any, Final, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T")


class Keep(Enum):
    """A field the command leaves as it is."""

    KEEP = "keep"


KEEP: Final = Keep.KEEP


def or_keep(value: T | None) -> T | Keep:
    """An optional input left out (None) keeps the stored value."""
    return KEEP if value is None else value


def given(command: DataclassInstance) -> dict[str, Any]:
    """The fields the command sets, by name, in their Python form."""
    return {f.name: value for f in fields(command) if (value := getattr(command, f.name)) is not KEEP}
