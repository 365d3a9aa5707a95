"""Charts of the yearly report as PNG (matplotlib, Agg): the same figures, the same bytes."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",  # shipped with matplotlib, with every Vietnamese letter
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "thidua",
}
DPI = 150


@dataclass(frozen=True)
class GroupFigures:
    """One bar group of the chart: a kind of unit and its rates and mean score."""

    label: str
    reporting_rate: float
    on_time_rate: float
    mean_score: float | None


def _wrap(label: str, width: int = 18) -> str:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def results_chart(groups: Sequence[GroupFigures], *, title: str) -> bytes:
    """Return a PNG: reporting and on-time rates (left), mean score (right), per group."""
    with matplotlib.rc_context(STYLE):  # type: ignore[arg-type]
        figure = Figure(figsize=(7.2, 3.4), dpi=DPI)
        FigureCanvasAgg(figure)
        rates, scores = figure.subplots(1, 2, gridspec_kw={"width_ratios": [3, 2]})
        labels = [_wrap(group.label) for group in groups]
        positions = list(range(len(groups)))
        rates.barh(
            [p + 0.2 for p in positions],
            [g.reporting_rate * 100 for g in groups],
            height=0.4,
            color="#1f4e79",
            label="Tỷ lệ gửi báo cáo",
        )
        rates.barh(
            [p - 0.2 for p in positions],
            [g.on_time_rate * 100 for g in groups],
            height=0.4,
            color="#9dc3e6",
            label="Tỷ lệ đúng hạn",
        )
        rates.set_yticks(positions, labels)
        rates.set_xlim(0, 100)
        rates.set_xlabel("%")
        rates.invert_yaxis()
        rates.legend(loc="lower right", fontsize=7, frameon=False)
        scores.barh(positions, [g.mean_score or 0 for g in groups], color="#548235")
        scores.set_yticks(positions, [""] * len(groups))
        scores.set_xlim(0, 110)
        scores.set_xlabel("Điểm bình quân")
        scores.invert_yaxis()
        for position, group in zip(positions, groups, strict=True):
            if group.mean_score is not None:
                shown = f"{group.mean_score:.1f}".replace(".", ",")
                scores.text(group.mean_score + 1, position, shown, va="center", fontsize=7)
        figure.suptitle(title, fontsize=10)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()
