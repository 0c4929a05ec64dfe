"""A commissioning timeline as inline SVG geometry: one row per milestone, a bar from its start to its end.

As in coproduce/reports/charts.py, each bar has its label on a line above it so the chart stays readable on
a phone, the chart carries its own title and a description reading out every date, and the page always
shows the same dates in a table beside it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

WIDTH = 420  # narrow enough that the labels stay readable on a 390px phone
LEFT = 4
PLOT = WIDTH - 2 * LEFT
AXIS_HEIGHT = 28
ROW_HEIGHT = 44
LABEL_BASELINE = 15
BAR_TOP = 21
BAR_HEIGHT = 14
MIN_BAR = 6  # a milestone on one day is still visible
MAX_LABEL = 54

# Stage colours from the GOV.UK palette, each with enough contrast against white (non-text, 3:1).
STAGE_COLOURS = {"analyse": "#1d70b8", "plan": "#00703c", "do": "#d4351c", "review": "#4c2c92"}


def _d(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class TimelineRow:
    label: str
    stage: str
    start: datetime.date
    end: datetime.date
    y: int
    x: float
    width: float

    @property
    def short_label(self) -> str:
        return self.label if len(self.label) <= MAX_LABEL else self.label[: MAX_LABEL - 1].rstrip() + "…"

    @property
    def label_y(self) -> int:
        return self.y + LABEL_BASELINE

    @property
    def bar_y(self) -> int:
        return self.y + BAR_TOP

    @property
    def colour(self) -> str:
        return STAGE_COLOURS.get(self.stage, "#505a5f")

    @property
    def dates(self) -> str:
        return _d(self.start) if self.start == self.end else f"{_d(self.start)} to {_d(self.end)}"


@dataclass(frozen=True)
class Tick:
    label: str
    x: float

    @property
    def anchor(self) -> str:
        """A year near the right edge is written to the left of its line, so it is not cut off."""
        return "end" if self.x > WIDTH - 40 else "start"

    @property
    def dx(self) -> int:
        return -3 if self.anchor == "end" else 3


@dataclass(frozen=True)
class Timeline:
    key: str
    title: str
    rows: list[TimelineRow]
    ticks: list[Tick]
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT
    axis_height: int = AXIS_HEIGHT

    @property
    def height(self) -> int:
        return AXIS_HEIGHT + max(1, len(self.rows)) * ROW_HEIGHT

    @property
    def description(self) -> str:
        if not self.rows:
            return f"{self.title}: no milestones yet."
        return f"{self.title}. " + "; ".join(f"{row.label}: {row.dates}" for row in self.rows) + "."


def timeline(
    key: str,
    title: str,
    span: tuple[datetime.date, datetime.date],
    milestones: list[tuple[str, str, datetime.date, datetime.date]],
) -> Timeline:
    """``milestones`` are (label, stage, start, end); ``span`` the process's first and last day."""
    first, last = span
    days = max((last - first).days + 1, 1)

    def x_of(day: datetime.date) -> float:
        return round(LEFT + PLOT * (day - first).days / days, 1)

    rows = []
    for i, (label, stage, start, end) in enumerate(milestones):
        x = x_of(start)
        width = max(round(x_of(end + datetime.timedelta(days=1)) - x, 1), MIN_BAR)
        rows.append(TimelineRow(label, stage, start, end, AXIS_HEIGHT + i * ROW_HEIGHT, x, width))
    ticks = [
        Tick(str(year), x_of(datetime.date(year, 1, 1)))
        for year in range(first.year + (first > datetime.date(first.year, 1, 1)), last.year + 1)
    ]
    return Timeline(key=key, title=title, rows=rows, ticks=ticks)
