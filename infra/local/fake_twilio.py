"""A fake Twilio REST server of ours on 127.0.0.1: the tests' (tests/fixtures/twilio.py) and, run as a
program, `scripts/dev`'s, which prints every text it is asked to send.

The `twilio` library reaches it through its real HTTP path (`TEXT_TWILIO_BASE_URL`), with the
account SID and auth token as HTTP Basic credentials. It speaks the parts of Programmable
Messaging we use, with Twilio's response shapes: Messages create (201 with the message
resource, or Twilio's error body: 401 code 20003, 429 code 20429, 400 code 21610 for a number
that texted STOP, 400 code 21211 for an invalid one, 503) and Messages list (newest first,
filtered by `To`). It also plays Twilio's side of the webhooks: `status()` posts a signed
delivery receipt to a message's StatusCallback, and `inbound()` gives a signed inbound text for
a test to post to the API. `GET /texts` lists what it received, as JSON, newest last.

    python -m infra.local.fake_twilio [--port 9124] [--auth-token ...]
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import itertools
import json
import re
import secrets
import sys
import threading
import time
import urllib.parse
import urllib.request
from base64 import b64decode
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from twilio.request_validator import RequestValidator

ACCOUNT_SID = "ACtest00000000000000000000000000"
AUTH_TOKEN = "development-only-twilio-auth-token"  # noqa: S105 - the development placeholder (infra/settings.py)
_MESSAGES = re.compile(r"^/2010-04-01/Accounts/(?P<account>AC[0-9a-zA-Z]+)/Messages\.json$")


@dataclass(frozen=True)
class Reply:
    """One answer of the fake: an HTTP status and Twilio's JSON error body."""

    status: int
    body: dict[str, Any]

    @classmethod
    def error(cls, status: int, code: int, message: str) -> Reply:
        more = f"https://www.twilio.com/docs/errors/{code}"
        return cls(status, {"code": code, "message": message, "more_info": more, "status": status})

    @classmethod
    def too_many_requests(cls) -> Reply:
        return cls.error(429, 20429, "Too Many Requests")

    @classmethod
    def unsubscribed(cls) -> Reply:
        return cls.error(400, 21610, "Attempt to send to unsubscribed recipient")

    @classmethod
    def invalid_number(cls) -> Reply:
        return cls.error(400, 21211, "Invalid 'To' Phone Number")

    @classmethod
    def unavailable(cls) -> Reply:
        return cls.error(503, 20503, "Service unavailable")


@dataclass
class Text:
    """One message the fake accepted (status `queued` and on), or refused (its error's code)."""

    sid: str
    to: str
    sender: str
    body: str
    status_callback: str | None
    created_at: float
    status: str = "queued"
    error_code: int | None = None


