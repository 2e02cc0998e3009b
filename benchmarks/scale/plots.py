"""The simulation's curves as PNG files beside the results (matplotlib, no display)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from benchmarks.scale import herd

MINUTES = np.arange(60)
SHOWN = 30  # minutes: the hour's second half is the evening's ordinary load, flat


def _per_minute(per_second: herd.Floats, how: str) -> herd.Floats:
    shaped = per_second[: herd.HOUR].reshape(60, 60)
    return np.asarray(shaped.sum(axis=1) if how == "sum" else shaped.max(axis=1), dtype=np.float64)


def herd_curves(runs: dict[str, tuple[herd.Pushes, herd.Api]], quota: float, p99_target: float, path: Path) -> Path:
    """Four panels over the hour from 19:00, one line per policy: FCM messages a minute (quota
    dashed), tasks waiting in the broker, API requests a second, and the API's p99 (target dashed).
    """
    figure = Figure(figsize=(9, 12))  # no pyplot: nothing global, no display needed
    axes = figure.subplots(4, 1, sharex=True)
    for index, (name, (pushes, api)) in enumerate(runs.items()):
        color = f"C{index}"
        axes[0].plot(MINUTES, _per_minute(pushes.accepted, "sum") / 1000, color=color, label=f"{name}: accepted")
        refused = _per_minute(pushes.refused, "sum")
        if refused.any():
            axes[0].plot(MINUTES, refused / 1000, color=color, linestyle=":", label=f"{name}: refused (429)")
        axes[1].plot(MINUTES, _per_minute(pushes.waiting, "max") / 1000, color=color, label=name)
        axes[2].plot(MINUTES, api.rate, color=color, label=name)
        axes[3].plot(MINUTES, api.p99, color=color, label=name)
    axes[0].axhline(quota / 1000, color="black", linestyle="--", linewidth=1, label="FCM quota")
    axes[3].axhline(p99_target, color="black", linestyle="--", linewidth=1, label=f"{p99_target:.0f} ms")
    titles = ("FCM messages a minute (thousands)", "tasks waiting in the broker, most in the minute (thousands)",
              "API requests a second", "API latency p99 (ms)")  # fmt: skip
    for axis, title in zip(axes, titles, strict=True):
        axis.set_title(title, fontsize=10)
        axis.grid(alpha=0.3)
        axis.legend(fontsize=8)
    axes[3].set_xlim(0, SHOWN)
    axes[3].set_xlabel("minutes after 19:00")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    return path
