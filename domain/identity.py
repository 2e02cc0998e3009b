"""Who is asking: a verified Firebase identity and the scopes it carries."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Scope(StrEnum):
    """What an identity may do beyond being a member, from Firebase custom claims."""

    ADMIN = "admin"  # staff who create youth groups and assign their leads
    SAFEGUARDING = "safeguarding"  # staff who handle risk and escalations


@dataclass(frozen=True)
class Identity:
    firebase_uid: str
    scopes: frozenset[Scope]

    @classmethod
    def from_claims(cls, uid: str, claims: dict[str, Any]) -> Identity:
        """Custom claims are booleans: `{"admin": true}`, `{"safeguarding": true}`."""
        return cls(firebase_uid=uid, scopes=frozenset(scope for scope in Scope if claims.get(scope.value) is True))

    @property
    def is_staff(self) -> bool:
        return bool(self.scopes)
