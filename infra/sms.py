"""Twilio's Programmable Messaging behind one small adapter: a text in, one result out.

The maintained `twilio` library on its aiohttp client (`create_async`), on the caller's event
loop; the client is made on first use inside that loop (aiohttp binds its session to it) and
closed by `aclose`. `TEXT_TWILIO_BASE_URL` points the library's API domain at our local fake
(infra/local/fake_twilio.py) in development and tests. The library's own retries stay off: the
outbox decides when to send again (domain/notifications/delivery.py).

Twilio takes no idempotency key on Messages create, so a resend after a worker died between
Twilio's answer and our write could text the member twice. Before a resend the outbox asks
Twilio for the recent messages to the number (`recent_to`) and adopts one with the same body
made since the attempt began, instead of sending another.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.rest import Client

from infra.settings import TextSettings

logger = logging.getLogger(__name__)

# Twilio's error codes that say the number will not take our texts (https://www.twilio.com/docs/api/errors).
UNSUBSCRIBED = 21610  # the recipient replied STOP: Twilio blocks every text from this sender
_RETRY_STATUSES = {429, 500, 502, 503, 504}
RECENT_PAGE = 20


class TextOutcome(StrEnum):
    ACCEPTED = "accepted"  # Twilio queued it: delivery receipts follow
    RETRY = "retry"  # 429, 5xx, no answer: try again later
    UNSUBSCRIBED = "unsubscribed"  # 21610: the member texted STOP
    REFUSED = "refused"  # the number cannot take texts, or another permanent error


@dataclass(frozen=True)
class TextResult:
    outcome: TextOutcome
    code: str | None = None
    sid: str | None = None


@dataclass(frozen=True)
class SentText:
    """A message Twilio holds, as its list returns it."""

    sid: str
    to: str
    body: str
    created_at: datetime
    status: str


class TextSender:
    """Sends texts through one Twilio account, from a number or a messaging service."""

    def __init__(self, settings: TextSettings) -> None:
        self._settings = settings
        self._http: AsyncTwilioHttpClient | None = None
        self._client: Client | None = None

    def _twilio(self) -> Client:
        if self._client is None:
            settings = self._settings
            self._http = AsyncTwilioHttpClient(timeout=settings.http_timeout_seconds)
            self._client = Client(
                settings.twilio_account_sid, settings.twilio_auth_token.get_secret_value(), http_client=self._http
            )
            if settings.twilio_base_url:
                self._client.api.base_url = settings.twilio_base_url.rstrip("/")
        return self._client

    async def aclose(self) -> None:
        if self._http is not None and self._http.session is not None:
            await self._http.session.close()

    async def send(self, *, to: str, body: str, status_callback: str | None = None) -> TextResult:
        """One text; never raises for Twilio's answers."""
        settings = self._settings
        sender = (
            {"messaging_service_sid": settings.twilio_messaging_service_sid}
            if settings.twilio_messaging_service_sid
            else {"from_": settings.twilio_from_number or ""}
        )
        callback = {"status_callback": status_callback} if status_callback else {}
        try:
            message = await self._twilio().messages.create_async(to=to, body=body, **sender, **callback)
        except TwilioRestException as error:
            return classify(error)
        except (TwilioException, OSError, TimeoutError) as error:
            logger.warning("text not sent: %s", type(error).__name__)
            return TextResult(TextOutcome.RETRY, "no_answer")
        return TextResult(TextOutcome.ACCEPTED, sid=message.sid)

    async def recent_to(self, to: str) -> list[SentText]:
        """The latest messages Twilio holds to this number, newest first."""
        found = await self._twilio().messages.list_async(to=to, limit=RECENT_PAGE, page_size=RECENT_PAGE)
        return [
            SentText(
                sid=str(m.sid), to=str(m.to), body=str(m.body or ""),
                created_at=m.date_created or datetime.now(UTC), status=str(m.status),
            )
            for m in found
        ]  # fmt: skip


def classify(error: TwilioRestException) -> TextResult:
    """What Twilio's refusal means for the text and the member's number."""
    code = str(error.code) if error.code is not None else str(error.status)
    if error.code == UNSUBSCRIBED:
        return TextResult(TextOutcome.UNSUBSCRIBED, code)
    if error.status in _RETRY_STATUSES:
        return TextResult(TextOutcome.RETRY, code)
    return TextResult(TextOutcome.REFUSED, code)  # an invalid number (21211, 21614...) or our own mistake
