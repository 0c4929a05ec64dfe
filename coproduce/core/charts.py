"""Figures for charts: bars drawn with CSS (each bar's share of the largest value), and line charts drawn as
inline SVG (a series over time with its target), shared by every app that needs one."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    percent: float  # of the largest value, 0–100


def bars(rows: list[tuple[str, int]]) -> list[Bar]:
    largest = max((value for _, value in rows), default=0)
    return [Bar(label, value, round(100 * value / largest, 1) if largest else 0.0) for label, value in rows]


# -- Line charts drawn as inline SVG -------------------------------------------------------------------
# A series over time (a KPI's quarters), each point labelled with its figure, with gridlines labelled on the
# left and an optional dashed target line named in a legend under the chart. The chart carries its own text
# alternative (title and a description reading out every figure); pages show the same figures in a table
# as well. Narrow enough for a phone.

LINE_WIDTH = 360
PLOT_LEFT = 46  # the gridlines' labels sit to the left of it
PLOT_RIGHT = 350
PLOT_TOP = 26  # room for the label above the highest point
PLOT_BOTTOM = 170  # the lowest gridline; the period labels sit under it
LEGEND_Y = 214
LINE_HEIGHT = 226
GRIDLINES = 4  # intervals, about


@dataclass(frozen=True)
class LinePoint:
    label: str  # the period
    value: float
    shown: str  # the figure as the table shows it
    x: float
    y: float

    @property
    def value_y(self) -> float:
        return round(self.y - 10, 1)

    @property
    def label_y(self) -> int:
        return PLOT_BOTTOM + 20


@dataclass(frozen=True)
class Gridline:
    y: float
    shown: str


@dataclass(frozen=True)
class LineChart:
    key: str  # unique on the page: the ids of the title and description hang off it
    title: str
    points: list[LinePoint]
    gridlines: list[Gridline]
    target: float | None = None
    target_shown: str = ""
    target_y: float | None = None
    width: int = LINE_WIDTH
    height: int = LINE_HEIGHT
    left: int = PLOT_LEFT
    right: int = PLOT_RIGHT
    legend_y: int = LEGEND_Y

    @property
    def path(self) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{p.x:.1f},{p.y:.1f}" for i, p in enumerate(self.points))

    @property
    def description(self) -> str:
        if not self.points:
            return f"{self.title}: nothing to show."
        figures = "; ".join(f"{p.label}: {p.shown}" for p in self.points)
        target = f" Target: {self.target_shown}." if self.target is not None else ""
        return f"{self.title}. {figures}.{target}"


def nice_step(span: float, intervals: int = GRIDLINES) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) dividing ``span`` into about ``intervals``."""
    raw = (span or 1.0) / intervals
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def line_chart(
    key: str,
    title: str,
    rows: list[tuple[str, float, str]],
    *,
    target: tuple[float, str] | None = None,
    tick_format: Callable[[float], str] = lambda v: f"{v:g}",
) -> LineChart:
    """``rows`` are (period label, value, value as shown), oldest first; ``target`` is (value, as shown).

    The vertical scale runs between round numbers just below and above the values and the target, so a
    change of a few points can be seen; the labelled gridlines say where it starts."""
    values = [value for _, value, _ in rows] + ([target[0]] if target else [])
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    step = nice_step(high - low or abs(high) or 1.0)
    lowest = low
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step
    if lowest - low < step / 2 and not (lowest >= 0 > low - step):
        low -= step  # a point on the lowest gridline would sit on its period's label
    if high == low:
        high = low + step
    span = high - low

    def y_of(value: float) -> float:
        return round(PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * (value - low) / span, 1)

    ticks = [low + i * step for i in range(round(span / step) + 1)]
    gridlines = [Gridline(y_of(t), tick_format(t)) for t in ticks]
    count = len(rows)
    inner_left, inner_right = PLOT_LEFT + 24, PLOT_RIGHT - 24
    step_x = (inner_right - inner_left) / (count - 1) if count > 1 else 0.0
    points = [
        LinePoint(
            label,
            value,
            shown,
            round(inner_left + i * step_x, 1) if count > 1 else (inner_left + inner_right) / 2,
            y_of(value),
        )
        for i, (label, value, shown) in enumerate(rows)
    ]
    if target is None:
        return LineChart(key=key, title=title, points=points, gridlines=gridlines)
    return LineChart(
        key=key,
        title=title,
        points=points,
        gridlines=gridlines,
        target=target[0],
        target_shown=target[1],
        target_y=y_of(target[0]),
    )
