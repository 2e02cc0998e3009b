"""kombu's Redis transport, with one fault mended: a worker that held unacknowledged
messages when Redis went away died instead of reconnecting.

What happens (kombu 5.7.0, celery 5.7.0, measured in tests/faults/test_worker_redis.py):
when the connection drops while the worker still waits on `BRPOP` and holds unacked
messages (a task running, or a countdown task waiting for its time), Celery's consumer
first `collect()`s the connection. Closing the channel there fails at the dead socket
before the unacked messages are restored, and `collect()` then detaches the transport
from its connection (`transport.client = None`). Celery closes the connection once
more; the channel's second close tries the restore again, and to open a new pool it
reads the broker's address from the detached client: `AttributeError: 'NoneType'
object has no attribute 'hostname'`. That is no connection error, so nothing catches
it, and the worker stops ("Unrecoverable error").

Here a channel whose transport was detached says what is true, that the broker cannot
be reached, with the connection error kombu expects: the close is abandoned as on any
outage, the worker reconnects, and the unacked messages, still in Redis's unacked
index, are delivered again once the visibility timeout passes (the outbox's sweeper
re-sends notifications sooner).
"""

from __future__ import annotations

from typing import Any

from kombu.transport import redis
from redis.exceptions import ConnectionError as RedisConnectionError

TRANSPORT = "workers.broker:Transport"  # Celery's `broker_transport`; the URL stays redis://


class Channel(redis.Channel):
    def _connparams(self, asynchronous: bool = False) -> dict[str, Any]:
        if self.connection is None or self.connection.client is None:
            raise RedisConnectionError("the broker connection was closed; reconnecting")
        # kombu's typed stub of the channel leaves out this private method, which its Redis transport has.
        params: dict[str, Any] = super()._connparams(asynchronous=asynchronous)  # type: ignore[misc]
        return params


class Transport(redis.Transport):
    Channel = Channel
