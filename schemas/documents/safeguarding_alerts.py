"""`safeguarding_alerts`: high-risk words seen by the crisis screen, for trained
staff (CRISIS-5), one per source document (unique `source_key`).

An alert points at its source; it never copies what the member wrote, so the
words stay in one place, under that document's access rules and retention.
For anonymous content it holds no member id: the author is reachable only
through the break-glass procedure (ANON-12).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from schemas.documents.base import Document


class RiskLevel(StrEnum):
    """What the crisis screen found (CRISIS-2)."""

    NONE = "none"
    CONCERN = "concern"
    HIGH = "high"


class RiskCategory(StrEnum):
    SUICIDAL_THOUGHTS = "suicidal_thoughts"
    SELF_HARM = "self_harm"
    METHOD = "method"  # means or method detail (SAM-3)
    PLAN = "plan"  # goodbyes, a note, a time
    SUICIDE_MENTION = "suicide_mention"  # the word, someone else, a loss by suicide
    SELF_HARM_MENTION = "self_harm_mention"
    HOPELESSNESS = "hopelessness"
    BURDEN = "burden"
    DISTRESS = "distress"


class AlertSourceKind(StrEnum):
    CHECK_IN = "check_in"
    SHARE = "share"
    RESPONSE = "response"
    REPORT = "report"  # a member's report that is about risk, or that waited too long for the leads
    MESSAGE = "message"  # words in a private conversation (the message's id)
    MESSAGE_REPORT = "message_report"  # someone in a conversation reported a message (the message's id)
    TEXT_MESSAGE = "text_message"  # a text message (SMS) a member sent that was not a check-in (Twilio's MessageSid)


class AlertStatus(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"


class SafeguardingAlertDocument(Document):
    id: str = Field(alias="_id")
    source_key: str = Field(description="'<kind>:<id>' of the source: unique, so one alert per source.")
    source_kind: AlertSourceKind
    source_id: str
    member_id: str | None = Field(description="Null for anonymous content (break-glass only).")
    group_id: str | None = Field(
        default=None, description="The group it arose in (null: a private check-in, or before issue 17)."
    )
    level: RiskLevel
    categories: tuple[RiskCategory, ...]
    lexicon_version: int
    status: AlertStatus = AlertStatus.OPEN
    created_at: datetime
    updated_at: datetime
    acknowledged_by: str | None = Field(default=None, description="The staff member who took it.")
    acknowledged_at: datetime | None = None
    resolved_by: str | None = None
    resolved_at: datetime | None = None
    resolution_note: str | None = Field(default=None, description="Staff only; special category data (CRISIS-9).")
    page_due_at: datetime | None = Field(
        default=None,
        description="When the on-call tick next pages about it (set at creation; null once acknowledged or when "
        "paging has nobody left to climb to). Indexed: the tick claims due alerts from it.",
    )
    page_step: int = Field(default=0, description="Pages sent so far: the next page goes to the rota's next person.")
    organisation_id: str | None = Field(
        default=None, description="The host organisation it was routed to when first paged; null: the platform."
    )
