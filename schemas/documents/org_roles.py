"""`org_roles`: one role one person holds in one organisation (unique per organisation, member and role).

Read on every request that needs them (never cached in a token), so a revoked role stops
working at once. `email` is where safeguarding pages reach the person (SMTP); it is the
organisation's contact for them, not the member's sign-in address.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from schemas.documents.base import Document


class OrgRole(StrEnum):
    ORG_ADMIN = "org_admin"  # manages the organisation's staff and hosts groups
    ORG_SAFEGUARDING = "org_safeguarding"  # handles alerts of the organisation's groups; is on the rota
    ORG_STAFF = "org_staff"  # reads the organisation's groups and their moderation


class OrgRoleDocument(Document):
    id: str = Field(alias="_id")
    organisation_id: str
    member_id: str
    role: OrgRole
    email: str | None = Field(default=None, description="Where pages reach them; required for org_safeguarding.")
    granted_by: str
    granted_at: datetime
