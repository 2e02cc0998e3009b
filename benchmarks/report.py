"""The results file: `benchmarks/results/<date>.md`, with the profile beside it."""

from __future__ import annotations

import os
import platform
from pathlib import Path

from benchmarks.dataset import HISTORY_FRACTION
from benchmarks.load import CONNECTIONS, Measured
from benchmarks.quiet import QuietScan
from benchmarks.run import LOADED, Results, results_path
from benchmarks.screens import SCREENS

# Issue 20's targets: every member-facing screen 2x stock strawberry, p99 under 100 ms at half its
# peak; the crisis screen and home a quarter of the bare endpoint; 100k members within 1.5x of 1k.
VS_STOCK, VS_BARE, HALF_PEAK_P99_MS, GROWTH = 2.0, 0.25, 100.0, 1.5
VS_BARE_SCREENS = ("SupportResources", "Home")


def write(results: Results, notes: str, *, name: str = "") -> Path:
    """Write the report and the profile; the report's path."""
    path = results_path(results.started, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    sections = [_header(results)]
    if results.sizes:
        sections += [_datasets(results), _commands(results), _growth(results)]
    sections += [_http(results, size) for size in results.load_sizes] or [
        "## Throughput and latency over HTTP\n\nNot run."
    ]
    sections += [_workers(results), _quiet(results)]
    for operation, text in results.profiles.items():
        profile_path = path.with_name(f"{path.stem}-profile-{operation}.txt")
        profile_path.write_text(text)
        sections.append(_profile(operation, text, profile_path))
    sections += [_failures(results), notes]
    path.write_text("\n\n".join(section.strip() for section in sections if section) + "\n")
    return path


def _header(results: Results) -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in _cpuinfo() if line.startswith("model name")), "unknown")
    return f"""# Benchmarks, {results.started:%Y-%m-%d %H:%M} UTC

Produced by `uv run python -m benchmarks` on this machine: {os.cpu_count()} cores ({cpu}), Python
{platform.python_version()}, {ENGINES.get(results.engine, results.engine)}, Redis and the Auth emulator on
127.0.0.1. The machine may be shared with other work: the 1-minute load average was {results.load_at_start}
at the start and {results.load_at_end} at the end, and is recorded beside each HTTP measurement. The whole
run took {results.seconds / 60:.0f} minutes.{FERRETDB_CAVEAT if results.engine == "ferretdb" else ""}"""


ENGINES = {
    "secantus": "SecantusDB 0.5.3-beta.196 (the Rust server, our unique-claims patch) as the document store",
    "ferretdb": "FerretDB 1.24 on SQLite as the document store",
    "mongod": "mongod as the document store",
}
FERRETDB_CAVEAT = """
FerretDB is not MongoDB (DESIGN §8): commands are counted exactly; times include FerretDB on the
same 2 cores and are no measure of a database's speed."""


def _cpuinfo() -> list[str]:
    path = Path("/proc/cpuinfo")
    return path.read_text().splitlines() if path.exists() else []


COLLECTIONS = ("members", "groups", "memberships", "checkins", "shares", "responses", "reactions", "notifications")


def _table(header: list[str], rows: list[list[str]]) -> str:
    """A markdown table; every column but the first right-aligned."""
    lines = [f"| {' | '.join(header)} |", "| --- |" + " ---: |" * (len(header) - 1)]
    return "\n".join([*lines, *(f"| {' | '.join(row)} |" for row in rows)])


def _datasets(results: Results) -> str:
    header = ["Size", *COLLECTIONS, "all documents", "load time", "documents/s", "history for"]
    rows = []
    for size, result in results.sizes.items():
        made = result.generated
        rate = made.documents / made.seconds if made.seconds else 0
        counts = [f"{made.counts.get(name, 0):,}" for name in COLLECTIONS]
        timing = [
            f"{made.documents:,}",
            f"{made.seconds:.0f} s",
            f"{rate:,.0f}",
            f"{HISTORY_FRACTION[size]:.0%} of groups",
        ]
        rows.append([size, *counts, *timing])
    return "## Data sets (`benchmarks/dataset.py`, seed 8)\n\n" + _table(header, rows)


