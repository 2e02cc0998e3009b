"""The scale results as markdown: the capacity table per size and the evening at 1M members."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from benchmarks.scale import herd
from benchmarks.scale.capacity import Plan
from benchmarks.scale.inputs import Inputs


@dataclass(frozen=True)
class Compared:
    """One policy of the 1M evening, with the workers it ran on."""

    policy: herd.Policy
    workers: int
    pushes: herd.Pushes
    api: herd.Api


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(["---"] + ["---:"] * (len(header) - 1)) + " |"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows]) + "\n"


def capacity(plans: Sequence[Plan]) -> str:
    header = ["", *(f"{p.members:,} members" for p in plans)]
    rows = [
        ["groups", *(f"{p.groups:,}" for p in plans)],
        ["reminders pushed, 19:00 to 20:00", *(f"{p.reminders:,}" for p in plans)],
        ["**worker processes**", *(f"**{p.workers:,}**" for p in plans)],
        ["push lateness p99 (s)", *(f"{p.late_p99_s:.0f}" for p in plans)],
        ["FCM messages, busiest minute", *(f"{p.peak_messages:,.0f}" for p in plans)],
        ["API requests a second, busiest minute", *(f"{p.peak_requests:,.0f}" for p in plans)],
        ["**API processes**", *(f"**{p.api_processes:,}**" for p in plans)],
        ["API p99, worst minute (ms)", *(f"{p.api_p99_ms:.0f}" for p in plans)],
        ["Redis commands a second (rate limits, broker), busiest minute", *(f"{p.redis_commands:,.0f}" for p in plans)],
        ["MongoDB commands a second, busiest minute", *(f"{p.shards.peak_commands:,.0f}" for p in plans)],
        ["data with indexes, 3 years (GB)", *(f"{p.shards.disk_gb:,.0f}" for p in plans)],
        ["working set: indexes and 14 days (GB)", *(f"{p.shards.working_set_gb:,.1f}" for p in plans)],
        ["shards for disk / cache / commands", *(_needs(p) for p in plans)],
        ["**MongoDB shards**", *(f"**{p.shards.needed}**" for p in plans)],
    ]
    return _table(header, rows)


def _needs(plan: Plan) -> str:
    return f"{plan.shards.for_disk} / {plan.shards.for_cache} / {plan.shards.for_commands}"


def evening(compared: Sequence[Compared], inputs: Inputs, api_processes: int) -> str:
    quota = inputs["fcm"]["quota_per_minute"]
    header = ["policy", "worker processes", "last push (min)", "lateness p99 (s)", "refused (429)",
              "busiest minute / quota", "most waiting in the broker", "API req/s, busiest minute",
              f"API p99 worst minute, {api_processes} processes (ms)"]  # fmt: skip
    return _table(header, [_policy_row(c, quota) for c in compared])


def _policy_row(c: Compared, quota: float) -> list[str]:
    busiest = np.add.reduceat(c.pushes.accepted, np.arange(0, herd.HOUR, 60)).max()
    return [
        c.policy.name, f"{c.workers:,}", f"{c.pushes.delivered_at.max() / 60:.1f}",
        f"{np.percentile(c.pushes.lateness, 99):.0f}", f"{c.pushes.refused.sum():,.0f}", f"{busiest / quota:.2f}",
        f"{c.pushes.waiting.max():,.0f}", f"{c.api.rate.max():,.0f}", f"{c.api.p99.max():,.0f}",
    ]  # fmt: skip


def inputs_used(inputs: Inputs) -> str:
    screens = [[s.name, f"{s.ms:g}", str(s.commands), f"{s.per_session:g}", f"{s.per_reminded_session:g}"]
               for s in inputs.screens]  # fmt: skip
    work = inputs["workers"]
    return (
        _table(["screen", "CPU ms a request", "commands", "per session", "per reminded session"], screens)
        + f"\nWorkers: {work['push_ms']:g} ms a push ({work['push_commands']} commands), "
        f"{work['fanout_member_ms']:g} ms a reminder written and {work['fanout_group_ms']:g} ms a group in the "
        f"fan-out; a batched push costs {work['batched_push_share']:g} of a single one. Sources: "
        f"{inputs['api']['source']}; {work['source']}.\n"
    )
