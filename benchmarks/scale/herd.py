"""The evening thundering herd, simulated (issue 22, item 3): 19:00, most groups' check-in.

A discrete-event simulation of one hour from 19:00, fed by measured costs (`inputs.toml`):

- **The reminder tick** enqueues one fan-out task per due group: every group at once, or at most
  `tick_groups` a minute (what the code does: 20 pages of REMINDER_BATCH_SIZE a tick).
- **Workers** (Celery processes, one shared FIFO queue) run each group's fan-out (a cost per
  group and per reminder), then each reminder's push (the measured cost of one push; a fraction
  of it when pushes are sent in batches). A push becomes due at once, or at a moment spread
  uniformly over `jitter_s` after its fan-out (the policy under test).
- **FCM** takes `quota_per_minute` messages a minute for the project (one per device); past it,
  a push is refused with 429 and retried after Retry-After, costing a worker again.
- **Members** open the app a log-normal delay after their push (half of them, say), and go
  through a session's screens; on top, the evening's ordinary sessions arrive at random.
- **API processes**: each request goes to a process at random (a load balancer without
  queue-length routing), which runs requests one at a time for their CPU cost (the measured
  ms per request) plus the database round trips of their commands; the latency is its wait
  plus its own time. A sample of processes is simulated, since each sees the same mix.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from benchmarks.scale.inputs import Inputs

HOUR = 3_600
MAX_ATTEMPTS = 6  # PushSettings.max_attempts
SAMPLED_PROCESSES = 8
Floats = NDArray[np.float64]


@dataclass(frozen=True)
class Policy:
    name: str
    tick_groups: int | None  # due groups the tick enqueues a minute (None: every one at once)
    jitter_s: float  # each reminder's push spread uniformly over this many seconds
    batched: bool  # pushes sent in batches (send_each_async takes 500)


@dataclass(frozen=True)
class Pushes:
    """Per second of the hour: broker backlog (pushes and fan-outs waiting), messages FCM took and refused."""

    reminders: int  # written by the fan-outs
    waiting: Floats
    accepted: Floats
    refused: Floats
    delivered_at: Floats  # each delivered reminder: seconds after 19:00
    lateness: Floats  # each delivered reminder: seconds from due to delivered


@dataclass(frozen=True)
class Api:
    """Per minute of the hour: requests per second over all processes, and the latency p50 and p99 (ms)."""

    rate: Floats
    p50: Floats
    p99: Floats


@dataclass
class _Run:
    """The simulation's state: tasks by the time they are ready, processes by when they are free."""

    ready: list[tuple[float, int, int, int, float]]  # (ready at, sequence, group or -1, attempt, due at)
    free: list[float]
    queued: list[float]
    started: list[float]
    accepted: Floats
    refused: Floats
    per_minute: dict[int, float]
    delivered: list[float]
    late: list[float]
    sequence: int


