"""`organisations`: a voluntary-sector body (a local Mind, a carers' centre) that hosts groups.

Created by platform staff (the `admin` claim). Its staff and their roles are in `org_roles`;
a group it hosts names it in `groups.host_organisation_id`. The acknowledgement deadlines are
how long the person on call has before a safeguarding page climbs the rota.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from schemas.documents.base import Document
from schemas.documents.members import Nation

HIGH_RISK_ACK_MINUTES = 15
OTHER_ACK_MINUTES = 240


class OrganisationDocument(Document):
    id: str = Field(alias="_id")
    name: str
    nations: tuple[Nation, ...] = Field(description="The UK nations it serves; at least one.")
    contact_email: str
    safeguarding_policy_url: str
    timezone: str = Field(default="Europe/London", description="Its rota's wall clock.")
    ack_minutes_high: int = Field(default=HIGH_RISK_ACK_MINUTES, description="High-risk page: minutes to acknowledge.")
    ack_minutes_other: int = Field(default=OTHER_ACK_MINUTES, description="Other pages: minutes to acknowledge.")
    services_feed_url: str | None = Field(default=None, description="Its Open Referral UK feed, when it has one.")
    text_monthly_budget: int | None = Field(
        default=None,
        description="Texts a month its groups may send; None: the platform default (TEXT_MONTHLY_BUDGET_DEFAULT).",
    )
    created_by: str
    created_at: datetime
    updated_at: datetime
