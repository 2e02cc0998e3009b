"""DataLoaders, built per request: batching by id with `$in`, no authorisation inside
(callers decide who may see what). Member lists of many groups come in one query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from strawberry.dataloader import DataLoader

from infra.mongo.repositories.registry import Repositories
from schemas.documents.groups import GroupDocument
from schemas.documents.members import MemberDocument
from schemas.documents.memberships import MembershipDocument
from schemas.documents.organisations import OrganisationDocument
from schemas.pagination import Keyset, Page, page_of


class Loaders:
    def __init__(self, repos: Repositories) -> None:
        self.member_by_id = DataLoader[str, MemberDocument | None](lambda ids: load_members(repos, ids))
        self.group_by_id = DataLoader[str, GroupDocument | None](lambda ids: load_groups(repos, ids))
        self.organisation_by_id = DataLoader[str, OrganisationDocument | None](
            lambda ids: load_organisations(repos, ids)
        )
        self.group_members = DataLoader[MemberPageKey, Page[MembershipDocument]](
            lambda keys: load_member_pages(repos, keys)
        )


async def load_members(repos: Repositories, ids: Sequence[str]) -> list[MemberDocument | None]:
    """One `$in` query; results in the order of `ids`, None where missing (pitfall S3)."""
    by_id = {member.id: member for member in await repos.members.get_many(ids)}
    return [by_id.get(member_id) for member_id in ids]


async def load_organisations(repos: Repositories, ids: Sequence[str]) -> list[OrganisationDocument | None]:
    """One `$in` query, in the order of `ids`: a group's host as its members see it."""
    by_id = {organisation.id: organisation for organisation in await repos.organisations.get_many(ids)}
    return [by_id.get(organisation_id) for organisation_id in ids]


@dataclass(frozen=True)
class MemberPageKey:
    """One page of one group's member list: oldest members first."""

    group_id: str
    first: int
    after: Keyset | None


async def load_groups(repos: Repositories, ids: Sequence[str]) -> list[GroupDocument | None]:
    """One `$in` query; results in the order of `ids`, None where missing (pitfall S3). No
    authorisation here: callers decide who may see what.
    """
    by_id = {group.id: group for group in await repos.groups.get_many(ids)}
    return [by_id.get(group_id) for group_id in ids]


async def load_member_pages(repos: Repositories, keys: Sequence[MemberPageKey]) -> list[Page[MembershipDocument]]:
    """Every requested group's active members in one query (a group holds at most 100),
    paged here in (joined_at, id) order.
    """
    by_group: dict[str, list[MembershipDocument]] = defaultdict(list)
    for membership in await repos.memberships.active_in_groups(list({key.group_id for key in keys})):
        if not membership.hidden:  # a member waiting to be deleted is out of every list
            by_group[membership.group_id].append(membership)
    return [_page(by_group[key.group_id], key) for key in keys]


def _page(memberships: list[MembershipDocument], key: MemberPageKey) -> Page[MembershipDocument]:
    ordered = sorted(memberships, key=lambda m: (m.joined_at, m.id))
    after = key.after
    if after is not None and isinstance(after.value, datetime):
        start: tuple[datetime, str] = (after.value, after.id)
        ordered = [m for m in ordered if (m.joined_at, m.id) > start]
    return page_of(ordered[: key.first + 1], key.first)
