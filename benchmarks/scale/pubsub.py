"""What one live feed event costs Redis at 60,000 groups (issue 22, item 4): a short run.

The API publishes each feed event to its group's channel (`schemas/events.py`), and each API
process holds one subscriber connection following the channels of the groups its clients watch
(`infra/pubsub.py`). Measured here as Redis's own CPU time per message (user + system, from
/proc, so the machine's other load does not count), over 60,000 channels with feed-event
payloads published in pipelined batches to random channels:

- one Redis, with 0, 1, 2 or 4 of 4 subscriber connections on each channel (API replicas
  watching that group);
- a 3-node Redis Cluster, with classic PUBLISH (the cluster bus copies every message to every
  node) and with sharded SPUBLISH (only the node owning the channel's slot sees it), one
  subscriber on each channel.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import random
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from redis.crc import key_slot

from infra.local.services import free_port
from schemas.events import FeedEvent, FeedEventKind, feed_channel

GROUPS = 60_000
MESSAGES = 100_000
BATCH = 1_000
CONNECTIONS = 4
_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Cost:
    case: str
    messages: int
    cpu_us_per_message: float  # every node's CPU, summed
    nodes: int


def _resp(*parts: str | bytes) -> bytes:
    out = [f"*{len(parts)}\r\n".encode()]
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        out.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(out)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS  # utime + stime


def _drain(port: int, commands: list[bytes]) -> None:
    """A subscriber: send its (S)SUBSCRIBE commands, then read and drop everything until killed."""
    with socket.create_connection(("127.0.0.1", port)) as sock:
        for start in range(0, len(commands), BATCH):
            sock.sendall(b"".join(commands[start : start + BATCH]))
        while sock.recv(1 << 20):
            pass


@contextlib.contextmanager
def _redis(root: Path, *, cluster: bool) -> Iterator[tuple[int, int]]:
    """(port, pid) of a redis-server with no persistence, stopped on exit."""
    port = free_port()
    command = [_binary("redis-server"), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
               "--dir", str(root), "--client-output-buffer-limit", "pubsub 0 0 0"]  # fmt: skip
    if cluster:
        # The bus port defaults to port + 10000, past 65535 for a high free port: choose one.
        command += ["--cluster-enabled", "yes", "--cluster-config-file", f"nodes-{port}.conf",
                    "--cluster-port", str(free_port())]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603 - our own argv
    try:
        _until(lambda: _ask(port, "PING") == b"+PONG\r\n")
        yield port, process.pid
    finally:
        process.terminate()
        process.wait(timeout=10)


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found: run scripts/bootstrap first")
    return found


def _ask(port: int, *parts: str) -> bytes:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
            sock.sendall(_resp(*parts))
            return sock.recv(1 << 16)
    except OSError:
        return b""


def _until(ready: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not ready():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise TimeoutError("redis did not become ready")
        time.sleep(0.1)


def _publish(targets: Sequence[tuple[int, bytes]]) -> None:
    """Send each (port, command) in pipelined batches per node, reading every reply."""
    by_port: dict[int, list[bytes]] = {}
    for port, command in targets:
        by_port.setdefault(port, []).append(command)
    for port, commands in by_port.items():
        with socket.create_connection(("127.0.0.1", port)) as sock:
            for start in range(0, len(commands), BATCH):
                batch = commands[start : start + BATCH]
                sock.sendall(b"".join(batch))
                _read_replies(sock, len(batch))


def _read_replies(sock: socket.socket, count: int) -> None:
    buffer = b""
    while buffer.count(b"\r\n") < count:  # integer replies: one line each
        buffer += sock.recv(1 << 16)


def _subscribers(plan: Sequence[tuple[int, list[bytes]]]) -> list[multiprocessing.Process]:
    processes = [multiprocessing.Process(target=_drain, args=(port, commands), daemon=True) for port, commands in plan]
    for process in processes:
        process.start()
    return processes


def _stop(processes: list[multiprocessing.Process]) -> None:
    for process in processes:
        process.terminate()
        process.join(timeout=10)


def _payload(group_id: str) -> bytes:
    return FeedEvent(kind=FeedEventKind.RESPONSE_ADDED, group_id=group_id, share_id=str(uuid.uuid4()),
                     response_id=str(uuid.uuid4())).model_dump_json().encode()  # fmt: skip


def _measure(case: str, pids: Sequence[int], targets: Sequence[tuple[int, bytes]]) -> Cost:
    before = sum(_cpu_seconds(pid) for pid in pids)
    _publish(targets)
    used = sum(_cpu_seconds(pid) for pid in pids) - before
    return Cost(case, len(targets), used / len(targets) * 1e6, len(pids))


def standalone(root: Path, channels: list[str], rng: random.Random) -> list[Cost]:
    costs = []
    picks = [rng.choice(channels) for _ in range(MESSAGES)]
    for per_channel in (0, 1, 2, 4):
        with _redis(root, cluster=False) as (port, pid):
            plan = [(port, [_resp("SUBSCRIBE", *channels[i : i + BATCH]) for i in range(0, len(channels), BATCH)])
                    for _ in range(per_channel)]  # fmt: skip
            processes = _subscribers(plan)
            _until(lambda p=port, n=per_channel: _numsub(p, channels[-1]) == n)
            targets = [(port, _resp("PUBLISH", channel, _payload(channel))) for channel in picks]
            costs.append(
                _measure(f"one Redis, {per_channel} of {CONNECTIONS} replicas on each channel", [pid], targets)
            )
            _stop(processes)
    return costs


def _numsub(port: int, channel: str) -> int:
    reply = _ask(port, "PUBSUB", "NUMSUB", channel).split(b"\r\n")
    return int(reply[-2][1:]) if len(reply) > 2 else -1


def cluster(root: Path, channels: list[str], rng: random.Random) -> list[Cost]:
    with contextlib.ExitStack() as stack:
        nodes = [stack.enter_context(_redis(root, cluster=True)) for _ in range(3)]
        ports = [port for port, _ in nodes]
        create = [_binary("redis-cli"), "--cluster", "create", *[f"127.0.0.1:{p}" for p in ports]]
        subprocess.run([*create, "--cluster-replicas", "0", "--cluster-yes"], check=True, capture_output=True)  # noqa: S603
        _until(lambda: all(b"cluster_state:ok" in _ask(p, "CLUSTER", "INFO") for p in ports))
        owner = _owners(ports)
        home = {channel: owner[key_slot(channel.encode())] for channel in channels}
        picks = [rng.choice(channels) for _ in range(MESSAGES)]
        pids = [pid for _, pid in nodes]
        classic = _subscribers([(port, [_resp("SUBSCRIBE", c) for c in channels if home[c] == port]) for port in ports])
        time.sleep(3)
        broadcast = [(ports[0], _resp("PUBLISH", c, _payload(c))) for c in picks]
        costs = [_measure("3-node cluster, PUBLISH (to every node)", pids, broadcast)]
        _stop(classic)
        sharded = _subscribers(
            [(port, [_resp("SSUBSCRIBE", c) for c in channels if home[c] == port]) for port in ports]
        )
        time.sleep(3)
        targeted = [(home[c], _resp("SPUBLISH", c, _payload(c))) for c in picks]
        costs.append(_measure("3-node cluster, SPUBLISH (to the slot's node)", pids, targeted))
        _stop(sharded)
    return costs


def _owners(ports: list[int]) -> dict[int, int]:
    """Slot -> port, from each node's CLUSTER SHARDS-free view: ask which node answers MOVED."""
    owner: dict[int, int] = {}
    reply = _ask(ports[0], "CLUSTER", "SLOTS").decode()
    numbers = [line for line in reply.split("\r\n") if line.startswith(":")]
    # CLUSTER SLOTS: per range, start, end, then the master's port (after its address).
    for start, end, port in zip(numbers[0::3], numbers[1::3], numbers[2::3], strict=True):
        for slot in range(int(start[1:]), int(end[1:]) + 1):
            owner[slot] = int(port[1:])
    return owner


def run() -> list[Cost]:
    rng = random.Random(22)
    channels = [feed_channel(str(uuid.UUID(int=rng.getrandbits(128), version=4))) for _ in range(GROUPS)]
    with tempfile.TemporaryDirectory(prefix="scale-pubsub-") as root:
        return standalone(Path(root), channels, rng) + cluster(Path(root), channels, rng)


def table(costs: list[Cost]) -> str:
    lines = [
        f"{GROUPS:,} group channels, {MESSAGES:,} feed events to random channels, pipelined in batches of {BATCH:,};",
        "Redis's CPU (user + system) per message, every node summed.",
        "",
        "| case | nodes | CPU µs per message | messages per second per core |",
        "| --- | ---: | ---: | ---: |",
    ]
    for cost in costs:
        rate = 1e6 / cost.cpu_us_per_message if cost.cpu_us_per_message else float("inf")
        lines.append(f"| {cost.case} | {cost.nodes} | {cost.cpu_us_per_message:.2f} | {rate:,.0f} |")
    return "\n".join(lines) + "\n"
