"""What the content operations need from their process, bundled."""

from __future__ import annotations

from dataclasses import dataclass

from domain.safety.directory import SupportDirectory
from domain.shares.anonymity import AnonymityKey
from infra.mongo.repositories.registry import Repositories
from infra.pubsub import Broadcaster


@dataclass(frozen=True)
class ContentServices:
    repos: Repositories
    broadcaster: Broadcaster
    key: AnonymityKey
    support: SupportDirectory
