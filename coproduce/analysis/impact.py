"""Attitude change by group from before-and-after answers on a five-point scale.

Plain data in, plain data out (no Django). Where the same person answered both waves (a pair), the
change is theirs: more positive, unchanged or less positive, with Wilson 95% intervals, and an exact
McNemar test of "more positive" against "less positive" (the exact sign test of the paired changes).
Where there are no pairs, only the waves can be compared: the share answering positively in each, with
Wilson intervals, and a Mann-Whitney U test of the two waves' answers. A figure resting on fewer than
``small_group`` people is flagged so nobody over-reads it. The statistics are statsmodels' and scipy's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scipy.stats import mannwhitneyu
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.proportion import proportion_confint

BEFORE, AFTER = "before", "after"
EVERYONE = ""  # the group key of everyone together
SMALL_GROUP = 10
POSITIVE_FROM = 4  # on a 1-5 scale, 4 ("fairly positive") and 5 count as positive
PAIRED_TEST = "exact McNemar test"
UNPAIRED_TEST = "Mann-Whitney U test"


class ImpactDataError(ValueError):
    """The answers contradict themselves (a wave answered twice by one person, an unknown wave)."""


@dataclass(frozen=True)
class ScaleAnswer:
    """One person's answer to one scale question in one wave."""

    group: str  # the role they answered as
    wave: str  # BEFORE or AFTER
    score: int
    pair_key: str | None = None  # the same key in both waves makes a pair; None: cannot be paired


@dataclass(frozen=True)
class Share:
    count: int
    total: int
    value: float | None  # count / total; None when total is 0
    low: float | None  # Wilson 95% interval
    high: float | None

    @property
    def percent(self) -> int | None:
        # Rounded half up, as people (and the "percent" template filter) round.
        return None if self.value is None else int(self.value * 100 + 0.5)


@dataclass(frozen=True)
class PairedChange:
    pairs: int
    more_positive: Share
    unchanged: Share
    less_positive: Share
    p_value: float  # exact McNemar: more positive against less positive; 1.0 when nobody changed
    test: str = PAIRED_TEST


@dataclass(frozen=True)
class UnpairedComparison:
    answered_before: int
    answered_after: int
    positive_before: Share
    positive_after: Share
    p_value: float | None  # Mann-Whitney U, two-sided; None when every answer is the same
    test: str = UNPAIRED_TEST


@dataclass(frozen=True)
class GroupImpact:
    group: str  # a role, or EVERYONE
    answered_before: int
    answered_after: int
    pairs: int
    paired: PairedChange | None  # None without pairs
    unpaired: UnpairedComparison | None  # None unless both waves have answers
    small: bool  # the figure reported rests on fewer than SMALL_GROUP people

    @property
    def is_paired(self) -> bool:
        return self.paired is not None


def wilson(count: int, total: int) -> Share:
    """``count`` of ``total`` with its Wilson 95% interval (statsmodels)."""
    if not 0 <= count <= total:
        raise ValueError(f"a share needs 0 <= count <= total, not {count} of {total}")
    if total == 0:
        return Share(0, 0, None, None, None)
    low, high = proportion_confint(count, total, alpha=0.05, method="wilson")
    return Share(count, total, count / total, float(low), float(high))


def paired_change(changes: Sequence[int]) -> PairedChange:
    """The paired changes (after minus before, one per person) as shares and an exact McNemar test."""
    more = sum(1 for change in changes if change > 0)
    less = sum(1 for change in changes if change < 0)
    same = len(changes) - more - less
    # Only the discordant cells count: [[_, less], [more, _]]; the exact test is binomial on more + less.
    p_value = float(mcnemar([[same, less], [more, 0]], exact=True).pvalue) if changes else 1.0
    n = len(changes)
    return PairedChange(n, wilson(more, n), wilson(same, n), wilson(less, n), p_value)


def unpaired_comparison(
    before: Sequence[int], after: Sequence[int], *, positive_from: int = POSITIVE_FROM
) -> UnpairedComparison:
    """Two independent waves: the share positive in each and a Mann-Whitney U test between them."""
    p_value = None
    if before and after and len(set(before) | set(after)) > 1:
        p_value = float(mannwhitneyu(after, before, alternative="two-sided").pvalue)
    return UnpairedComparison(
        len(before),
        len(after),
        wilson(sum(1 for s in before if s >= positive_from), len(before)),
        wilson(sum(1 for s in after if s >= positive_from), len(after)),
        p_value,
    )


def impact_by_group(
    answers: Iterable[ScaleAnswer],
    *,
    order: Sequence[str] = (),
    small_group: int = SMALL_GROUP,
    positive_from: int = POSITIVE_FROM,
) -> list[GroupImpact]:
    """Each group's change on one question, in ``order`` (then any other group by name), and everyone's.

    A pair belongs to the group its "before" answer was given as. Groups with no answers are left out;
    with no answers at all the list is empty.
    """
    by_wave: dict[str, dict[str, list[int]]] = {BEFORE: defaultdict(list), AFTER: defaultdict(list)}
    keyed: dict[str, dict[str, ScaleAnswer]] = {BEFORE: {}, AFTER: {}}
    for answer in answers:
        if answer.wave not in by_wave:
            raise ImpactDataError(f"unknown wave {answer.wave!r}")
        if answer.pair_key is not None:
            if answer.pair_key in keyed[answer.wave]:
                raise ImpactDataError(f"{answer.pair_key} answered the {answer.wave} wave twice")
            keyed[answer.wave][answer.pair_key] = answer
        by_wave[answer.wave][answer.group].append(answer.score)
    changes: dict[str, list[int]] = defaultdict(list)
    for key, before in keyed[BEFORE].items():
        after = keyed[AFTER].get(key)
        if after is not None:
            changes[before.group].append(after.score - before.score)

    present = set(by_wave[BEFORE]) | set(by_wave[AFTER])
    groups = [g for g in order if g in present] + sorted(present - set(order))
    results = [
        _group_impact(
            group,
            by_wave[BEFORE][group],
            by_wave[AFTER][group],
            changes[group],
            small_group=small_group,
            positive_from=positive_from,
        )
        for group in groups
    ]
    if results:
        everyone = [
            [score for group in groups for score in source[group]]
            for source in (by_wave[BEFORE], by_wave[AFTER], changes)
        ]
        results.append(
            _group_impact(EVERYONE, *everyone, small_group=small_group, positive_from=positive_from)
        )
    return results


def _group_impact(
    group: str,
    before: list[int],
    after: list[int],
    changes: list[int],
    *,
    small_group: int,
    positive_from: int,
) -> GroupImpact:
    paired = paired_change(changes) if changes else None
    unpaired = unpaired_comparison(before, after, positive_from=positive_from) if before and after else None
    behind = len(changes) if paired else min(len(before), len(after))
    return GroupImpact(
        group=group,
        answered_before=len(before),
        answered_after=len(after),
        pairs=len(changes),
        paired=paired,
        unpaired=unpaired,
        small=behind < small_group,
    )
