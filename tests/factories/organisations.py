"""Organisations made through the real API, as a platform admin and an org admin would make them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from infra.mongo.client import Database
from infra.mongo.repositories.local_services import LocalServicesRepository
from schemas.documents.base import new_id
from schemas.documents.local_services import LocalServiceDocument, LocalServiceLocation
from tests.factories.members import TestMember, onboarded_member
from tests.factories.shares import act
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator


def organisation_input(first_admin: TestMember, **overrides: Any) -> dict[str, Any]:
    return {
        "name": "Riverside Mind", "nations": ["ENGLAND"], "contactEmail": "hello@riverside.example.org",
        "safeguardingPolicyUrl": "https://riverside.example.org/safeguarding", "firstAdminMemberId": first_admin.id,
        "firstAdminEmail": f"admin-{first_admin.id}@riverside.example.org",
    } | overrides  # fmt: skip


async def created_organisation(gql: GraphQLClient, admin: TestMember, first_admin: TestMember, **overrides: Any) -> str:
    result = await act(gql, "OrganisationCreate", admin.token, **organisation_input(first_admin, **overrides))
    assert result["__typename"] == "OrganisationCreateSuccess", result
    organisation_id: str = result["organisation"]["id"]
    return organisation_id


def email_of(person: TestMember) -> str:
    return f"{person.id}@staff.example.org"


async def granted(
    gql: GraphQLClient, org_admin: TestMember, organisation_id: str, person: TestMember, role: str
) -> None:
    result = await act(
        gql, "OrgRoleGrant", org_admin.token, organisationId=organisation_id, memberId=person.id, role=role,
        email=email_of(person),
    )  # fmt: skip
    assert result["__typename"] == "OrgRoleGrantSuccess", result


async def hosted(gql: GraphQLClient, admin: TestMember, group_id: str, organisation_id: str) -> None:
    result = await act(gql, "GroupHost", admin.token, groupId=group_id, organisationId=organisation_id)
    assert result["__typename"] == "GroupHostSuccess", result


@dataclass(frozen=True)
class OrgStaff:
    """An organisation and a person in each of its roles."""

    id: str
    admin: TestMember
    safeguarding: TestMember
    staff: TestMember


async def staffed_organisation(
    gql: GraphQLClient, auth_emulator: AuthEmulator, platform_admin: TestMember, name: str, **overrides: Any
) -> OrgStaff:
    people = [await onboarded_member(gql, auth_emulator, displayName=f"{name} {role}") for role in ("A", "S", "T")]
    admin, safeguarding, staff = people
    organisation_id = await created_organisation(gql, platform_admin, admin, name=name, **overrides)
    await granted(gql, admin, organisation_id, safeguarding, "ORG_SAFEGUARDING")
    await granted(gql, admin, organisation_id, staff, "ORG_STAFF")
    return OrgStaff(id=organisation_id, admin=admin, safeguarding=safeguarding, staff=staff)


async def listed_service(
    db: Database, organisation_id: str, name: str, *, district: str | None = None,
    local_authority: str | None = None, removed: bool = False,
) -> str:  # fmt: skip
    """One local service of the organisation, stored as its feed's import stores it (the import itself
    is tested over a real feed in tests/api/graphql/organisations/test_local_services.py); its id.
    """
    locations = (
        (LocalServiceLocation(postcode_district=district, local_authority=local_authority),)
        if district or local_authority
        else ()
    )
    service = LocalServiceDocument(
        id=new_id(), organisation_id=organisation_id, source_id=f"feed-{new_id()}", name=name,
        description=f"{name}: a local service.", url=f"https://services.example.org/{name.lower().replace(' ', '-')}",
        phones=("029 2000 0000",), locations=locations, eligibility="Adults", imported_at=datetime.now(UTC),
        removed=removed,
    )  # fmt: skip
    await LocalServicesRepository(db).upsert(service)
    return service.id
