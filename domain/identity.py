"""Who is asking: a verified Firebase identity and the scopes it carries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
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
    signed_in_at: datetime | None = None  # when the person signed in (the token's auth_time), to the second

    @classmethod
    def from_claims(cls, uid: str, claims: dict[str, Any]) -> Identity:
        """Custom claims are booleans: `{"admin": true}`, `{"safeguarding": true}`. The sign-in time is
        `auth_time`: a token refreshed since keeps it, so only a fresh sign-in moves it on (`iat`, the
        token's own issue time, stands in for a token without one).
        """
        scopes = frozenset(scope for scope in Scope if claims.get(scope.value) is True)
        moment = claims.get("auth_time", claims.get("iat"))
        signed_in_at = datetime.fromtimestamp(moment, UTC) if isinstance(moment, int | float) else None
        return cls(firebase_uid=uid, scopes=scopes, signed_in_at=signed_in_at)

    @property
    def is_staff(self) -> bool:
        return bool(self.scopes)
