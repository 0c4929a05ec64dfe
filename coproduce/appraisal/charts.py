"""Horizontal bar charts of the appraisal's figures (weighted scores, shares of weight sets) as inline SVG,
for the page and the PDF alike. Values are decimals, unlike the report's counts; the layout follows
coproduce/reports/charts.py (label above each bar, narrow enough for a phone). The page always shows the
same figures in a table next to the chart."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 360
BAR_AREA = 280
ROW_HEIGHT = 46
BAR_TOP = 22
BAR_HEIGHT = 16
MAX_LABEL = 48


@dataclass(frozen=True)
class HBar:
    label: str
    value: float
    shown: str  # the value as the table shows it
    y: int
    width: float

    @property
    def short_label(self) -> str:
        return self.label if len(self.label) <= MAX_LABEL else self.label[: MAX_LABEL - 1].rstrip() + "…"

    @property
    def label_y(self) -> int:
        return self.y + 16

    @property
    def bar_y(self) -> int:
        return self.y + BAR_TOP

    @property
    def value_x(self) -> float:
        return round(self.width + 6, 1)

    @property
    def value_y(self) -> int:
        return self.y + BAR_TOP + BAR_HEIGHT - 3


@dataclass(frozen=True)
class HBarChart:
    key: str
    title: str
    bars: list[HBar]
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * ROW_HEIGHT

    @property
    def description(self) -> str:
        figures = "; ".join(f"{bar.label}: {bar.shown}" for bar in self.bars)
        return f"{self.title}. {figures}." if figures else f"{self.title}: nothing to show."


def hbar_chart(
    key: str, title: str, rows: list[tuple[str, float]], *, low: float, high: float, fmt: str
) -> HBarChart:
    """Bars from ``low`` (no bar) to ``high`` (the full width); values outside are drawn at the ends."""
    span = (high - low) or 1.0
    bars = [
        HBar(
            label,
            value,
            fmt.format(value),
            i * ROW_HEIGHT,
            round(BAR_AREA * min(max(value - low, 0.0), span) / span, 1),
        )
        for i, (label, value) in enumerate(rows)
    ]
    return HBarChart(key=key, title=title, bars=bars)
