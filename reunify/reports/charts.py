"""Charts drawn with matplotlib for the HTML pages and the Word and HTML reports.

matplotlib is an optional extra (`pip install reunify[charts]`, which `make install` includes): it is imported
here only, and only by the commands that draw, never on the `validate` or `status` path. It draws with the Agg
(file-only) back end. The SVG is made reproducible: no creation date, a fixed id salt, text kept as text.
A page without matplotlib still has every number: its tables and text alternatives carry them.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

LEVEL_COLOUR = {"low": "#1b7837", "medium": "#b35806", "high": "#c51b7d", "severe": "#542788", "none": "#4d4d4d",
                "all": "#000000"}
LEVEL_STYLE = {"low": "-", "medium": "--", "high": "-.", "severe": ":", "none": (0, (1, 1)), "all": "-"}
RISK_Y = {"low": 0, "medium": 1, "high": 2, "severe": 3}


class NoCharts(Exception):
    """matplotlib is not installed: the page or report goes without the picture."""


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise NoCharts("charts need matplotlib: pip install 'reunify[charts]'") from None
    matplotlib.use("Agg")
    matplotlib.rcParams.update({"svg.hashsalt": "reunify", "svg.fonttype": "none", "font.size": 10})
    import matplotlib.pyplot as plt

    return plt


def _save(fig: Any, fmt: str) -> bytes:
    plt = _pyplot()
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    fig.savefig(buffer, format=fmt, bbox_inches="tight", metadata=metadata, dpi=150)
    plt.close(fig)
    return buffer.getvalue()


def still_home(curves: dict[str, tuple[int, list[tuple[float, float]]]], fmt: str = "svg") -> bytes:
    """The share still home by month after the return: for each group (`all`, then each level), its number of
    returns and its Kaplan-Meier steps (framework.outcomes.curve), drawn as a step line."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 4))
    for group, (returns, points) in curves.items():
        if not points:
            continue
        ax.step([t for t, _ in points], [s * 100 for _, s in points], where="post",
                label=f"{group} ({returns} return{'s' if returns != 1 else ''})", color=LEVEL_COLOUR.get(group, "#000000"),
                linestyle=LEVEL_STYLE.get(group, "-"), linewidth=2.5 if group == "all" else 1.8)
    ax.set_xlim(0, 24)
    ax.set_ylim(0, 105)
    ax.set_xticks(range(0, 25, 3))
    ax.set_xlabel("months after the return home")
    ax.set_ylabel("% still home")
    ax.grid(True, alpha=0.3)
    ax.legend(title="level at return", loc="lower left")
    return _save(fig, fmt)


def counts(title: str, values: dict[str, int], colours: dict[str, str] | None = None, fmt: str = "svg") -> bytes:
    """A bar chart of counts, each bar labelled with its number."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5, 3))
    names = list(values)
    bars = ax.bar(names, [values[n] for n in names], color=[(colours or {}).get(n, "#2166ac") for n in names])
    ax.bar_label(bars, labels=[str(values[n]) for n in names])
    ax.set_title(title)
    ax.set_ylabel("cases")
    ax.set_ylim(0, max([*values.values(), 1]) * 1.2)
    ax.yaxis.get_major_locator().set_params(integer=True)
    return _save(fig, fmt)


def risk_over_time(data: dict[str, Any], fmt: str = "png") -> bytes:
    """Each recorded classification as a step on a time axis (low to severe), the return home and the
    chronology's high-significance entries marked. `data` is `pictures.risk_data`'s."""
    plt = _pyplot()
    day = dt.date.fromisoformat
    fig, ax = plt.subplots(figsize=(7, 3))
    steps = data["classifications"]
    end = day(data["as_of"])
    xs = [day(c["date"]) for c in steps]
    ys = [RISK_Y[c["level"]] for c in steps]
    if steps:
        ax.step([*xs, max(end, xs[-1])], [*ys, ys[-1]], where="post", color="#2166ac", linewidth=2)
        for c, x, y in zip(steps, xs, ys, strict=True):
            ax.plot([x], [y], "o", color=LEVEL_COLOUR[c["level"]])
            ax.annotate(c["label"], (x, y), textcoords="offset points", xytext=(3, 6))
    if data["returned"]:
        ax.axvline(day(data["returned"]), color="#1b7837", linestyle="--", label="return home")
    for i, when in enumerate(data["high"]):
        ax.axvline(day(when), color="#c51b7d", linestyle=":", label="high-significance entry" if i == 0 else None)
    ax.set_yticks(list(RISK_Y.values()), list(RISK_Y))
    ax.set_ylim(-0.5, 3.5)
    ax.set_ylabel("recorded level")
    ax.set_title("Risk level over time")
    ax.grid(True, axis="y", alpha=0.3)
    if data["returned"] or data["high"]:
        ax.legend(loc="upper left", fontsize=8)
    fig.autofmt_xdate()
    return _save(fig, fmt)