def simulate_workers(inputs: Inputs, members: int, policy: Policy, processes: int, rng: np.random.Generator) -> Pushes:
    """The tick, the fan-outs and the pushes through `processes` worker processes, and FCM's quota."""
    work = inputs["workers"]
    sizes = _group_sizes(inputs, members, rng)
    reminded = rng.binomial(sizes, inputs["population"]["reminders_on"])
    push_s = work["push_ms"] / 1000 * (work["batched_push_share"] if policy.batched else 1.0)
    per_tick = policy.tick_groups or len(sizes)
    fan_outs = [(60.0 * (g // per_tick), g, -1, 0, 0.0) for g in range(len(sizes))]
    run = _Run(fan_outs, [0.0] * processes, [], [], np.zeros(HOUR), np.zeros(HOUR), {}, [], [], len(sizes))
    while run.ready:
        at, key, group, attempt, due = heapq.heappop(run.ready)
        start = max(at, heapq.heappop(run.free))
        run.queued.append(at)
        run.started.append(start)
        if group < 0:
            count = int(reminded[key])
            finish = start + (work["fanout_group_ms"] + work["fanout_member_ms"] * count) / 1000
            spread = rng.uniform(0.0, policy.jitter_s, count) if policy.jitter_s else np.zeros(count)
            for moment in (finish + spread).tolist():
                heapq.heappush(run.ready, (moment, run.sequence, key, 0, moment))
                run.sequence += 1
        else:
            finish = start + push_s
            _push(inputs, run, finish, (key, group, attempt, due))
        heapq.heappush(run.free, finish)
    waiting = _between(np.array(run.queued), np.array(run.started))
    delivered, late = np.array(run.delivered), np.array(run.late)
    return Pushes(int(reminded.sum()), waiting, run.accepted, run.refused, delivered, late)


def _push(inputs: Inputs, run: _Run, finish: float, task: tuple[int, int, int, float]) -> None:
    """FCM takes the push within the minute's quota (a message per device), or refuses it: 429,
    and the push is tried again after Retry-After, up to the attempts a notification has.
    """
    key, group, attempt, due = task
    fcm, devices = inputs["fcm"], inputs["population"]["devices_per_member"]
    minute = int(finish // 60)
    if run.per_minute.get(minute, 0.0) + devices <= fcm["quota_per_minute"]:
        run.per_minute[minute] = run.per_minute.get(minute, 0.0) + devices
        _add(run.accepted, finish, devices)
        run.delivered.append(finish)
        run.late.append(finish - due)
        return
    _add(run.refused, finish, devices)
    if attempt + 1 < MAX_ATTEMPTS:
        heapq.heappush(run.ready, (finish + fcm["retry_after_seconds"], key, group, attempt + 1, due))


def _between(queued: Floats, started: Floats) -> Floats:
    """Tasks waiting in the broker at each second: ready, not yet started."""
    edges = np.arange(HOUR + 1)
    came = np.cumsum(np.histogram(queued, edges)[0])
    left = np.cumsum(np.histogram(started, edges)[0])
    waiting: Floats = (came - left).astype(np.float64)
    return waiting


def _group_sizes(inputs: Inputs, members: int, rng: np.random.Generator) -> NDArray[np.int64]:
    """The due groups' sizes: 8 up to twice the mean less 8 (mean as measured), capacity 30."""
    due = round(inputs.groups(members) * inputs["behaviour"]["groups_due_at_peak"])
    mean = inputs.members_per_group()
    sizes: NDArray[np.int64] = rng.integers(8, max(9, round(2 * mean - 8)) + 1, due).clip(max=30)
    return sizes


def _add(series: Floats, at: float, amount: float) -> None:
    if 0 <= at < HOUR:
        series[int(at)] += amount


@dataclass(frozen=True)
class Requests:
    """Every API request of the hour: when it arrives (s), its CPU (ms) and its MongoDB commands."""

    arrival: Floats
    cpu_ms: Floats
    commands: Floats


def requests(inputs: Inputs, members: int, pushes: Pushes, rng: np.random.Generator) -> Requests:
    """Sessions opened from the delivered reminders, and the evening's other sessions."""
    behaviour = inputs["behaviour"]
    responders = pushes.delivered_at[rng.random(len(pushes.delivered_at)) < behaviour["respond_to_reminder"]]
    median = behaviour["response_median_minutes"] * 60
    reminded = responders + rng.lognormal(math.log(median), behaviour["response_sigma"], len(responders))
    ordinary_rate = members * behaviour["sessions_per_member_per_day"] * behaviour["evening_hour_share"] / HOUR
    ordinary = rng.uniform(0, HOUR, rng.poisson(ordinary_rate * HOUR))
    times, cpu, db = [], [], []
    for starts, reminded_session in ((reminded, True), (ordinary, False)):
        for position, screen in enumerate(inputs.screens):
            share = screen.per_reminded_session if reminded_session else screen.per_session
            chosen = starts[rng.random(len(starts)) < share]
            times.append(chosen + position * behaviour["think_seconds"] * rng.uniform(0.5, 1.5, len(chosen)))
            cpu.append(np.full(len(chosen), screen.ms))
            db.append(np.full(len(chosen), float(screen.commands)))
    arrival = np.concatenate(times)
    keep = arrival < HOUR
    return Requests(arrival[keep], np.concatenate(cpu)[keep], np.concatenate(db)[keep])


def simulate_api(load: Requests, processes: int, round_trip_ms: float, rng: np.random.Generator) -> Api:
    """Per-minute request rate and latency percentiles with `processes` API processes, each
    command a `round_trip_ms` to the database.
    """
    target = rng.integers(0, processes, len(load.arrival))
    latencies, minutes = [], []
    for process in range(min(processes, SAMPLED_PROCESSES)):
        mine = np.flatnonzero(target == process)
        order = mine[np.argsort(load.arrival[mine])]
        db_ms = load.commands[order] * round_trip_ms
        latencies.append(_one_process(load.arrival[order], load.cpu_ms[order], db_ms, rng))
        minutes.append((load.arrival[order] // 60).astype(int))
    latency, minute = np.concatenate(latencies), np.concatenate(minutes)
    rate = np.bincount((load.arrival // 60).astype(int), minlength=60)[:60] / 60.0
    p50, p99 = np.zeros(60), np.zeros(60)
    for m in range(60):
        inside = latency[minute == m]
        if len(inside):
            p50[m], p99[m] = np.percentile(inside, 50), np.percentile(inside, 99)
    return Api(rate, p50, p99)


def _one_process(arrival: Floats, cpu_ms: Floats, db_ms: Floats, rng: np.random.Generator) -> Floats:
    """Lindley's recursion: requests run one at a time for their CPU (log-normal about the measured
    mean, spread 0.5); their database round trips add latency, not work for the process.
    """
    cpu = (cpu_ms * rng.lognormal(-0.125, 0.5, len(cpu_ms)) / 1000).tolist()
    latency = np.empty(len(arrival))
    busy_until = 0.0
    for i, at in enumerate(arrival.tolist()):
        busy_until = max(busy_until, at) + cpu[i]
        latency[i] = (busy_until - at) * 1000
    return latency + db_ms
