"""DataLoaders, built per request: batching by id with `$in`, no authorisation inside."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from api.graphql.groups.loaders import MemberPageKey, load_groups, load_member_pages
from api.graphql.members.loaders import load_members
from infra.mongo.pagination import Page
from infra.mongo.repositories.registry import Repositories
from schemas.documents.groups import GroupDocument
from schemas.documents.members import MemberDocument
from schemas.documents.memberships import MembershipDocument


class Loaders:
    def __init__(self, repos: Repositories) -> None:
        self.member_by_id = DataLoader[str, MemberDocument | None](lambda ids: load_members(repos, ids))
        self.group_by_id = DataLoader[str, GroupDocument | None](lambda ids: load_groups(repos, ids))
        self.group_members = DataLoader[MemberPageKey, Page[MembershipDocument]](
            lambda keys: load_member_pages(repos, keys)
        )
