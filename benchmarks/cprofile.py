"""`uv run python -m benchmarks.cprofile GroupFeed [Home ...]`: where one screen's CPU goes, counted.

pyinstrument (in the main run) samples wall time; this counts calls. For each screen, on the `http`
data set in-process, every token verified first: the CPU per request without a profiler, then
`cProfile` over 200 requests, by own time and by cumulative time, written to
`benchmarks/results/<date>-cprofile-<screen>.txt`. Call counts do not depend on how busy the
machine is: a feed page's fields executed, tasks created and commands sent per request.
"""

from __future__ import annotations

import asyncio
import cProfile
import io
import pstats
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.commands import Api, in_process_api
from benchmarks.profile import readers
from benchmarks.run import _generate
from benchmarks.screens import screen
from benchmarks.stack import local_stack, settings_for
from benchmarks.tokens import import_users
from benchmarks.writer import Generated
from infra.local.services import LocalStack

CALLS = 200
RESULTS = Path(__file__).parent / "results"


async def _profile(api: Api, operation: str, generated: Generated) -> str:
    each = screen(operation)
    people = readers(each, generated)
    for person in people[:CALLS]:  # every token verified, every cache warm
        await api.call(each, person, generated)
    started = time.thread_time()
    for index in range(CALLS):
        await api.call(each, people[index % len(people)], generated)
    cpu_ms = (time.thread_time() - started) / CALLS * 1000
    profiler = cProfile.Profile()
    profiler.enable()
    for index in range(CALLS):
        await api.call(each, people[index % len(people)], generated)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(40)
    stats.sort_stats("cumulative").print_stats(60)
    header = f"{operation}: {cpu_ms:.1f} ms of CPU per request in-process (no profiler); {CALLS} requests below"
    return f"{header}\n{out.getvalue()}"


async def _main(stack: LocalStack, operations: list[str]) -> None:
    settings = settings_for(stack, "bench_cprofile")
    generated = await _generate(settings, "http")
    import_users(settings.firebase, [person.uid for person in generated.pool])
    async with in_process_api(settings) as api:
        for operation in operations:
            path = RESULTS / f"{datetime.now(UTC):%Y-%m-%d}-cprofile-{operation}.txt"
            path.write_text(await _profile(api, operation, generated))
            print(f"wrote {path}", file=sys.stderr)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    with local_stack() as stack:
        asyncio.run(_main(stack, argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
