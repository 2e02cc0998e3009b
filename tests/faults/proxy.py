"""A TCP proxy of ours between the app under test and one server, to make that server
slow or silent on purpose without touching it: bytes pass, pass late, or are held.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from infra.local.services import free_port


class FaultProxy:
    """Listens on `port` and forwards to 127.0.0.1:`target`, in the test's event loop."""

    def __init__(self, target: int) -> None:
        self.target = target
        self.port = free_port()
        self.delay_seconds = 0.0
        self._flowing = asyncio.Event()
        self._flowing.set()
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    def slow(self, seconds: float) -> None:
        """Every chunk, either way, waits `seconds` before it is passed on."""
        self.delay_seconds = seconds

    def blackhole(self) -> None:
        """Accept and hold everything: a server that stopped answering without closing anything."""
        self._flowing.clear()

    def heal(self) -> None:
        self.delay_seconds = 0.0
        self._flowing.set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", self.port)

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _accept(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", self.target)
        except OSError:
            client_writer.close()
            return
        for reader, writer in ((client_reader, server_writer), (server_reader, client_writer)):
            task = asyncio.create_task(self._pipe(reader, writer))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65_536):
                await self._flowing.wait()
                if self.delay_seconds:
                    await asyncio.sleep(self.delay_seconds)
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()


@contextlib.asynccontextmanager
async def proxied(target: int) -> AsyncIterator[FaultProxy]:
    proxy = FaultProxy(target)
    await proxy.start()
    try:
        yield proxy
    finally:
        await proxy.close()
