"""Twilio's webhooks: inbound texts (`/twilio/inbound`) and delivery receipts (`/twilio/status`).

Every request must carry a valid `X-Twilio-Signature` for the URL Twilio called, which is
rebuilt from TEXT_WEBHOOK_BASE_URL (behind a proxy the request's own host and scheme differ
from what Twilio signed); an unsigned or wrongly signed request gets 403 and changes nothing.
An inbound text is answered in the same HTTP response (TwiML), so a worrying one gets its
helplines within the request, never through the worker queue; if the reading and writing do
not finish within CRISIS_WRITE_DEADLINE_SECONDS, the answer leaves with the helplines computed
from memory first and the work carries on (as the app's check-ins do).
"""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request, Response
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from api.runtime import ApiRuntime
from domain.texting import Answer, InboundText, answer_text, first_support, record_receipt

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/twilio", include_in_schema=False)
_TWIML = "application/xml"


async def _signed_form(request: Request, runtime: ApiRuntime) -> dict[str, str] | None:
    """The posted form, if Twilio signed it for this URL; None otherwise."""
    params = dict(parse_qsl((await request.body()).decode("utf-8", "replace"), keep_blank_values=True))
    settings = runtime.settings.text
    url = settings.webhook_base_url.rstrip("/") + request.url.path
    if request.url.query:
        url += "?" + request.url.query
    signature = request.headers.get("X-Twilio-Signature", "")
    validator = RequestValidator(settings.twilio_auth_token.get_secret_value())
    if not signature or not validator.validate(url, params, signature):
        logger.warning("twilio webhook refused: bad signature", extra={"path": request.url.path})
        return None
    return params


def _twiml(answer: Answer) -> Response:
    response = MessagingResponse()
    for words in answer.replies:
        response.message(words)
    return Response(content=str(response), media_type=_TWIML)


@router.post("/inbound")
async def inbound(request: Request) -> Response:
    runtime: ApiRuntime = request.app.state.runtime
    form = await _signed_form(request, runtime)
    if form is None:
        return Response(status_code=403)
    now = runtime.clock.now()
    text = InboundText(
        message_sid=form.get("MessageSid", ""), from_number=form.get("From", ""), body=form.get("Body", "")
    )
    first = first_support(directory=runtime.support, body=text.body, now=now)  # from memory, before any I/O
    work = runtime.keep(
        answer_text(
            repos=runtime.repos, queue=runtime.queue, directory=runtime.support, vault=runtime.vault,
            settings=runtime.settings.text, text=text, now=now,
        )
    )  # fmt: skip
    done, _ = await asyncio.wait({work}, timeout=runtime.settings.crisis.write_deadline_seconds)
    if work in done and work.exception() is None:
        return _twiml(work.result())
    if work in done:
        logger.error("inbound text not handled", exc_info=work.exception())
    return _twiml(first)  # the helplines, if it needs them, whatever else happened


@router.post("/status")
async def status(request: Request) -> Response:
    runtime: ApiRuntime = request.app.state.runtime
    form = await _signed_form(request, runtime)
    if form is None:
        return Response(status_code=403)
    outbox = request.query_params.get("outbox")
    if outbox:
        await record_receipt(
            repos=runtime.repos, outbox_id=outbox, member_id=request.query_params.get("member"),
            sid=form.get("MessageSid", ""), status=form.get("MessageStatus", ""), error_code=form.get("ErrorCode"),
            now=runtime.clock.now(),
        )  # fmt: skip
    return Response(status_code=204)
