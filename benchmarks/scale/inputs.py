"""The model's inputs, read from `inputs.toml` (measured figures and stated assumptions)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

INPUTS = Path(__file__).with_name("inputs.toml")


@dataclass(frozen=True)
class Screen:
    name: str
    ms: float  # CPU of one request in one API process
    commands: int
    per_session: float  # in any session
    per_reminded_session: float  # in a session opened from a reminder


@dataclass(frozen=True)
class DocumentKind:
    name: str
    bytes: float
    index: float
    per_member: float  # over 90 days when it grows, else in all
    grows: bool


@dataclass(frozen=True)
class Inputs:
    raw: dict[str, Any]
    screens: tuple[Screen, ...]
    documents: tuple[DocumentKind, ...]

    def __getitem__(self, section: str) -> dict[str, Any]:
        value: dict[str, Any] = self.raw[section]
        return value

    def members_per_group(self) -> float:
        population = self["population"]
        return float(1_000_000 * population["memberships_per_member"] / population["groups_at_1m"])

    def groups(self, members: int) -> float:
        return float(members * self["population"]["groups_at_1m"] / 1_000_000)


def load(path: Path = INPUTS) -> Inputs:
    raw = tomllib.loads(path.read_text())
    screens = tuple(
        Screen(name, float(api["ms"]), int(api["commands"]), *map(float, raw["session"][name]))
        for name, api in raw["api"].items()
        if isinstance(api, dict)
    )
    documents = tuple(
        DocumentKind(name, float(d["bytes"]), float(d["index"]), float(d["per_member"]), bool(d["grows"]))
        for name, d in raw["documents"].items()
    )
    return Inputs(raw, screens, documents)
