"""Safe-messaging copy (SAM-2): versioned, reviewed text in `data/messages.toml`, never inline."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from schemas.documents.support_resources import Localised

MESSAGES_FILE = Path(__file__).parent / "data" / "messages.toml"


class MessageKey(StrEnum):
    HIGH = "high"  # words suggesting risk
    CONCERN = "concern"  # words of distress
    LOW_MOOD = "low_mood"  # the lowest mood, no worrying words


class _MessagesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1)
    reviewed_on: date
    reviewed_by: str = Field(min_length=1)
    messages: dict[MessageKey, Localised]


@dataclass(frozen=True)
class Messages:
    version: int
    reviewed_on: date
    texts: dict[MessageKey, Localised]


def load_messages(path: Path = MESSAGES_FILE) -> Messages:
    """Read the copy; every key must be there in both languages."""
    data = _MessagesFile.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    missing = set(MessageKey) - data.messages.keys()
    if missing:
        raise ValueError(f"messages missing: {sorted(missing)}")
    return Messages(version=data.version, reviewed_on=data.reviewed_on, texts=dict(data.messages))


@cache
def default_messages() -> Messages:
    return load_messages()
