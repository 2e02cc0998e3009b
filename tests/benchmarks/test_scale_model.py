"""The capacity model and the evening simulation (benchmarks/scale): their bookkeeping, not their
numbers. Every reminder is pushed once, FCM's quota is never exceeded, refused pushes are tried
again a bounded number of times, and the searches find the exact smallest count.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest

from benchmarks.scale import capacity, herd
from benchmarks.scale.inputs import Inputs, load
from benchmarks.screens import SCREENS

MEMBERS = 10_000


def with_changes(inputs: Inputs, section: str, **values: float) -> Inputs:
    raw = copy.deepcopy(inputs.raw)
    raw[section].update(values)
    return Inputs(raw, inputs.screens, inputs.documents)


def test_every_screen_in_the_inputs_is_a_measured_benchmark_screen_with_a_session_share() -> None:
    inputs = load()

    assert sorted(s.name for s in inputs.screens) == sorted(s.operation for s in SCREENS)
    assert all(s.ms > 0 and s.commands > 0 for s in inputs.screens)


def test_with_room_under_the_quota_every_reminder_is_pushed_once_and_none_refused() -> None:
    inputs = load()
    policy = herd.Policy("spread", None, 120.0, batched=True)

    pushes = herd.simulate_workers(inputs, MEMBERS, policy, 2, np.random.default_rng(1))

    devices = inputs["population"]["devices_per_member"]
    assert pushes.refused.sum() == 0
    assert len(pushes.delivered_at) == len(pushes.lateness) == pushes.reminders > 5_000
    assert pushes.accepted.sum() == pytest.approx(pushes.reminders * devices)
    assert pushes.waiting[-1] == 0  # the broker is empty by 20:00


def test_past_the_quota_fcm_refuses_and_never_takes_more_than_it_in_a_minute() -> None:
    inputs = with_changes(load(), "fcm", quota_per_minute=1_000.0)
    policy = herd.Policy("at once", None, 0.0, batched=False)

    pushes = herd.simulate_workers(inputs, MEMBERS, policy, 50, np.random.default_rng(1))

    per_minute = np.add.reduceat(pushes.accepted, np.arange(0, herd.HOUR, 60))
    assert per_minute.max() <= 1_000.0
    assert pushes.refused.sum() > 0
    assert 0 < len(pushes.delivered_at) < pushes.reminders


def test_with_no_quota_every_push_is_tried_six_times_then_given_up() -> None:
    inputs = with_changes(load(), "fcm", quota_per_minute=0.0, retry_after_seconds=1.0)
    policy = herd.Policy("at once", None, 0.0, batched=False)

    pushes = herd.simulate_workers(inputs, MEMBERS, policy, 50, np.random.default_rng(1))

    devices = inputs["population"]["devices_per_member"]
    assert len(pushes.delivered_at) == 0
    assert pushes.refused.sum() == pytest.approx(pushes.reminders * herd.MAX_ATTEMPTS * devices)


@pytest.mark.parametrize("guess", [1, 7, 37, 38, 39, 500])
def test_the_search_finds_the_smallest_count_from_any_guess(guess: int) -> None:
    asked: list[int] = []

    def enough(count: int) -> bool:
        asked.append(count)
        return count >= 38

    assert capacity.smallest(enough, guess) == 38
    assert len(asked) < 20
