"""Figures for charts: each bar's share of the largest value, so templates can draw bars with CSS."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    percent: float  # of the largest value, 0–100


def bars(rows: list[tuple[str, int]]) -> list[Bar]:
    largest = max((value for _, value in rows), default=0)
    return [Bar(label, value, round(100 * value / largest, 1) if largest else 0.0) for label, value in rows]
