"""`uv run python -m benchmarks.scale`: the capacity model and the 19:00 simulation, from
`benchmarks/scale/inputs.toml`, written to `benchmarks/results/<date>-scale.md` with its plot
`<date>-scale-evening.png`. A minute or two on one core, no servers.

`... -m benchmarks.scale costs`, `... sizes` and `... pubsub` are the short measurements behind
the inputs (CPU per request and per push in their own process; document sizes on a generated
data set; Redis pub/sub's cost per message); each writes
`<date>-scale-<what>.md`, whose figures go into inputs.toml by hand.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import numpy as np

from benchmarks.scale import capacity, costs, herd, plots, pubsub, report, sizes
from benchmarks.scale.inputs import INPUTS, Inputs, load

RESULTS = Path(__file__).parent.parent / "results"
EVENING_MEMBERS = 1_000_000


def model(inputs: Inputs, stamp: str) -> Path:
    plans = [capacity.plan(inputs, members) for members in inputs["population"]["sizes"]]
    print("capacity: done", file=sys.stderr, flush=True)
    big = plans[-1]
    compared = _compare(inputs, big)
    image = plots.herd_curves(
        {c.policy.name: (c.pushes, c.api) for c in compared},
        inputs["fcm"]["quota_per_minute"],
        inputs["policy"]["api_p99_ms"],
        RESULTS / f"{stamp}-scale-evening.png",
    )
    text = (
        f"# Scale: the capacity model and the evening peak, {stamp}\n\n"
        f"Produced by `uv run python -m benchmarks.scale` from `benchmarks/scale/inputs.toml` "
        f"(read docs/scale.md for the reasoning).\n\n## Capacity at the evening peak\n\n"
        f"{report.capacity(plans)}\n## 19:00 at {big.members:,} members, three policies\n\n"
        f"![the evening]({image.name})\n\n{report.evening(compared, inputs, big.api_processes)}\n"
        f"## Inputs\n\n{report.inputs_used(inputs)}"
    )
    path = RESULTS / f"{stamp}-scale.md"
    path.write_text(text)
    return path


def _compare(inputs: Inputs, big: capacity.Plan) -> list[report.Compared]:
    """Everything at once with workers enough to push it all in about a minute; today's code
    (the tick's cap, single pushes) with the workers it needs; the recommended policy. Each with
    the recommended API processes.
    """
    work = inputs["workers"]
    fast = round(big.reminders * work["push_ms"] / 1000 / 60)
    today = herd.Policy("today's tick", int(work["tick_groups"]), 0.0, batched=False)
    policies = [
        (herd.Policy("all at once", None, 0.0, batched=False), max(fast, big.workers)),
        (today, capacity.workers_for(inputs, big.members, today)),
        (capacity.recommended(inputs), big.workers),
    ]
    compared = []
    for policy, workers in policies:
        pushes = herd.simulate_workers(inputs, big.members, policy, workers, np.random.default_rng(capacity.SEED))
        load_ = herd.requests(inputs, big.members, pushes, np.random.default_rng(capacity.SEED))
        round_trip = inputs["cluster"]["command_latency_ms"]
        api = herd.simulate_api(load_, big.api_processes, round_trip, np.random.default_rng(capacity.SEED))
        compared.append(report.Compared(policy, workers, pushes, api))
    return compared


def _measurement(what: str) -> tuple[ModuleType, str]:
    if what == "costs":
        return costs, costs.table(costs.run())
    if what == "sizes":
        return sizes, sizes.run()
    return pubsub, pubsub.table(pubsub.run())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("what", nargs="?", default="model", choices=["model", "costs", "sizes", "pubsub"])
    parser.add_argument("--inputs", type=Path, default=INPUTS, help="the inputs file (default: the committed one)")
    args = parser.parse_args(argv)
    stamp = datetime.now(UTC).date().isoformat()
    if args.what == "model":
        path = model(load(args.inputs), stamp)
    else:
        measured, text = _measurement(args.what)
        path = RESULTS / f"{stamp}-scale-{args.what}.md"
        path.write_text(
            f"# Scale measurement: {args.what}, {stamp}\n\nProduced by `uv run python -m benchmarks.scale "
            f"{args.what}` on this machine (2 shared cores).\n\n{measured.__doc__}\n{text}"
        )
    print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
