"""Start, reuse and stop the servers a local run or a test session needs.

A MongoDB-compatible server (`mongod` when it is on PATH, else SecantusDB's Rust
server, or FerretDB when `LOCAL_MONGO_ENGINE=ferretdb`), Redis, and the Firebase Auth emulator, each on 127.0.0.1 with
its data under one folder. Used by `scripts/dev` (fixed ports, data kept
between runs) and by the test session (free ports, a temporary folder).

Standard library only, so it also runs before the project's virtualenv exists.
Command line: `python -m infra.local.services up|down|status|env [--root DIR]`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_ROOT = REPO / ".local" / "data"
PROJECT_ID = "demo-wellbeing"
TEST_REDIS_DATABASES = 1024  # a broker database per test module, so none reads another's queue


class ServiceError(RuntimeError):
    """A service could not be started, with the reason and where its log is."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


@dataclass(kw_only=True)
class Service:
    """One server process: how to start it and how to tell it is ready."""

    name: str
    port: int
    root: Path
    ready_timeout: float = 30.0
    _process: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)

    @property
    def data_dir(self) -> Path:
        return self.root / self.name

    @property
    def pid_file(self) -> Path:
        return self.root / f"{self.name}.pid"

    @property
    def log_file(self) -> Path:
        return self.root / f"{self.name}.log"

    def command(self) -> list[str]:
        raise NotImplementedError

    def ready(self) -> bool:
        return _port_open(self.port)

    def running_pid(self) -> int | None:
        """The pid of our own earlier start of this service, if it still runs."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if _pid_alive(pid) else None

    def start(self) -> bool:
        """Start the service, or reuse ours if it already runs. True when started now."""
        if self.running_pid() is not None and self.ready():
            return False
        if _port_open(self.port):
            raise ServiceError(f"{self.name}: port {self.port} is taken by a process that is not ours")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with self.log_file.open("ab") as log:
            process = subprocess.Popen(  # noqa: S603 - fixed argv built above, no shell
                self.command(),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=self.data_dir,
                start_new_session=True,  # its own process group, so stop() reaches its children
            )
        self._process = process  # kept, so it is reaped rather than collected while running
        self.pid_file.write_text(str(process.pid))
        self._wait_ready(process)
        return True

    def _wait_ready(self, process: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + self.ready_timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise ServiceError(
                    f"{self.name} exited with {process.returncode}; see {self.log_file}:\n{self._tail()}"
                )
            if self.ready():
                return
            time.sleep(0.1)
        self.stop()
        raise ServiceError(
            f"{self.name} not ready after {self.ready_timeout:.0f}s; see {self.log_file}:\n{self._tail()}"
        )

    def _tail(self) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-15:])
        except OSError:
            return ""

    def stop(self, timeout: float = 20.0) -> None:
        pid = self.running_pid()
        if pid is not None:
            _terminate_group(pid, timeout)
        if self._process is not None:
            self._process.wait(timeout)
            self._process = None
        self.pid_file.unlink(missing_ok=True)

    def kill(self) -> None:
        """Stop it at once, as a crash would (the fault tests): no graceful shutdown."""
        pid = self.running_pid()
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
        self.stop()


def _terminate_group(pid: int, timeout: float) -> None:
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _pid_alive(pid):
        time.sleep(0.1)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reap it when it is our child
    if _pid_alive(pid):
        os.killpg(pid, signal.SIGKILL)


def _find(binary: str, *candidates: Path) -> str | None:
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(binary)


ENGINES = ("mongod", "secantus", "ferretdb")
SECANTUS = REPO / ".local" / "bin" / "secantusd-rs"
FERRETDB = REPO / ".local" / "bin" / "ferretdb"


def mongo_engine() -> str:
    """Which MongoDB-compatible server runs locally: `mongod` when on PATH, else
    `LOCAL_MONGO_ENGINE` (`secantus`, the default, or `ferretdb`, the second engine).
    """
    if shutil.which("mongod"):
        return "mongod"
    engine = os.environ.get("LOCAL_MONGO_ENGINE", "secantus")
    if engine not in ENGINES:
        raise ServiceError(f"LOCAL_MONGO_ENGINE={engine!r}: expected one of {', '.join(ENGINES)}")
    return engine


@dataclass(kw_only=True)
class MongoService(Service):
    """The local document store: `mongod` when on PATH, else SecantusDB's Rust server
    (indexed, atomic conditional updates), or FerretDB 1.24 on SQLite when asked for.
    """

    name: str = "mongo"
    engine: str = field(default_factory=mongo_engine)
    # Small stores: tests start several (a WiredTiger log file is allocated in full).
    cache_size: str = "512M"

    def command(self) -> list[str]:
        if self.engine == "mongod":
            return ["mongod", "--dbpath", str(self.data_dir), "--port", str(self.port),
                    "--bind_ip", "127.0.0.1", "--quiet"]  # fmt: skip
        if self.engine == "secantus":
            return [self._binary("secantusd-rs", SECANTUS), "--host", "127.0.0.1", "--port", str(self.port),
                    f"--storage-path={self.data_dir}", f"--cache-size={self.cache_size}",
                    "--log-file-max=32MB", "--log-level=WARNING"]  # fmt: skip
        return [
            self._binary("ferretdb", FERRETDB),
            "--handler=sqlite",
            f"--sqlite-url=file:{self.data_dir}/",
            f"--state-dir={self.data_dir}",
            f"--listen-addr=127.0.0.1:{self.port}",
            "--debug-addr=-",
            "--telemetry=disable",
            "--log-level=warn",
        ]

    @staticmethod
    def _binary(name: str, built: Path) -> str:
        found = _find(name, built)
        if found is None:
            raise ServiceError(f"{name} not found: run scripts/bootstrap first")
        return found

    @property
    def data_dir(self) -> Path:
        # One folder per engine: their files are not interchangeable.
        return self.root / (self.name if self.engine == "mongod" else f"{self.name}-{self.engine}")

    @property
    def uri(self) -> str:
        return f"mongodb://127.0.0.1:{self.port}/?directConnection=true"


@dataclass(kw_only=True)
class RedisService(Service):
    """Debian's redis-server: AOF on and no eviction, as the broker needs."""

    name: str = "redis"
    databases: int = 16

    def command(self) -> list[str]:
        redis = _find("redis-server", Path("/usr/bin/redis-server"))
        if redis is None:
            raise ServiceError("redis-server not found: run scripts/bootstrap first")
        return [
            redis,
            "--bind", "127.0.0.1",
            "--port", str(self.port),
            "--dir", str(self.data_dir),
            "--appendonly", "yes",
            "--maxmemory-policy", "noeviction",
            "--save", "",
            "--databases", str(self.databases),
            "--daemonize", "no",
        ]  # fmt: skip

    def ready(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


@dataclass(kw_only=True)
class AuthEmulatorService(Service):
    """The Firebase Auth emulator from firebase-tools; offline with a demo- project."""

    name: str = "auth"
    hub_port: int = field(default_factory=free_port)
    logging_port: int = field(default_factory=free_port)
    persist: bool = False
    ready_timeout: float = 90.0

    def command(self) -> list[str]:
        firebase = _find("firebase", REPO / "infra" / "local" / "node_modules" / ".bin" / "firebase")
        if firebase is None:
            raise ServiceError("firebase-tools not found: run scripts/bootstrap first")
        config = self.data_dir / "firebase.json"
        config.write_text(json.dumps(self._config()))
        command = [firebase, "emulators:start", "--only", "auth", "--project", PROJECT_ID, "--config", str(config)]
        if self.persist:
            export = self.data_dir / "export"
            if (export / "firebase-export-metadata.json").exists():
                command += ["--import", str(export)]
            command += ["--export-on-exit", str(export)]
        return command

    def _config(self) -> dict[str, object]:
        return {
            "emulators": {
                "auth": {"host": "127.0.0.1", "port": self.port},
                "hub": {"host": "127.0.0.1", "port": self.hub_port},
                "logging": {"host": "127.0.0.1", "port": self.logging_port},
                "ui": {"enabled": False},
                "singleProjectMode": True,
            }
        }

    def ready(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=0.5) as response:
                return bool(json.load(response).get("authEmulator", {}).get("ready"))
        except (OSError, ValueError):
            return False

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"


@dataclass(kw_only=True)
class LocalStack:
    """The three services under one root folder."""

    root: Path
    mongo: MongoService
    redis: RedisService
    auth: AuthEmulatorService

    @classmethod
    def for_development(cls, root: Path = DEFAULT_ROOT) -> LocalStack:
        """Fixed ports (overridable) and data that survives restarts."""
        return cls(
            root=root,
            mongo=MongoService(port=int(os.environ.get("LOCAL_MONGO_PORT", "27018")), root=root),
            redis=RedisService(port=int(os.environ.get("LOCAL_REDIS_PORT", "6381")), root=root),
            auth=AuthEmulatorService(
                port=int(os.environ.get("LOCAL_AUTH_PORT", "9099")),
                hub_port=int(os.environ.get("LOCAL_AUTH_HUB_PORT", "4401")),
                logging_port=int(os.environ.get("LOCAL_AUTH_LOGGING_PORT", "4501")),
                root=root,
                persist=True,
            ),
        )

    @classmethod
    def for_tests(cls, root: Path) -> LocalStack:
        """Free ports in a throwaway folder, so a test run never touches local data."""
        return cls(
            root=root,
            mongo=MongoService(port=free_port(), root=root),
            redis=RedisService(port=free_port(), root=root, databases=TEST_REDIS_DATABASES),
            auth=AuthEmulatorService(port=free_port(), root=root),
        )

    def services(self) -> Iterator[Service]:
        yield from (self.mongo, self.redis, self.auth)

    def up(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        try:
            for service in self.services():
                started = service.start()
                print(
                    f"{service.name:6} {'started' if started else 'running'} on 127.0.0.1:{service.port}",
                    file=sys.stderr,
                )
        except ServiceError:
            self.down()
            raise

    def down(self) -> None:
        for service in self.services():
            service.stop()

    def env(self) -> dict[str, str]:
        """The settings that point the API, workers and tests at these services."""
        return {
            "MONGODB_URI": self.mongo.uri,
            "REDIS_URL": f"redis://127.0.0.1:{self.redis.port}/1",
            "WORKER_BROKER_URL": f"redis://127.0.0.1:{self.redis.port}/0",
            "FIREBASE_AUTH_EMULATOR_HOST": self.auth.host,
            "FIREBASE_PROJECT_ID": PROJECT_ID,
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("action", choices=["up", "down", "status", "env"])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="folder for data, logs and pid files")
    args = parser.parse_args(argv)
    stack = LocalStack.for_development(args.root)
    try:
        if args.action == "up":
            stack.up()
        elif args.action == "down":
            stack.down()
        elif args.action == "status":
            for service in stack.services():
                state = "running" if service.running_pid() and service.ready() else "stopped"
                print(f"{service.name:6} {state:8} 127.0.0.1:{service.port}  log: {service.log_file}")
        else:
            for key, value in stack.env().items():
                print(f"export {key}={value}")
    except ServiceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
