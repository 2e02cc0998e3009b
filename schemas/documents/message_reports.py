"""`message_reports`: someone in a thread reported a message to safeguarding staff (never to the
leads). Unique (message, reporter): reporting twice counts once. The reporter is stored here for
staff only; the thread's other side is never told.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from schemas.documents.base import Document
from schemas.documents.reports import ReportReason


class MessageReportDocument(Document):
    id: str = Field(alias="_id")
    message_id: str
    thread_id: str
    reporter_member_id: str = Field(description="Staff only.")
    reason: ReportReason
    note: str = ""
    created_at: datetime
