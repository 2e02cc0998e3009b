"""The keyed one-way links between a member and what they wrote or gave (DESIGN §4, ANON-2).

Each is an HMAC-SHA256 of the member id under `ANONYMITY_KEY`, with a label per
purpose, so an `author_key` and a `reactor_key` of the same member never match
and `authorship` cannot be joined to `reactions`. Nothing stores a reversible
mapping: the break-glass search computes the keys of candidate members.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import datetime

_AUTHOR = b"author\x00"
_REACTOR = b"reaction\x00"
_NOTICE = b"notice\x00"


@dataclass(frozen=True)
class AnonymityKey:
    """The secret, kept out of every repr, log line and traceback."""

    secret: bytes = field(repr=False)

    @classmethod
    def of(cls, secret: str) -> AnonymityKey:
        return cls(secret.encode())

    def author_key(self, member_id: str) -> str:
        return self._mac(_AUTHOR, member_id)

    def reactor_key(self, member_id: str) -> str:
        return self._mac(_REACTOR, member_id)

    def notice_key(self, *parts: str) -> str:
        """An opaque stand-in for ids that must not sit in plain sight together (a dedupe key)."""
        return self._mac(_NOTICE, "\x00".join(parts))

    def _mac(self, label: bytes, value: str) -> str:
        return hmac.new(self.secret, label + value.encode(), hashlib.sha256).hexdigest()


def same_key(left: str | None, right: str) -> bool:
    """Constant-time comparison of two keys."""
    return left is not None and hmac.compare_digest(left, right)


def to_minute(moment: datetime) -> datetime:
    """The only precision at which content time is ever shown (ANON-4)."""
    return moment.replace(second=0, microsecond=0)
