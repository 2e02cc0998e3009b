"""Throughput and latency over HTTP: wrk on 127.0.0.1 against uvicorn with one worker process per
core, for our API and its two baselines (`benchmarks/apps.py`), all started in the same run.

wrk (one thread, 32 connections, closed loop) POSTs the screen for a pool of members, each with
their own bearer token, round-robin; ours names the trusted document by id, stock strawberry gets
its text. Each run is preceded by a warm-up that fills every worker's token cache, so the figures
are the steady state (token verification is measured apart, in-process, by `commands.py`'s caller).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from api.graphql.execution.trusted_documents import read_manifest
from benchmarks.screens import Screen, document_ids
from benchmarks.tokens import id_token
from benchmarks.writer import Generated, Person
from infra.local.services import REPO, free_port

SERVERS = {
    "bare": "benchmarks.apps:bare",
    "stock": "benchmarks.apps:stock",
    "ours": "benchmarks.apps:create_app_from_env",
}
CONNECTIONS = 32
# A write's idempotency key, replaced by wrk with a new one per request (a repeated key is a replay).
UNIQUE = "__UNIQUE__"
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass(frozen=True)
class Measured:
    """One wrk run: requests per second, p50 and p99 in milliseconds, failures, and the load average."""

    rate: float
    p50: float
    p99: float
    failed: int
    load: str


@dataclass(frozen=True)
class Server:
    name: str
    url: str


@contextlib.contextmanager
def servers(env: dict[str, str], workers: int) -> Iterator[dict[str, Server]]:
    """The three servers, each uvicorn with `workers` processes; stopped on exit."""
    started: list[subprocess.Popen[bytes]] = []
    running: dict[str, Server] = {}
    try:
        for name, factory in SERVERS.items():
            port = free_port()
            command = [
                sys.executable,
                "-m",
                "uvicorn",
                factory,
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ]
            command += ["--workers", str(workers), "--log-level", "warning", "--no-access-log"]
            started.append(subprocess.Popen(command, cwd=REPO, env=env))  # noqa: S603 - our own command line
            running[name] = Server(name, f"http://127.0.0.1:{port}")
        yield running
    finally:
        for process in started:
            process.terminate()
        for process in started:
            process.wait(timeout=30)


def bodies(screen: Screen, people: list[Person], generated: Generated, *, by_id: bool) -> list[tuple[str, str]]:
    """(token, JSON body) per member: by the document's id (ours), or with its text (stock)."""
    documents = document_ids()
    texts = {operation["name"]: operation["body"] for operation in read_manifest()["operations"]}
    pairs = []
    for person in people:
        body = screen.body(person, generated, documents)
        if "idempotencyKey" in body["variables"].get("input", {}):
            body["variables"]["input"]["idempotencyKey"] = UNIQUE
        if not by_id:
            body = {"query": texts[screen.operation], "variables": body["variables"]}
        pairs.append((id_token(person.uid), json.dumps(body)))
    return pairs


def check(server: Server, pairs: list[tuple[str, str]], *, sample: int = 10) -> None:
    """The first `sample` bodies answer 200 without errors."""
    for token, body in pairs[:sample]:
        response = _post(server, token, body)
        if response.status_code != 200 or "errors" in response.json():
            raise RuntimeError(f"{server.name}: {response.status_code} {response.text[:300]}")


def wait_ready(server: Server, pair: tuple[str, str], timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if _post(server, *pair).status_code == 200:
                return
        time.sleep(0.5)
    raise RuntimeError(f"{server.name} did not start")


def _post(server: Server, token: str, body: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    return httpx.post(f"{server.url}/graphql", content=body, headers=headers, timeout=30)


def wrk(server: Server, pairs: list[tuple[str, str]], *, seconds: int, delay_ms: float = 0.0) -> Measured:
    """One wrk run; with `delay_ms`, each connection waits that long on average between requests (a
    lower rate), drawn afresh each time: with a fixed wait the connections stay in step and every
    request of a round arrives at once, which measures a burst of 32, not a steady half-load.
    """
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_lua(pairs, delay_ms))
    try:
        # A 30 s timeout: a request waiting on FerretDB is measured, not dropped.
        command = [
            "wrk",
            "-t1",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "--latency",
            "-s",
            script.name,
        ]
        output = subprocess.run(  # noqa: S603 - wrk with our own arguments
            [*command, f"{server.url}/graphql"], capture_output=True, text=True, check=True
        ).stdout
    finally:
        os.unlink(script.name)
    return _parse(output)


def _lua(pairs: list[tuple[str, str]], delay_ms: float) -> str:
    entries = ",\n".join(f"  {{[==[{token}]==], [==[{body}]==]}}" for token, body in pairs)
    return f"""
local pairs_ = {{
{entries}
}}
local requests = {{}}
local unique = {{}}
local i, sent = 0, 0
local run = string.format("%d%04d", os.time(), math.random(0, 9999))
function init(args)
  for _, pair in ipairs(pairs_) do
    local headers = {{["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. pair[1]}}
    requests[#requests + 1] = wrk.format("POST", "/graphql", headers, pair[2])
    unique[#unique + 1] = string.find(pair[2], "{UNIQUE}", 1, true) and {{headers, pair[2]}} or false
  end
end
function request()
  i = i % #requests + 1
  if not unique[i] then return requests[i] end
  sent = sent + 1
  local body = string.gsub(unique[i][2], "{UNIQUE}", "wrk-" .. run .. "-" .. sent)
  return wrk.format("POST", "/graphql", unique[i][1], body)
end
{"function delay() return math.random(0, " + str(int(2 * delay_ms)) + ") end" if delay_ms else ""}
"""


def _parse(output: str) -> Measured:
    rate = float(_find(r"Requests/sec:\s+([\d.]+)", output))
    failed = int(_find(r"Non-2xx or 3xx responses:\s+(\d+)", output, "0"))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    failed += sum(int(count) for count in errors.groups()) if errors else 0
    return Measured(rate, _latency("50", output), _latency("99", output), failed, load_average())


def load_average() -> str:
    """The 1-minute load average now: how busy the (shared) machine was."""
    return Path("/proc/loadavg").read_text().split()[0]


def _latency(percentile: str, output: str) -> float:
    match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"no p{percentile} in wrk's output:\n{output}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def _find(pattern: str, text: str, default: str | None = None) -> str:
    match = re.search(pattern, text)
    if match is None:
        if default is None:
            raise RuntimeError(f"{pattern!r} not in wrk's output:\n{text}")
        return default
    return match.group(1)
