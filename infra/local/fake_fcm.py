"""A fake FCM HTTP v1 server of ours on 127.0.0.1, with a fake OAuth token endpoint: the tests'
(tests/fixtures/fcm.py) and, run as a program, `scripts/dev`'s, which shows every push it gets.

firebase-admin reaches it through its real HTTP path: a service-account key
made at start whose `token_uri` points here (the signed assertion always
carries `aud=https://oauth2.googleapis.com/token`, whatever the token URI, so
that is the audience checked), and `FIREBASE_FCM_URL` set to this server.

It records every message it receives and answers per token as told: success
by default, or a script of FCM's real error shapes (UNREGISTERED, an invalid
token, an invalid payload, 429 with Retry-After, 503). `GET /pushes` lists what
it received, as JSON, newest last.

    python -m infra.local.fake_fcm [--port 9123] [--folder .local/data/fcm]
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import re
import secrets
import sys
import threading
import time
import urllib.parse
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from google.auth import jwt

from infra.local.services import PROJECT_ID

GOOGLE_TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token"  # noqa: S105 - an audience URL, not a secret
CLIENT_EMAIL = f"push@{PROJECT_ID}.iam.gserviceaccount.com"
_SEND_PATH = re.compile(r"^/v1/projects/(?P<project>[^/]+)/messages:send$")
_FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError"
_BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest"


@dataclass(frozen=True)
class Reply:
    """One answer of the fake: an HTTP status, a JSON body and headers."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def unregistered(cls) -> Reply:
        return cls(404, _error(404, "NOT_FOUND", "Requested entity was not found.", "UNREGISTERED"))

    @classmethod
    def invalid_token(cls) -> Reply:
        message = "The registration token is not a valid FCM registration token"
        return cls(400, _error(400, "INVALID_ARGUMENT", message, "INVALID_ARGUMENT", violation="message.token"))

    @classmethod
    def invalid_payload(cls) -> Reply:
        message = "Invalid value at 'message.data[0].value' (TYPE_STRING)"
        violation = "message.data[0].value"
        return cls(400, _error(400, "INVALID_ARGUMENT", message, "INVALID_ARGUMENT", violation=violation))

    @classmethod
    def quota_exceeded(cls, *, retry_after: int) -> Reply:
        message = "Quota exceeded for quota metric 'Send requests' of service 'fcm.googleapis.com'."
        body = _error(429, "RESOURCE_EXHAUSTED", message, "QUOTA_EXCEEDED")
        return cls(429, body, {"Retry-After": str(retry_after)})

    @classmethod
    def unavailable(cls, *, retry_after: int | None = None) -> Reply:
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        return cls(503, _error(503, "UNAVAILABLE", "The service is currently unavailable.", "UNAVAILABLE"), headers)


def _error(code: int, status: str, message: str, fcm_code: str, *, violation: str | None = None) -> dict[str, Any]:
    details: list[dict[str, Any]] = [{"@type": _FCM_ERROR, "errorCode": fcm_code}]
    if violation is not None:
        details.append({"@type": _BAD_REQUEST, "fieldViolations": [{"field": violation, "description": message}]})
    return {"error": {"code": code, "message": message, "status": status, "details": details}}


@dataclass(frozen=True)
class Received:
    """One message as the fake received it, and the status it answered."""

    project: str
    token: str
    message: dict[str, Any]
    validate_only: bool
    at: float
    status: int

    @property
    def notification_id(self) -> str:
        return str(self.message.get("data", {}).get("notificationId"))

    @property
    def android_tag(self) -> str | None:
        tag: str | None = self.message.get("android", {}).get("notification", {}).get("tag")
        return tag

    @property
    def apns_collapse_id(self) -> str | None:
        collapse: str | None = self.message.get("apns", {}).get("headers", {}).get("apns-collapse-id")
        return collapse


class FakeFcm:
    """The server's state: scripted answers per token and everything received (thread-safe)."""

    def __init__(
        self, credentials_file: Path, public_key_pem: bytes, on_receive: Callable[[Received], None] | None = None
    ) -> None:
        self.credentials_file = credentials_file
        self.url = ""
        self.delay_seconds = 0.0
        self._on_receive = on_receive
        self._public_key_pem = public_key_pem
        self._lock = threading.Lock()
        self._scripts: dict[str, deque[Reply]] = defaultdict(deque)
        self._always: dict[str, Reply] = {}
        self._received: list[Received] = []
        self._access_tokens: set[str] = set()
        self._names = itertools.count(1)

    def env(self) -> dict[str, str]:
        """What a worker process needs to send here."""
        return {"FIREBASE_FCM_URL": self.url, "FIREBASE_CREDENTIALS_FILE": str(self.credentials_file)}

    def script(self, token: str, *replies: Reply) -> None:
        """The next answers for this token, in order; success after them."""
        with self._lock:
            self._scripts[token].extend(replies)

    def always(self, token: str, reply: Reply) -> None:
        with self._lock:
            self._always[token] = reply

    def received(self, token: str | None = None) -> list[Received]:
        with self._lock:
            return [r for r in self._received if token is None or r.token == token]

    def issue_access_token(self, assertion: str) -> str | None:
        """A bearer token for a correctly signed grant from the test service account, else None."""
        try:
            claims: dict[str, Any] = jwt.decode(  # type: ignore[no-untyped-call]  # google-auth is untyped here
                assertion, certs=self._public_key_pem, audience=GOOGLE_TOKEN_AUDIENCE
            )
        except ValueError:
            return None
        if claims.get("iss") != CLIENT_EMAIL:
            return None
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._access_tokens.add(token)
        return token

    def authorised(self, header: str | None) -> bool:
        scheme, _, token = (header or "").partition(" ")
        with self._lock:
            return scheme == "Bearer" and token in self._access_tokens

    def answer(self, project: str, payload: dict[str, Any]) -> Reply:
        message = payload.get("message", {})
        token = message.get("token") or message.get("fid") or ""
        with self._lock:
            script = self._scripts.get(token)
            reply = script.popleft() if script else self._always.get(token)
            if reply is None:
                reply = Reply(200, {"name": f"projects/{project}/messages/{next(self._names)}"})
            received = Received(project, token, message, bool(payload.get("validate_only")), time.time(), reply.status)
            self._received.append(received)
        if self._on_receive is not None:
            self._on_receive(received)
        return reply


