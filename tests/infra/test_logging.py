"""The JSON logs never receive what a library logs off the wire at DEBUG (ANON-7)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from api.main import create_app
from infra.logging import WIRE_LOGGERS, configure_logging
from infra.settings import Settings


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    configure_logging("DEBUG")
    for name in WIRE_LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    yield caplog
    root.handlers, root.level = handlers, level


@pytest.mark.parametrize("name", WIRE_LOGGERS)
def test_wire_data_logged_at_debug_is_dropped_and_warnings_still_pass(
    debug_logs: pytest.LogCaptureFixture, name: str
) -> None:
    # pymongo logs each command with its documents; uvicorn each socket frame with its token.
    logger = logging.getLogger(name)

    logger.debug("frame %s", '{"authorization": "Bearer canarytoken"}')
    logger.warning("connection lost")

    assert [(r.name, r.getMessage()) for r in debug_logs.records] == [(name, "connection lost")]


def test_configuring_twice_and_building_the_api_add_one_filter(
    debug_logs: pytest.LogCaptureFixture, settings: Settings
) -> None:
    configure_logging("INFO")
    create_app(settings)

    assert [len(logging.getLogger(name).filters) for name in WIRE_LOGGERS] == [1, 1, 1]


def test_other_loggers_keep_their_debug_records(debug_logs: pytest.LogCaptureFixture) -> None:
    debug_logs.set_level(logging.DEBUG, logger="domain.shares")

    logging.getLogger("domain.shares").debug("share %s published", "an-id")

    assert [r.getMessage() for r in debug_logs.records] == ["share an-id published"]
