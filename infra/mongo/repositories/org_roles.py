"""The `org_roles` collection: who holds which role in which organisation."""

from __future__ import annotations

from collections.abc import Sequence

from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from schemas.documents.org_roles import OrgRole, OrgRoleDocument

STAFF_MAX = 500  # roles one organisation gives; far above a real charity's staff


class OrgRoleExistsError(Exception):
    """The person already holds this role in this organisation (the unique triple)."""


class OrgRolesRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["org_roles"]

    async def insert(self, role: OrgRoleDocument) -> None:
        try:
            await self._collection.insert_one(role.to_mongo())
        except DuplicateKeyError:
            raise OrgRoleExistsError(role.organisation_id) from None

    async def for_member(self, member_id: str) -> list[OrgRoleDocument]:
        """Every role the member holds, in any organisation (the `member` index)."""
        cursor = self._collection.find({"member_id": member_id}).sort([("organisation_id", 1), ("role", 1)])
        return [OrgRoleDocument.from_mongo(raw) async for raw in cursor]

    async def in_organisation(self, organisation_id: str, *, roles: Sequence[OrgRole] = ()) -> list[OrgRoleDocument]:
        """The organisation's staff (only these roles when given), oldest appointment first."""
        query: dict[str, object] = {"organisation_id": organisation_id}
        if roles:
            query["role"] = {"$in": [role.value for role in roles]}
        cursor = self._collection.find(query).sort([("granted_at", 1), ("_id", 1)]).limit(STAFF_MAX)
        return [OrgRoleDocument.from_mongo(raw) async for raw in cursor]

    async def remove(self, organisation_id: str, member_id: str, role: OrgRole) -> bool:
        result = await self._collection.delete_one(
            {"organisation_id": organisation_id, "member_id": member_id, "role": role.value}
        )
        return result.deleted_count == 1

    async def remove_member(self, member_id: str) -> int:
        """A deleted member holds no role anywhere."""
        result = await self._collection.delete_many({"member_id": member_id})
        return result.deleted_count
