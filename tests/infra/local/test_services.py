"""The local service manager reuses what it runs and stops what it started."""

from __future__ import annotations

from pathlib import Path

import pytest

from infra.local.services import RedisService, ServiceError, _port_open, free_port


def test_a_running_service_is_reused_and_stopped(tmp_path: Path) -> None:
    redis = RedisService(port=free_port(), root=tmp_path)
    assert redis.start() is True
    try:
        assert redis.start() is False  # already ours and answering: reused
        assert redis.ready()
    finally:
        redis.stop()
    assert not _port_open(redis.port)
    assert not redis.pid_file.exists()


def test_a_port_held_by_someone_else_is_reported(tmp_path: Path) -> None:
    first = RedisService(port=free_port(), root=tmp_path / "a")
    first.start()
    try:
        second = RedisService(port=first.port, root=tmp_path / "b")
        with pytest.raises(ServiceError, match="not ours"):
            second.start()
    finally:
        first.stop()
