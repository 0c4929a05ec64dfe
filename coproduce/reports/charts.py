"""Horizontal bar charts drawn as inline SVG, for the report's web pages and its PDF alike (no JavaScript).

Each bar has its label on a line above it, so the chart stays narrow and its text readable on a phone. A
chart carries its own text alternative (a title, and a description that reads out every figure); the report
always shows the same figures in a table as well.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 360
BAR_AREA = 300  # the largest bar; the rest of the width holds its value
ROW_HEIGHT = 46  # a label line and a bar
LABEL_BASELINE = 16
BAR_TOP = 22
BAR_HEIGHT = 16
MAX_LABEL = 48  # characters; the description and the table always have the whole label


@dataclass(frozen=True)
class SvgBar:
    label: str
    value: int
    y: int  # top of the row
    width: float  # of the bar, in user units

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
    def value_x(self) -> float:
        return self.width + 6

    @property
    def value_y(self) -> int:
        return self.y + BAR_TOP + BAR_HEIGHT - 3


@dataclass(frozen=True)
class SvgBarChart:
    key: str  # unique on the page: the ids of the title and description hang off it
    title: str
    bars: list[SvgBar]
    unit: str  # "people", "comments": read out in the description
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * ROW_HEIGHT

    @property
    def description(self) -> str:
        figures = "; ".join(f"{bar.label}: {bar.value} {self.unit}" for bar in self.bars)
        return f"{self.title}. {figures}." if figures else f"{self.title}: nothing to show."


def svg_bar_chart(key: str, title: str, rows: list[tuple[str, int]], *, unit: str) -> SvgBarChart:
    largest = max((value for _, value in rows), default=0)
    bars = [
        SvgBar(label, value, i * ROW_HEIGHT, round(BAR_AREA * value / largest, 1) if largest else 0.0)
        for i, (label, value) in enumerate(rows)
    ]
    return SvgBarChart(key=key, title=title, bars=bars, unit=unit)
