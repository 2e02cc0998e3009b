"""DataLoaders, built per request: batching by id with `$in`, no authorisation inside."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from api.graphql.members.loaders import load_members
from infra.mongo.repositories.registry import Repositories
from schemas.documents.members import MemberDocument


class Loaders:
    def __init__(self, repos: Repositories) -> None:
        self.member_by_id = DataLoader[str, MemberDocument | None](lambda ids: load_members(repos, ids))
