"""The Twilio adapter against the fake Twilio, through the real `twilio` library and its HTTP path."""

from __future__ import annotations

import itertools

import httpx

from infra.settings import TextSettings
from infra.sms import TextOutcome, TextResult, TextSender
from tests.fixtures.twilio import FakeTwilio, Reply

_numbers = itertools.count(100)


def number() -> str:
    return f"+4477009{next(_numbers):05d}"


async def test_a_text_is_accepted_with_its_sid_and_the_fake_holds_it(
    text_sender: TextSender, fake_twilio: FakeTwilio
) -> None:
    to = number()
    result = await text_sender.send(to=to, body="Time to check in.", status_callback="http://example.org/s?outbox=1")
    [held] = fake_twilio.texts(to)
    assert result == TextResult(TextOutcome.ACCEPTED, sid=held.sid)
    assert (held.body, held.sender, held.status_callback) == (
        "Time to check in.", "+447700900000", "http://example.org/s?outbox=1",
    )  # fmt: skip


async def test_twilio_errors_are_read_by_their_codes(text_sender: TextSender, fake_twilio: FakeTwilio) -> None:
    to = number()
    fake_twilio.script(to, Reply.too_many_requests(), Reply.unavailable(), Reply.unsubscribed(), Reply.invalid_number())
    results = [await text_sender.send(to=to, body="x") for _ in range(4)]
    assert results == [
        TextResult(TextOutcome.RETRY, "20429"),
        TextResult(TextOutcome.RETRY, "20503"),
        TextResult(TextOutcome.UNSUBSCRIBED, "21610"),
        TextResult(TextOutcome.REFUSED, "21211"),
    ]
    assert fake_twilio.texts(to) == []


async def test_a_number_that_texted_stop_is_refused_until_it_texts_start(
    text_sender: TextSender, fake_twilio: FakeTwilio
) -> None:
    to = number()
    fake_twilio.opt_out(to)
    assert (await text_sender.send(to=to, body="x")).outcome is TextOutcome.UNSUBSCRIBED
    fake_twilio.opt_out(to, out=False)
    assert (await text_sender.send(to=to, body="x")).outcome is TextOutcome.ACCEPTED


async def test_wrong_credentials_are_refused_and_nothing_is_sent(fake_twilio: FakeTwilio) -> None:
    sender = TextSender(TextSettings(twilio_base_url=fake_twilio.url, twilio_auth_token="not-the-token"))
    to = number()
    try:
        result = await sender.send(to=to, body="x")
    finally:
        await sender.aclose()
    assert result == TextResult(TextOutcome.REFUSED, "20003")
    assert fake_twilio.texts(to) == []


async def test_recent_texts_to_a_number_come_newest_first(text_sender: TextSender, fake_twilio: FakeTwilio) -> None:
    to = number()
    for body in ("one", "two"):
        await text_sender.send(to=to, body=body)
    await text_sender.send(to=number(), body="someone else")
    recent = await text_sender.recent_to(to)
    assert [(t.body, t.to) for t in recent] == [("two", to), ("one", to)]
    assert recent[0].created_at.tzinfo is not None


def test_the_fake_lists_what_it_received(fake_twilio: FakeTwilio) -> None:
    listed = httpx.get(f"{fake_twilio.url}/texts").json()["texts"]
    assert isinstance(listed, list)
