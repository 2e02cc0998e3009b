"""`lead_digests`: when each lead's daily digest is next due.

One document per lead (`_id` is the lead's member id), written when something
starts waiting in one of their groups (a member listed as quiet, a join
request, a report) and moved to their next 09:00 after each digest; null once a
digest finds nothing, until something waits again. The digest tick reads only
leads who are due, through an index.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from schemas.documents.base import Document


class LeadDigestDocument(Document):
    id: str = Field(alias="_id", description="The lead's member id.")
    next_at: datetime | None = Field(description="Their next 09:00 (UTC) with something to tell; null: nothing waits.")
    updated_at: datetime