def _handler(fake: FakeFcm) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as FCM
        disable_nagle_algorithm = True  # headers and body go in separate writes: no 40 ms delayed-ACK stall

        def do_GET(self) -> None:
            if self.path != "/pushes":
                self._reply(Reply(404, _error(404, "NOT_FOUND", "No such page.", "UNSPECIFIED_ERROR")))
                return
            self._reply(Reply(200, {"pushes": [asdict(received) for received in fake.received()]}))

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if self.path == "/token":
                self._token(body)
                return
            matched = _SEND_PATH.match(self.path)
            if matched is None:
                self._reply(Reply(404, _error(404, "NOT_FOUND", "No such method.", "UNSPECIFIED_ERROR")))
                return
            if not fake.authorised(self.headers.get("Authorization")):
                self._reply(
                    Reply(
                        401,
                        _error(401, "UNAUTHENTICATED", "Request had invalid credentials.", "THIRD_PARTY_AUTH_ERROR"),
                    )
                )
                return
            time.sleep(fake.delay_seconds)  # lets a test kill a worker while its request is in flight
            self._reply(fake.answer(matched["project"], json.loads(body)))

        def _token(self, body: bytes) -> None:
            form = urllib.parse.parse_qs(body.decode())
            assertion = form.get("assertion", [""])[0]
            access = fake.issue_access_token(assertion)
            if access is None:
                self._reply(Reply(400, {"error": "invalid_grant", "error_description": "Invalid JWT."}))
                return
            self._reply(Reply(200, {"access_token": access, "expires_in": 3600, "token_type": "Bearer"}))

        def _reply(self, reply: Reply) -> None:
            data = json.dumps(reply.body).encode()
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's signature
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    request_queue_size = 1024  # firebase-admin opens up to 100 connections at once (the stdlib's backlog is 5)
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A worker killed mid-request leaves a broken pipe: expected in the crash tests, not news.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _write_service_account(path: Path, key: rsa.RSAPrivateKey, token_uri: str) -> None:
    """A service-account key file, as the Firebase console gives one, with the fake's token URI."""
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    info = {
        "type": "service_account",
        "project_id": PROJECT_ID,
        "private_key_id": secrets.token_hex(20),
        "private_key": private.decode(),
        "client_email": CLIENT_EMAIL,
        "client_id": "100000000000000000001",
        "token_uri": token_uri,
    }
    path.write_text(json.dumps(info))


@contextlib.contextmanager
def serving_fake_fcm(
    folder: Path, *, port: int = 0, on_receive: Callable[[Received], None] | None = None
) -> Iterator[FakeFcm]:
    """A fake FCM on `port` (0: a free one), its service-account key in `folder` (the benchmarks use it too)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    folder.mkdir(parents=True, exist_ok=True)
    fake = FakeFcm(folder / "service-account.json", public, on_receive)
    server = _Server(("127.0.0.1", port), _handler(fake))
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    _write_service_account(fake.credentials_file, key, f"{fake.url}/token")
    thread = threading.Thread(target=server.serve_forever, name="fake-fcm", daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


def _show(received: Received) -> None:
    """One line per push, as a developer watching `scripts/dev` wants it: to whom, what it says, its data."""
    text = received.message.get("notification", {})
    data = received.message.get("data", {})
    print(  # noqa: T201 - this program's output is the point
        f"push -> ...{received.token[-12:]}  {text.get('title')!r}: {text.get('body')!r}  data={json.dumps(data)}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="A fake FCM v1 server that shows the pushes it receives.")
    parser.add_argument("--port", type=int, default=9123)
    parser.add_argument("--folder", type=Path, default=Path(".local/data/fcm"))
    args = parser.parse_args(argv)
    with serving_fake_fcm(args.folder, port=args.port, on_receive=_show) as fake:
        print(f"fake FCM on {fake.url} (pushes at {fake.url}/pushes); key {fake.credentials_file}", flush=True)  # noqa: T201
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
