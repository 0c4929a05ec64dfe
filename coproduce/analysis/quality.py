"""Quality checks on a theme set, reported as warnings (rules after i.AI ThemeFinder).

- ``small_theme``: fewer than ``min_theme_count`` comments, or less than ``min_theme_share`` of them;
- ``similar_labels``: two themes whose names' content words overlap (Jaccard) at least ``similar_label_jaccard``;
- ``overlapping_themes``: two themes that really overlap. The comments placed in one with the other as their
  secondary theme must be at least ``overlap_share`` of the smaller theme's comments, and at least
  ``OVERLAP_LIFT`` times what the other themes' comments lead one to expect. Without that second rule a large
  theme "overlaps" every other: its size alone makes it many comments' secondary theme (issue 12).

Messages name themes by what people see (their label), never by the engine's internal number, which is not
shown and does not match the order on screen.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import combinations

from coproduce.analysis.config import EngineConfig
from coproduce.analysis.result import Assignment, QualityWarning, Theme

_WORD = re.compile(r"[a-z0-9]+")
# Two themes share comments "really" when the comments of one name the other as their secondary theme at
# least this many times as often as the comments of the remaining themes do.
OVERLAP_LIFT = 2.0


def label_words(theme: Theme) -> set[str]:
    """The content words of the theme's label ("for", "the" and the like say nothing about its subject)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return set(_WORD.findall(theme.label.lower())) - ENGLISH_STOP_WORDS


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def quality_warnings(
    themes: Sequence[Theme], assignments: Sequence[Assignment], config: EngineConfig
) -> list[QualityWarning]:
    warnings: list[QualityWarning] = []
    total = len(assignments)
    by_id = sorted(themes, key=lambda t: t.id)
    for theme in by_id:
        share = theme.size / total if total else 0.0
        if len(themes) > 1 and (theme.size < config.min_theme_count or share < config.min_theme_share):
            warnings.append(
                QualityWarning(
                    "small_theme",
                    f"“{theme.label}” has only {theme.size} comment"
                    f"{'' if theme.size == 1 else 's'} ({share:.0%}); consider merging it.",
                    (theme.id,),
                )
            )
    for a, b in combinations(by_id, 2):
        similarity = jaccard(label_words(a), label_words(b))
        if similarity >= config.similar_label_jaccard:
            warnings.append(
                QualityWarning(
                    "similar_labels",
                    f"“{a.label}” and “{b.label}” have similar names "
                    f"({similarity:.0%} of words shared); merge or rename one.",
                    (a.id, b.id),
                )
            )
    warnings.extend(overlap_warnings(by_id, assignments, config))
    return warnings


def overlap_warnings(
    themes: Sequence[Theme], assignments: Sequence[Assignment], config: EngineConfig
) -> list[QualityWarning]:
    """Pairs of themes whose comments really sit in both (see the module's docstring)."""
    label = {t.id: t.label for t in themes}
    size: Counter[int] = Counter(a.theme for a in assignments)
    towards: Counter[tuple[int, int]] = Counter()  # (primary, secondary) -> comments
    for assignment in assignments:
        for other in set(assignment.secondary) - {assignment.theme}:
            towards[assignment.theme, other] += 1
    secondary_of: Counter[int] = Counter()  # comments naming the theme as a secondary theme
    for (_, other), count in towards.items():
        secondary_of[other] += count
    total = len(assignments)
    warnings = []
    for a_id, b_id in sorted({tuple(sorted(pair)) for pair in towards}):
        shared = towards[a_id, b_id] + towards[b_id, a_id]
        smaller = min(size[a_id], size[b_id])
        if not smaller or shared / smaller < config.overlap_share:
            continue
        rest = total - size[a_id] - size[b_id]
        if rest > 0:
            # How often the comments of the other themes name a (or b) as their secondary theme.
            rate_a = (secondary_of[a_id] - towards[b_id, a_id]) / rest
            rate_b = (secondary_of[b_id] - towards[a_id, b_id]) / rest
            expected = size[a_id] * rate_b + size[b_id] * rate_a
            if expected > 0 and shared / expected < OVERLAP_LIFT:
                continue
        warnings.append(
            QualityWarning(
                "overlapping_themes",
                f"“{label.get(a_id, a_id)}” and “{label.get(b_id, b_id)}” share {shared} comments "
                f"({shared / smaller:.0%} of the smaller); they may be one theme.",
                (a_id, b_id),
            )
        )
    return warnings
