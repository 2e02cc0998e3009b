"""The capacity model (docs/scale.md): API processes, worker processes and MongoDB shards for
10k, 100k and 1M members at the evening peak, from `inputs.toml`.

The peak is the simulated hour from 19:00 (`herd.py`) under the recommended spreading policy:
workers are the fewest that push 99% of reminders within `late_p99_seconds` of their moment;
API processes the fewest that keep every minute's p99 under `api_p99_ms`. Shards are the most
of three needs: the data on disk, the working set in cache, and the peak's commands a second.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from benchmarks.scale import herd
from benchmarks.scale.inputs import Inputs

GB = 1e9
SEED = 22


@dataclass(frozen=True)
class Shards:
    disk_gb: float
    working_set_gb: float
    peak_commands: float  # a second, at the peak minute
    for_disk: int
    for_cache: int
    for_commands: int

    @property
    def needed(self) -> int:
        return max(self.for_disk, self.for_cache, self.for_commands, 1)


@dataclass(frozen=True)
class Plan:
    members: int
    groups: int
    reminders: int
    workers: int
    api_processes: int
    peak_requests: float  # a second, the busiest minute
    peak_messages: float  # FCM messages in the busiest minute
    api_p99_ms: float  # the worst minute's p99 with `api_processes`
    late_p99_s: float
    redis_commands: float  # a second, at the busiest minute: rate limits and the broker
    shards: Shards
    pushes: herd.Pushes
    api: herd.Api


def recommended(inputs: Inputs) -> herd.Policy:
    policy = inputs["policy"]
    return herd.Policy("jitter and batches", None, float(policy["jitter_seconds"]), bool(policy["batched"]))


def workers_for(inputs: Inputs, members: int, policy: herd.Policy) -> int:
    """The fewest worker processes that push 99% of reminders within the target of their moment."""
    target, work = inputs["policy"]["late_p99_seconds"], inputs["workers"]
    busy_s = inputs.groups(members) * inputs.members_per_group() * work["push_ms"] / 1000
    share = work["batched_push_share"] if policy.batched else 1.0
    guess = math.ceil(busy_s * share / (policy.jitter_s + target))  # a first guess for the search
    return smallest(lambda n: _late_p99(inputs, members, policy, n) <= target, guess)


def plan(inputs: Inputs, members: int) -> Plan:
    policy = recommended(inputs)
    target = inputs["policy"]
    workers = workers_for(inputs, members, policy)
    pushes = herd.simulate_workers(inputs, members, policy, workers, np.random.default_rng(SEED))
    load = herd.requests(inputs, members, pushes, np.random.default_rng(SEED))
    round_trip = inputs["cluster"]["command_latency_ms"]

    def api_at(n: int) -> herd.Api:
        return herd.simulate_api(load, n, round_trip, np.random.default_rng(SEED))

    busiest = np.bincount((load.arrival // 60).astype(int), weights=load.cpu_ms).max() / 60_000  # CPU-seconds a second
    processes = smallest(lambda n: float(api_at(n).p99.max()) <= target["api_p99_ms"], math.ceil(busiest / 0.7))
    api = api_at(processes)
    redis = inputs["redis"]
    tasks = _busiest_minute(pushes.accepted) / 60 / inputs["population"]["devices_per_member"]
    redis_commands = api.rate.max() * redis["rate_limit_commands"] + tasks * redis["broker_commands_per_task"]
    return Plan(
        members=members, groups=round(inputs.groups(members)), reminders=len(pushes.delivered_at), workers=workers,
        api_processes=processes, peak_requests=float(api.rate.max()), peak_messages=_busiest_minute(pushes.accepted),
        api_p99_ms=float(api.p99.max()), late_p99_s=float(np.percentile(pushes.lateness, 99)),
        redis_commands=float(redis_commands), shards=shards(inputs, members, load, pushes), pushes=pushes, api=api,
    )  # fmt: skip


def _late_p99(inputs: Inputs, members: int, policy: herd.Policy, workers: int) -> float:
    pushes = herd.simulate_workers(inputs, members, policy, workers, np.random.default_rng(SEED))
    return float(np.percentile(pushes.lateness, 99)) if len(pushes.lateness) else 0.0


def smallest(enough: Callable[[int], bool], guess: int = 1) -> int:
    """The smallest count from 1 for which `enough` holds (and for every larger count), searched
    from a first `guess`: doubling up or halving down to a bracket, then bisecting it.
    """
    high = max(guess, 1)
    while not enough(high):
        high *= 2
    low = high // 2
    while low >= 1 and enough(low):
        high, low = low, low // 2
    low += 1  # `low` was not enough (or 0): the answer is in [low, high]
    while low < high:
        middle = (low + high) // 2
        if enough(middle):
            high = middle
        else:
            low = middle + 1
    return high


def _busiest_minute(per_second: herd.Floats) -> float:
    return float(np.add.reduceat(per_second, np.arange(0, herd.HOUR, 60)).max())


def shards(inputs: Inputs, members: int, load: herd.Requests, pushes: herd.Pushes) -> Shards:
    cluster = inputs["cluster"]
    disk = sum(_stored(kind.per_member, kind.grows, cluster["history_years"] * 365) * (kind.bytes + kind.index)
               for kind in inputs.documents) * members  # fmt: skip
    hot = sum(_stored(kind.per_member, kind.grows, cluster["hot_data_days"]) * kind.bytes
              + _stored(kind.per_member, kind.grows, cluster["history_years"] * 365) * kind.index
              for kind in inputs.documents) * members  # fmt: skip
    commands = _peak_commands(inputs, load, pushes)
    per_shard = cluster["shard_cores"] * 1000 / cluster["command_ms_per_core"] * cluster["shard_utilisation"]
    return Shards(
        disk_gb=disk / GB, working_set_gb=hot / GB, peak_commands=commands,
        for_disk=math.ceil(disk / GB / (cluster["shard_disk_gb"] * cluster["disk_fill"])),
        for_cache=math.ceil(hot / GB / (cluster["shard_ram_gb"] * cluster["cache_share"])),
        for_commands=math.ceil(commands / per_shard),
    )  # fmt: skip


def _stored(per_member: float, grows: bool, days: float) -> float:
    """Documents per member kept over `days` (per 90 days measured); all of them when it does not grow."""
    return per_member * days / 90 if grows else per_member


def _peak_commands(inputs: Inputs, load: herd.Requests, pushes: herd.Pushes) -> float:
    """The busiest minute's commands a second: the API's requests and the workers' pushes (the
    fan-outs' writes are one a reminder, counted with its push).
    """
    work = inputs["workers"]
    api = np.bincount((load.arrival // 60).astype(int), weights=load.commands, minlength=60)[:60]
    delivered = np.bincount((pushes.delivered_at // 60).astype(int), minlength=60)[:60]
    per_push = work["push_commands"] + work["fanout_commands_per_member"]
    return float((api + delivered * per_push).max() / 60)