@dataclass
class FakeTwilio:
    """The server's state (thread-safe): scripted answers per number, and every text received."""

    account_sid: str = ACCOUNT_SID
    auth_token: str = AUTH_TOKEN
    url: str = ""
    delay_seconds: float = 0.0
    on_receive: Callable[[Text], None] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _scripts: dict[str, deque[Reply]] = field(default_factory=lambda: defaultdict(deque))
    _opted_out: set[str] = field(default_factory=set)
    _texts: list[Text] = field(default_factory=list)
    _numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def env(self) -> dict[str, str]:
        """What an API or worker process needs to send here."""
        return {
            "TEXT_TWILIO_BASE_URL": self.url,
            "TEXT_TWILIO_ACCOUNT_SID": self.account_sid,
            "TEXT_TWILIO_AUTH_TOKEN": self.auth_token,
        }

    def script(self, to: str, *replies: Reply) -> None:
        """The next answers for texts to this number, in order; success after them."""
        with self._lock:
            self._scripts[to].extend(replies)

    def opt_out(self, number: str, *, out: bool = True) -> None:
        """As Twilio does when a number texts STOP (or START): texts to it fail with 21610."""
        with self._lock:
            (self._opted_out.add if out else self._opted_out.discard)(number)

    def texts(self, to: str | None = None) -> list[Text]:
        """Texts accepted (oldest first), to one number or all."""
        with self._lock:
            return [t for t in self._texts if t.error_code is None and (to is None or t.to == to)]

    def authorised(self, header: str | None) -> bool:
        scheme, _, encoded = (header or "").partition(" ")
        if scheme != "Basic":
            return False
        user, _, password = b64decode(encoded).decode().partition(":")
        return secrets.compare_digest(user, self.account_sid) and secrets.compare_digest(password, self.auth_token)

    def create(self, form: dict[str, str]) -> tuple[Reply | None, Text]:
        """A message is recorded before it is answered: a sender that dies waiting finds it in the list."""
        to = form.get("To", "")
        with self._lock:
            script = self._scripts.get(to)
            refusal = script.popleft() if script else None
            if refusal is None and to in self._opted_out:
                refusal = Reply.unsubscribed()
            text = Text(
                sid=f"SM{next(self._numbers):032x}", to=to,
                sender=form.get("From") or form.get("MessagingServiceSid", ""), body=form.get("Body", ""),
                status_callback=form.get("StatusCallback"), created_at=time.time(),
                error_code=refusal.body["code"] if refusal else None,
            )  # fmt: skip
            self._texts.append(text)
        if refusal is None and self.on_receive is not None:
            self.on_receive(text)
        return refusal, text

    def listed(self, to: str | None, page_size: int) -> list[Text]:
        return list(reversed(self.texts(to)))[:page_size]

    def resource(self, text: Text) -> dict[str, Any]:
        """The Message resource as Twilio's REST API returns it."""
        uri = f"/2010-04-01/Accounts/{self.account_sid}/Messages/{text.sid}.json"
        created = email.utils.formatdate(text.created_at, usegmt=False).replace("-0000", "+0000")
        return {
            "account_sid": self.account_sid, "api_version": "2010-04-01", "body": text.body,
            "date_created": created, "date_sent": None, "date_updated": created, "direction": "outbound-api",
            "error_code": None, "error_message": None, "from": text.sender if text.sender.startswith("+") else None,
            "messaging_service_sid": None if text.sender.startswith("+") else text.sender, "num_media": "0",
            "num_segments": "1", "price": None, "price_unit": "GBP", "sid": text.sid, "status": text.status,
            "subresource_uris": {"media": uri.replace(".json", "/Media.json")}, "to": text.to, "uri": uri,
        }  # fmt: skip

    # Twilio's side of the webhooks.

    def sign(self, url: str, params: dict[str, str]) -> str:
        """X-Twilio-Signature for a POST of `params` to `url`, as Twilio computes it."""
        return str(RequestValidator(self.auth_token).compute_signature(url, params))

    def inbound(self, *, from_: str, body: str, to: str = "+447700900000") -> dict[str, str]:
        """The form Twilio posts to the inbound webhook when `from_` texts `body` (a fresh MessageSid)."""
        sid = f"SM{secrets.token_hex(16)}"
        return {
            "ToCountry": "GB", "SmsMessageSid": sid, "NumMedia": "0", "SmsSid": sid, "SmsStatus": "received",
            "Body": body, "To": to, "NumSegments": "1", "MessageSid": sid, "AccountSid": self.account_sid,
            "From": from_, "ApiVersion": "2010-04-01", "FromCountry": "GB",
        }  # fmt: skip

    def status(self, sid: str, status: str, *, error_code: int | None = None, via: str | None = None) -> int:
        """Post a signed delivery receipt for a text to its StatusCallback; the webhook's HTTP status.
        `via` (http://host:port) reaches the API there instead, as a proxy would: the signature is
        still for the public URL Twilio was given.
        """
        with self._lock:
            text = next(t for t in self._texts if t.sid == sid)
            text.status = status
        assert text.status_callback, "the text was sent without a StatusCallback"  # noqa: S101 - a test helper
        params = {
            "MessageSid": sid, "SmsSid": sid, "MessageStatus": status, "SmsStatus": status,
            "AccountSid": self.account_sid, "From": text.sender, "To": text.to, "ApiVersion": "2010-04-01",
        }  # fmt: skip
        if error_code is not None:
            params["ErrorCode"] = str(error_code)
        data = urllib.parse.urlencode(params).encode()
        target = text.status_callback
        if via is not None:
            public = urllib.parse.urlsplit(target)
            target = f"{via.rstrip('/')}{public.path}?{public.query}"
        request = urllib.request.Request(  # noqa: S310 - our own test URL
            target, data=data, headers={"X-Twilio-Signature": self.sign(text.status_callback, params)}
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return int(response.status)


def _handler(fake: FakeTwilio) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            if url.path == "/texts":
                self._json(200, {"texts": [asdict(t) for t in fake.texts()]})
                return
            if not self._account(url.path):
                return
            query = dict(urllib.parse.parse_qsl(url.query))
            size = int(query.get("PageSize", "50"))
            messages = [fake.resource(t) for t in fake.listed(query.get("To"), size)]
            uri = f"{url.path}?PageSize={size}&Page=0"
            meta = {"first_page_uri": uri, "next_page_uri": None, "previous_page_uri": None, "page": 0}
            self._json(
                200, {"messages": messages, **meta, "page_size": size, "start": 0, "end": len(messages), "uri": uri}
            )

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            path = urllib.parse.urlsplit(self.path).path
            if not self._account(path):
                return
            form = dict(urllib.parse.parse_qsl(body.decode()))
            if not form.get("To") or not form.get("Body") or not (form.get("From") or form.get("MessagingServiceSid")):
                self._reply(Reply.error(400, 21604, "A 'To', a 'Body' and a 'From' or messaging service are required."))
                return
            refusal, text = fake.create(form)
            time.sleep(fake.delay_seconds)  # lets a test kill a sender after Twilio took the text
            if refusal is not None:
                self._reply(refusal)
                return
            self._json(201, fake.resource(text))

        def _account(self, path: str) -> bool:
            matched = _MESSAGES.match(path)
            if matched is None:
                self._reply(Reply.error(404, 20404, "The requested resource was not found"))
                return False
            if matched["account"] != fake.account_sid or not fake.authorised(self.headers.get("Authorization")):
                self._reply(Reply.error(401, 20003, "Authenticate"))
                return False
            return True

        def _reply(self, reply: Reply) -> None:
            self._json(reply.status, reply.body)

        def _json(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's signature
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    request_queue_size = 256
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A sender killed mid-request leaves a broken pipe: expected in the crash tests.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serving_fake_twilio(
    *, port: int = 0, auth_token: str = AUTH_TOKEN, on_receive: Callable[[Text], None] | None = None
) -> Iterator[FakeTwilio]:
    """A fake Twilio on `port` (0: a free one)."""
    fake = FakeTwilio(auth_token=auth_token, on_receive=on_receive)
    server = _Server(("127.0.0.1", port), _handler(fake))
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="fake-twilio", daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


def _show(text: Text) -> None:
    print(f"text -> ...{text.to[-4:]}  {text.body!r}  ({text.sid})", flush=True)  # noqa: T201 - the program's output


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="A fake Twilio Messages server that shows the texts it receives.")
    parser.add_argument("--port", type=int, default=9124)
    parser.add_argument("--auth-token", default=AUTH_TOKEN)
    args = parser.parse_args(argv)
    with serving_fake_twilio(port=args.port, auth_token=args.auth_token, on_receive=_show) as fake:
        print(f"fake Twilio on {fake.url} (texts at {fake.url}/texts)", flush=True)  # noqa: T201
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
