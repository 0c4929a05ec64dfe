"""Figures for charts: bars drawn with CSS (each bar's share of the largest value), and line charts drawn as
inline SVG (a series over time with its target), shared by every app that needs one."""

from __future__ import annotations

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
# A series over time (a KPI's quarters), each point labelled with its figure, an optional dashed target line.
# The chart carries its own text alternative (title and a description reading out every figure); pages show
# the same figures in a table as well. Narrow enough for a phone.

LINE_WIDTH = 360
LINE_HEIGHT = 220
PLOT_LEFT = 12
PLOT_RIGHT = 348
PLOT_TOP = 28  # room for the label above the highest point
PLOT_BOTTOM = 180  # the axis; period labels sit under it


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
class LineChart:
    key: str  # unique on the page: the ids of the title and description hang off it
    title: str
    points: list[LinePoint]
    target: float | None = None
    target_shown: str = ""
    target_y: float | None = None
    width: int = LINE_WIDTH
    height: int = LINE_HEIGHT
    axis_y: int = PLOT_BOTTOM
    left: int = PLOT_LEFT
    right: int = PLOT_RIGHT

    @property
    def target_label_y(self) -> float | None:
        return None if self.target_y is None else round(self.target_y - 6, 1)

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


def line_chart(
    key: str, title: str, rows: list[tuple[str, float, str]], *, target: tuple[float, str] | None = None
) -> LineChart:
    """``rows`` are (period label, value, value as shown), oldest first; ``target`` is (value, as shown).
    The vertical scale runs from zero (or the lowest value, if below zero) to the largest of the values and
    the target, so a line does not exaggerate small changes."""
    values = [value for _, value, _ in rows] + ([target[0]] if target else [])
    low = min([0.0, *values])
    high = max([*values, low + 1.0])
    span = (high - low) or 1.0

    def y_of(value: float) -> float:
        return round(PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * (value - low) / span, 1)

    count = len(rows)
    step = (PLOT_RIGHT - PLOT_LEFT - 40) / (count - 1) if count > 1 else 0.0
    points = [
        LinePoint(
            label, value, shown, round(PLOT_LEFT + 20 + i * step, 1) if count > 1 else 180.0, y_of(value)
        )
        for i, (label, value, shown) in enumerate(rows)
    ]
    if target is None:
        return LineChart(key=key, title=title, points=points)
    return LineChart(
        key=key,
        title=title,
        points=points,
        target=target[0],
        target_shown=target[1],
        target_y=y_of(target[0]),
    )
