"""Server-rendered SVG charts (matplotlib, no browser code): a bar per month, suppressed months marked."""

from __future__ import annotations

import io
from collections.abc import Sequence

INK, BAR, MUTED = "#1b1b1b", "#0b4f8a", "#4a4a4a"  # the console's colours (contrast over 4.5:1 on white)


def bar_chart_svg(title: str, labels: Sequence[str], values: Sequence[float | None], *, unit: str = "") -> bytes:
    """Bars for the values; a suppressed value (None) gets no bar and says 'fewer than 10'."""
    # Imported here: the API starts without matplotlib's import and font cache, which only charts need.
    import matplotlib as mpl  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415 - not pyplot: no global state, no display

    figure = Figure(figsize=(6.4, 3.2), dpi=100)
    axes = figure.add_subplot()
    shown = [value if value is not None else 0.0 for value in values]
    bars = axes.bar(list(labels), shown, color=BAR)
    for bar, value in zip(bars, values, strict=True):
        text = "fewer than 10" if value is None else f"{value:g}{unit}"
        axes.annotate(text, (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center", va="bottom",
                      color=INK if value is not None else MUTED, fontsize=9)  # fmt: skip
    axes.set_title(title, color=INK, fontsize=11)
    axes.tick_params(colors=INK)
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_ylim(0, max([*shown, 1.0]) * 1.2)
    figure.tight_layout()
    out = io.BytesIO()
    # Text stays text (smaller, selectable); no date, so the same figures give the same file.
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "console"}):
        figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()