def _commands(results: Results) -> str:
    sizes = list(results.sizes)
    rows = [f"| Screen or mutation | {' | '.join(sizes)} |", f"| --- |{' ---: |' * len(sizes)}"]
    for screen in SCREENS:
        rows.append(
            f"| {screen.name} | {' | '.join(str(results.sizes[s].commands[screen.operation]) for s in sizes)} |"
        )
    profiled = next((size for size in sizes if results.sizes[size].pages), "")
    for page, count in (results.sizes[profiled].pages if profiled else {}).items():
        cells = " | ".join(str(count) if size == profiled else "" for size in sizes)
        rows.append(f"| {page} ({profiled} only) | {cells} |")
    return (
        "## MongoDB commands per screen (exact, a `CommandListener`; the same at every size)\n\n"
        + "\n".join(rows)
        + "\n\nCI guards the same with small data (`tests/benchmarks/`): 1 vs 30 groups, feed pages of 5 vs 50, "
        "a share with 1 vs 30 responses, groups of 6 vs 30."
    )


def _growth(results: Results) -> str:
    sizes = list(results.sizes)
    header = ["Screen or mutation", *(f"{size}: commands" for size in sizes), *(f"{size}: ms" for size in sizes)]
    first, last = (sizes[1], sizes[-1]) if len(sizes) > 2 and sizes[0] == "http" else (sizes[0], sizes[-1])
    header.append(f"{last} / {first}")
    rows, verdicts = [], []
    for screen in SCREENS:
        counts = [str(results.sizes[size].commands[screen.operation]) for size in sizes]
        times = [f"{results.sizes[size].timed[screen.operation]:,.1f}" for size in sizes]
        growth = results.sizes[last].timed[screen.operation] / results.sizes[first].timed[screen.operation]
        rows.append([screen.name, *counts, *times, f"{growth:.2f}"])
        verdicts.append(f"- {screen.operation}: {growth:.2f}x (goal {GROWTH}x or less), {_met(growth <= GROWTH)}")
    return f"""## Growth: cost per request at each size

Commands are exact. The times are the median of 15 warm requests in-process (no network), the
document store on the same 2 cores; the indexes in `infra/mongo/indexes.py` serve every query,
so they should stay flat from {first} to {last} members.

{_table(header, rows)}

Targets ({last} within {GROWTH}x of {first}):
{chr(10).join(verdicts)}"""


def _http(results: Results, size: str) -> str:
    http = results.http[size]
    header = ["Screen", "server", "req/s", "p50", "p99", "failed", "load avg", "ours / stock", "ours / bare"]
    rows = [
        _row(operation, name, http[operation]) for operation in LOADED if operation in http for name in http[operation]
    ]
    pool = len(results.sizes[size].generated.pool)
    return f"""## Throughput and latency over HTTP ({size} data set)

wrk on 127.0.0.1 (1 thread, {CONNECTIONS} connections, closed loop), uvicorn with {os.cpu_count()} worker
processes per server, a pool of {pool} members each with their own token, after a warm-up.
`bare`: a FastAPI POST answering a small JSON body (the ceiling); `stock`: our resolvers on a
plain `strawberry.Schema` and `GraphQLRouter` (parsed and validated per request, no
extensions); `ours`: the API, trusted document by id. The writes send a new idempotency key
with every request.

{_table(header, rows)}

Token verification: the API verifies a token once per process (the claims, then a revocation
lookup of the user; on the emulator there is no signature to check) and trusts it for
`FIREBASE_TOKEN_CACHE_SECONDS`. In-process, a home request took {results.home_warm_ms:.0f} ms
(median) with a token already verified and {_fresh(results)} ms with one seen for the first time; under load each
of the {pool} tokens is verified once per worker process during the warm-up, so the table
is the steady state. In production a miss also costs an RS256 check and a call to Firebase.

{_targets(results, size)}"""


def _fresh(results: Results) -> str:
    fresh = [result.fresh_token_ms for result in results.sizes.values() if result.fresh_token_ms]
    return f"{fresh[0]:.0f}" if fresh else "?"


def _row(operation: str, name: str, all_: dict[str, Measured]) -> list[str]:
    measured = all_[name]
    ratios = ["", ""]
    if name == "ours":
        ratios = [_ratio(measured.rate, all_["stock"].rate), _ratio(measured.rate, all_["bare"].rate)]
    timing = [f"{measured.rate:,.0f}", f"{measured.p50:.1f} ms", f"{measured.p99:.1f} ms"]
    return [operation, name, *timing, str(measured.failed), measured.load, *ratios]


