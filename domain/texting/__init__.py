"""Texting: members without the app, and check-ins, reminders and helplines by text message.

Other contexts, the API and the workers import these from here, never from the modules
(tests may reach into a module they test)."""

from __future__ import annotations

from domain.texting.errors import TextingError, TextingErrorCode
from domain.texting.inbound import Answer, InboundText, answer_text, first_support
from domain.texting.receipts import record_receipt
from domain.texting.registration import TEXT_UID_PREFIX, register_text_member, set_own_number
from domain.texting.validation import TextMemberDraft

__all__ = [
    "TEXT_UID_PREFIX",
    "Answer",
    "InboundText",
    "TextMemberDraft",
    "TextingError",
    "TextingErrorCode",
    "answer_text",
    "first_support",
    "record_receipt",
    "register_text_member",
    "set_own_number",
]
