"""Structured JSON logs with a per-request id, and nothing a member wrote.

Log ids and codes, never a note, a share's body, a token or a display name
(ANON-7): the request id is random and not tied to the member in these logs.
"""

from __future__ import annotations

import logging
import sys
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

# Libraries that log what goes over the wire at DEBUG: MongoDB commands and their
# replies (notes, share bodies, push tokens, display names) and WebSocket frames
# (the bearer token in connection_init). Their DEBUG records are dropped at the
# logger, so no handler, level or sink can ever receive them.
WIRE_LOGGERS = ("pymongo.command", "uvicorn.error", "websockets.server")


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class _NoWireData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.DEBUG


def configure_logging(level: str) -> None:
    """JSON lines on stderr; idempotent, so reloads and tests can call it again."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter("{asctime}{levelname}{name}{message}{request_id}", style="{"))
    handler.addFilter(_RequestIdFilter())
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level.upper())
    drop_wire_data()


def drop_wire_data() -> None:
    """Filter the wire loggers' DEBUG records out at the source; idempotent. Called by
    `configure_logging` and by whatever builds the API, however it is then served.
    """
    for name in WIRE_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, _NoWireData) for existing in logger.filters):
            logger.addFilter(_NoWireData())
