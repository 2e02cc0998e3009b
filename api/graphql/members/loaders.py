"""Batch loads of members by id."""

from __future__ import annotations

from collections.abc import Sequence

from infra.mongo.repositories.registry import Repositories
from schemas.documents.members import MemberDocument


async def load_members(repos: Repositories, ids: Sequence[str]) -> list[MemberDocument | None]:
    """One `$in` query; results in the order of `ids`, None where missing (pitfall S3)."""
    by_id = {member.id: member for member in await repos.members.get_many(ids)}
    return [by_id.get(member_id) for member_id in ids]
