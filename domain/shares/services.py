"""What the content operations need from their process, bundled."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.safety.directory import SupportDirectory
from domain.shares.anonymity import AnonymityKey
from infra.mongo.repositories.registry import Repositories
from infra.pubsub import Broadcaster


@dataclass(frozen=True)
class ContentServices:
    repos: Repositories
    broadcaster: Broadcaster
    key: AnonymityKey
    # The helplines signposting answers from; a worker that never signposts keeps the shipped copy.
    support: SupportDirectory = field(default_factory=SupportDirectory)
