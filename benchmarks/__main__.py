"""`uv run python -m benchmarks`: run everything and write `benchmarks/results/<date>.md`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from benchmarks import report
from benchmarks.run import Plan, run

NOTES = Path(__file__).with_name("notes.md")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="http,1k,10k,100k", help="data sets to generate and count")
    parser.add_argument("--fanout-sizes", default="100k", help="data sets to run the reminder fan-out on")
    parser.add_argument(
        "--quiet-scans",
        default="10000:100,100000:100,100000:1000",
        help="quiet-scan ticks to time, as memberships:due pairs (empty: none)",
    )
    parser.add_argument(
        "--load-sizes", default="10k", help="data sets for the HTTP load (empty: none); the first is also profiled"
    )
    parser.add_argument("--seconds", type=int, default=10, help="length of each measured wrk run")
    parser.add_argument("--name", default="", help="results file <date>-<name>.md (a partial run beside a full one)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="uvicorn worker processes")
    parser.add_argument(
        "--no-profiles", action="store_true", help="leave out the profiles (on FerretDB they take many minutes)"
    )
    args = parser.parse_args(argv)
    plan = Plan(
        sizes=_names(args.sizes),
        fanout_sizes=_names(args.fanout_sizes),
        quiet_scans=tuple(_pair(case) for case in _names(args.quiet_scans)),
        load_sizes=_names(args.load_sizes),
        seconds=args.seconds,
        workers=args.workers,
        profiles=not args.no_profiles,
    )
    results = run(plan)
    print(f"wrote {report.write(results, NOTES.read_text(), name=args.name)}", file=sys.stderr)
    return 0


def _names(value: str) -> tuple[str, ...]:
    return tuple(name for name in value.split(",") if name)


def _pair(case: str) -> tuple[int, int]:
    total, _, due = case.partition(":")
    return int(total), int(due)


if __name__ == "__main__":
    sys.exit(main())