def _ratio(ours: float, other: float) -> str:
    """A ratio of two rates; none when the other answered nothing in the run (FerretDB, timing out)."""
    return f"{ours / other:.2f}" if other else "n/a"


def _targets(results: Results, size: str) -> str:
    lines = [f"Targets at {size}:"]
    for operation, measured in results.http[size].items():
        if not (measured["stock"].rate and measured["bare"].rate):
            lines.append(f"- {operation}: not measurable, a server answered nothing in the run")
            continue
        vs_stock = measured["ours"].rate / measured["stock"].rate
        verdict = _met(vs_stock >= VS_STOCK)
        line = f"- {operation}: {vs_stock:.2f}x stock strawberry (goal {VS_STOCK:.0f}x or more), {verdict}"
        if operation in VS_BARE_SCREENS:
            vs_bare = measured["ours"].rate / measured["bare"].rate
            line += f"; {vs_bare:.2f} of the bare endpoint (goal {VS_BARE} or more), {_met(vs_bare >= VS_BARE)}"
        half = results.half_peak.get(size, {}).get(operation)
        if half is not None and half.p99:
            line += (
                f"; at about half its peak ({half.rate:,.0f} req/s of {measured['ours'].rate:,.0f}) p50 "
                f"{half.p50:.1f} ms, p99 {half.p99:.1f} ms (goal under {HALF_PEAK_P99_MS:.0f} ms, load avg "
                f"{half.load}), {_met(half.p99 < HALF_PEAK_P99_MS)}"
            )
        lines.append(line)
    return "\n".join(lines)


def _met(ok: bool) -> str:
    return "**met**" if ok else "**NOT met**"


def _workers(results: Results) -> str:
    if not results.fanouts:
        return ""
    header = ["Size", "groups due", "reminders due", "written", "delivered", "tick to last written"]
    header += ["tick to last delivered", "pushes/s per process", "commands for one group's fan-out"]
    rows = []
    for size, run in results.fanouts.items():
        per_process = run.delivered / run.to_delivered / 4 if run.to_delivered else 0.0
        commands = ", ".join(f"{name} {count}" for name, count in run.commands_per_group.items())
        counts = [f"{run.groups:,}", f"{run.members_due:,}", f"{run.written:,}", f"{run.delivered:,}"]
        rows.append(
            [size, *counts, f"{run.to_written:.0f} s", f"{run.to_delivered:.0f} s", f"{per_process:.1f}", commands]
        )
    title = "## Workers: every group's check-in due at once (real Celery, 4 processes, fake FCM)"
    return f"{title}\n\n{_table(header, rows)}"


def _quiet(results: Results) -> str:
    if not results.quiet_scans:
        return ""
    header = ["memberships", "due", "evaluated", "episodes started", "nudges written", "commands", "by kind"]
    header += ["tick", "per due membership", "seeding"]
    rows = [_quiet_row(run) for run in results.quiet_scans]
    title = "## Workers: one quiet-scan tick (`benchmarks/quiet.py`, in-process, commands counted)"
    return f"{title}\n\n{_table(header, rows)}"


def _quiet_row(run: QuietScan) -> list[str]:
    counts = [f"{run.total:,}", f"{run.due:,}", f"{run.evaluated:,}", f"{run.started:,}", f"{run.messages:,}"]
    commands = [f"{run.command_count:,}", ", ".join(f"{name} {count}" for name, count in run.commands.items())]
    per_due = f"{1000 * run.seconds / max(run.due, 1):.0f} ms"
    return [*counts, *commands, f"{run.seconds:.1f} s", per_due, f"{run.seed_seconds:.0f} s"]


def _profile(operation: str, text: str, path: Path) -> str:
    head = "\n".join(text.splitlines()[:60])
    title = f"## Profile of {operation} (in-process, pyinstrument; full text in `{path.name}`)"
    return f"{title}\n\n```text\n{head}\n```"


def _failures(results: Results) -> str:
    if not results.failures:
        return ""
    return "## Failed during this run\n\n" + "\n".join(f"- {failure}" for failure in results.failures)
