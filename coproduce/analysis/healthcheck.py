"""The arithmetic of an organisational health check: change since the last one, and which areas are weak.

A health check rates each area of an organisation (governance, finance …) on a scale of 1 to 4. This module
compares two checks area by area; the web app (coproduce/vcs) stores them. No Django here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

SCALE_MIN = 1
SCALE_MAX = 4
WEAK_AT_OR_BELOW = 2  # "not in place" or "developing": something to learn, a training need


@dataclass(frozen=True)
class AreaChange:
    topic: str
    previous: int | None  # None: the area was not rated last time (or there was no last time)
    current: int

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.current - self.previous

    @property
    def direction(self) -> str:
        """'better', 'worse', 'same' or 'new'."""
        if self.change is None:
            return "new"
        return "better" if self.change > 0 else "worse" if self.change < 0 else "same"

    @property
    def is_weak(self) -> bool:
        return self.current <= WEAK_AT_OR_BELOW


@dataclass(frozen=True)
class CheckChange:
    areas: list[AreaChange]

    @property
    def mean(self) -> float:
        return sum(a.current for a in self.areas) / len(self.areas) if self.areas else 0.0

    @property
    def previous_mean(self) -> float | None:
        """The mean of last time's ratings of the areas rated both times (so a new area does not move it)."""
        both = [a for a in self.areas if a.previous is not None]
        return sum(a.previous for a in both) / len(both) if both else None  # type: ignore[misc]

    @property
    def mean_change(self) -> float | None:
        """The mean change over the areas rated both times."""
        both = [a.change for a in self.areas if a.change is not None]
        return sum(both) / len(both) if both else None

    def count(self, direction: str) -> int:
        return sum(1 for a in self.areas if a.direction == direction)

    def summary(self) -> str:
        """In words: "2 areas better, 1 worse, 5 the same" (and any rated for the first time)."""
        parts = []
        for direction, words in (
            ("better", "better"),
            ("worse", "worse"),
            ("same", "the same"),
            ("new", "new"),
        ):
            count = self.count(direction)
            if count:
                parts.append(f"{count} {words}")
        if not parts:
            return "no areas rated"
        first, *rest = parts
        number = int(first.split()[0])
        parts[0] = f"{number} area{'s' if number != 1 else ''} {first.split(' ', 1)[1]}"
        return ", ".join(parts)

    @property
    def weak(self) -> list[AreaChange]:
        return [a for a in self.areas if a.is_weak]


def check_change(
    current: Mapping[str, int], previous: Mapping[str, int] | None, *, order: Sequence[str]
) -> CheckChange:
    """Each area rated now, in ``order``, with last time's rating beside it."""
    for topic, score in current.items():
        if not SCALE_MIN <= score <= SCALE_MAX:
            raise ValueError(f"{topic} is rated {score}; ratings are {SCALE_MIN} to {SCALE_MAX}")
    previous = previous or {}
    return CheckChange(
        [AreaChange(topic, previous.get(topic), current[topic]) for topic in order if topic in current]
    )
