"""A tiny Open Referral UK feed for tests: a real HTTP server on a free port serving recorded pages.

`/services?page=N` answers the bytes stored for page N (404 when there is none), so a test can
swap a page for a malformed one, or drop a service, between imports.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

RECORDED = Path(__file__).parent.parent / "domain" / "organisations" / "feeds" / "oruk_services.json"


def recorded_pages() -> dict[int, bytes]:
    """The recorded feed (a list of ORUK pages) as page number -> body."""
    pages: list[dict[str, Any]] = json.loads(RECORDED.read_text())
    return {page["number"]: json.dumps(page).encode() for page in pages}


@dataclass
class OrukFeed:
    url: str = ""
    pages: dict[int, bytes] = field(default_factory=recorded_pages)
    requests: list[str] = field(default_factory=list)

    def page(self, number: int) -> dict[str, Any]:
        decoded: dict[str, Any] = json.loads(self.pages[number])
        return decoded

    def set_page(self, number: int, body: dict[str, Any] | bytes) -> None:
        self.pages[number] = body if isinstance(body, bytes) else json.dumps(body).encode()


@contextmanager
def serving_oruk_feed() -> Iterator[OrukFeed]:
    feed = OrukFeed()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parsed = urlparse(self.path)
            feed.requests.append(self.path)
            number = int(parse_qs(parsed.query).get("page", ["1"])[0])
            body = feed.pages.get(number) if parsed.path == "/services" else None
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body or b'{"error": "not found"}')

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet in tests
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    feed.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield feed
    finally:
        server.shutdown()
        server.server_close()
