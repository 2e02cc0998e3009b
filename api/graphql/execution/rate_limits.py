"""Which buckets an operation draws on, declared on its root fields.

Every operation draws one token from its member's bucket (signed in) or its
IP's (not signed in). A root field can ask for more, in one line:

    extensions=[RateLimited(Bucket.SENSITIVE)]   # shareCreate, responseCreate, reportCreate
    extensions=[RateLimited(Bucket.GUESSABLE)]   # groupJoin, joinRequestCreate: guessing a code is the attack
    extensions=[RateLimitExempt(reason="…")]     # supportResources: never limited (CRISIS-3)

A field's stricter bucket is its own (per member and field), and charged once
per occurrence, so aliases cannot batch past it (GQL-5).

When Redis does not answer, every bucket is kept in the process's memory
instead (infra/rate_limits.py): a member writing a down day is not stopped by an
outage (CRISIS-3), and invite codes are no easier to guess. An operation made
only of exempt fields never touches Redis.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from strawberry.extensions import FieldExtension
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.types.field import StrawberryField

from api.graphql.core.errors import PublicError, RateLimitedError
from domain.identity import Identity
from infra.rate_limits import BucketRate, Charge, TokenBuckets, retry_after_seconds
from infra.settings import RateLimitSettings

logger = logging.getLogger("api.graphql.execution.rate_limits")

OPERATION_TYPES = ("query", "mutation", "subscription")
META_FIELDS = frozenset({"__typename", "__schema", "__type"})


class Bucket(Enum):
    """A stricter bucket, on top of the general one."""

    SENSITIVE = "sensitive"  # member content and safety actions
    GUESSABLE = "guessable"  # operations taking a code someone could guess


class RateLimited(FieldExtension):
    """Charge this root field to `bucket` as well. Declarative only: it adds no resolver step."""

    def __init__(self, bucket: Bucket) -> None:
        self.bucket = bucket


class RateLimitExempt(FieldExtension):
    """Never rate limit this root field; the reason is required so each exemption is argued."""

    def __init__(self, *, reason: str) -> None:
        if not reason.strip():
            raise ValueError("a rate-limit exemption needs a reason")
        self.reason = reason


@dataclass(frozen=True)
class FieldPolicy:
    exempt: bool = False
    bucket: Bucket | None = None


GENERAL = FieldPolicy()


@dataclass(frozen=True)
class RateLimitPolicies:
    """(operation type, root field), such as ("mutation", "shareCreate") → its policy,
    read once from the schema.
    """

    fields: dict[tuple[str, str], FieldPolicy]

    @classmethod
    def from_root_types(
        cls, roots: dict[str, StrawberryObjectDefinition], name: Callable[[StrawberryField], str]
    ) -> RateLimitPolicies:
        return cls({(root, name(field)): _policy(field) for root, type_ in roots.items() for field in type_.fields})

    def policy(self, root: str, field: str) -> FieldPolicy:
        return self.fields.get((root, field), GENERAL)

    def exempt_fields(self) -> set[tuple[str, str]]:
        return {key for key, policy in self.fields.items() if policy.exempt}


def _policy(field: StrawberryField) -> FieldPolicy:
    for extension in field.extensions:
        if isinstance(extension, RateLimitExempt):
            return FieldPolicy(exempt=True)
        if isinstance(extension, RateLimited):
            return FieldPolicy(bucket=extension.bucket)
    return GENERAL


@dataclass(frozen=True)
class RootFields:
    """The root fields an operation selects, with how often each occurs."""

    root: str  # the operation type: query, mutation or subscription
    counts: tuple[tuple[str, int], ...]

    def charges(self, policies: RateLimitPolicies, settings: RateLimitSettings, subject: Subject) -> list[Charge]:
        """Nothing when every field is exempt; else the general bucket and each stricter one."""
        named = [(name, count) for name, count in self.counts if name not in META_FIELDS]
        if named and all(policies.policy(self.root, name).exempt for name, _ in named):
            return []
        charges = [Charge(subject.key, subject.bucket, subject.rate(settings))]
        for name, count in named:
            bucket = policies.policy(self.root, name).bucket
            if bucket is not None:
                charges.append(Charge(subject.key, f"{bucket.value}:{name}", _rate(bucket, settings), count))
        return charges


@dataclass(frozen=True)
class Subject:
    """Who pays: the member when signed in, else the client's IP."""

    key: str
    bucket: str

    @classmethod
    def of(cls, identity: Identity | None, client_host: str | None) -> Subject:
        if identity is not None:
            return cls(f"member:{identity.firebase_uid}", "member")
        return cls(f"ip:{client_host or 'unknown'}", "ip")

    def rate(self, settings: RateLimitSettings) -> BucketRate:
        if self.bucket == "member":
            return BucketRate(settings.member_burst, settings.member_per_minute)
        return BucketRate(settings.ip_burst, settings.ip_per_minute)


def _rate(bucket: Bucket, settings: RateLimitSettings) -> BucketRate:
    if bucket is Bucket.GUESSABLE:
        return BucketRate(settings.guessable_burst, settings.guessable_per_minute)
    return BucketRate(settings.sensitive_burst, settings.sensitive_per_minute)


async def check_rate_limits(buckets: TokenBuckets, charges: list[Charge]) -> PublicError | None:
    """The error refusing the operation, or None when it may run."""
    wait = await buckets.take(charges)
    if wait <= 0:
        return None
    logger.info("rate limited", extra={"buckets": [charge.name for charge in charges], "wait_seconds": wait})
    return RateLimitedError(retry_after_seconds(wait))
