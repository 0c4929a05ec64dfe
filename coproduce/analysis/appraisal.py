"""Multi-criteria analysis for an options appraisal, the weighted-sum way the Green Book describes it.

Plain data in, plain data out (no Django): partners' scores and proposed weights go in; the summary of
scores (overall and by role, with their spread so disagreement shows), the agreed weights, the weighted
ranking and its sensitivity (switching values, solved exactly, and rank acceptability from random weight
sets around the agreed ones) come out. ``docs/decisions/0008-options-appraisal.md`` says why.
"""

from __future__ import annotations

import math
import numbers
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

import numpy as np
import numpy.typing as npt

OVERALL = ""  # the role key of everyone together in a ScoreSummary
DEFAULT_SCALE: tuple[float, float] = (0.0, 4.0)  # 0 "fails" … 4 "fully meets"; the app may pass its own
# Dirichlet concentration (alpha = concentration × agreed weights). At 30 a weight of 0.2 has a standard
# deviation of about 0.07, so most weight sets keep it between 0.06 and 0.34: a judgement of how far
# partners of different roles disagree, not a measurement (concentration_from_proposals measures it).
DEFAULT_CONCENTRATION = 30.0
DEFAULT_DRAWS = 10_000
# Two totals closer than this (relative to the scale's size) are a tie: sums of the same scores in a
# different order must not separate options that are equal on paper.
TIE_TOLERANCE = 1e-9
# concentration_from_proposals's bounds: partners who all agree exactly would give an infinite concentration.
CONCENTRATION_BOUNDS = (1.0, 1000.0)
_COMPARISONS_PER_CHUNK = 1_000_000  # rank_acceptability's working set: about 8 MB of float64 per chunk


# --- inputs -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rating:
    """One partner's score of one option on one criterion."""

    rater: str
    role: str
    option: str
    criterion: str
    score: float


@dataclass(frozen=True)
class WeightProposal:
    """One partner's proposed weight for one criterion, on any non-negative scale (normalised per rater)."""

    rater: str
    role: str
    criterion: str
    weight: float


@dataclass(frozen=True)
class ScoreMatrix:
    """The score of each option (rows) on each criterion (columns) that a ranking rests on.

    Usually the mean of the partners' scores (:meth:`ScoreSummary.matrix`); build one from a mapping with
    :func:`score_matrix`. The array is copied and made read-only so the matrix stays what it was.
    """

    options: tuple[str, ...]
    criteria: tuple[str, ...]
    values: npt.NDArray[np.float64] = field(repr=False)

    def __post_init__(self) -> None:
        _unique("option", self.options)
        _unique("criterion", self.criteria)
        if not self.options:
            raise ValueError("An appraisal needs at least one option.")
        if not self.criteria:
            raise ValueError("An appraisal needs at least one criterion.")
        values = np.array(self.values, dtype=np.float64)
        if values.shape != (len(self.options), len(self.criteria)):
            raise ValueError(
                f"The scores are {values.shape[0] if values.ndim else 0} × "
                f"{values.shape[1] if values.ndim > 1 else 0}, not {len(self.options)} options × "
                f"{len(self.criteria)} criteria."
            )
        bad = np.argwhere(~np.isfinite(values))
        if len(bad):
            i, j = bad[0]
            raise ValueError(
                f"The score of {self.options[i]!r} on {self.criteria[j]!r} is not a finite number."
            )
        values.setflags(write=False)
        object.__setattr__(self, "values", values)

    def score(self, option: str, criterion: str) -> float:
        return float(self.values[self.options.index(option), self.criteria.index(criterion)])


def score_matrix(
    scores: Mapping[tuple[str, str], float],
    *,
    options: Sequence[str],
    criteria: Sequence[str],
    scale: tuple[float, float] = DEFAULT_SCALE,
) -> ScoreMatrix:
    """A ScoreMatrix from ``{(option, criterion): score}``; every cell must be there and on the scale."""
    options, criteria = tuple(options), tuple(criteria)
    low, high = _check_scale(scale)
    known_options, known_criteria = set(options), set(criteria)
    values = np.full((len(options), len(criteria)), np.nan)
    for (option, criterion), score in scores.items():
        _known("option", option, known_options)
        _known("criterion", criterion, known_criteria)
        where = f"The score of {option!r} on {criterion!r}"
        values[options.index(option), criteria.index(criterion)] = _on_scale(score, low, high, where)
    missing = np.argwhere(np.isnan(values))
    if len(missing):
        i, j = missing[0]
        raise ValueError(f"There is no score for {options[i]!r} on {criteria[j]!r}.")
    return ScoreMatrix(options, criteria, values)


# --- score summary ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellSummary:
    """The scores one option got on one criterion (from one role, or everyone).

    ``n`` is 0 and every figure None when nobody scored it: an empty cell is not a score of 0.
    ``spread`` is the interquartile range (q3 - q1, numpy's linear interpolation): half the partners
    scored within it, so a wide one is disagreement, not noise from one outlier as the range would be.
    ``std`` is the sample standard deviation (n - 1), None for fewer than two scores.
    """

    n: int
    mean: float | None = None
    median: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    std: float | None = None
    q1: float | None = None
    q3: float | None = None

    @property
    def spread(self) -> float | None:
        return None if self.q1 is None or self.q3 is None else self.q3 - self.q1

    @classmethod
    def of(cls, scores: Sequence[float]) -> CellSummary:
        if not scores:
            return cls(n=0)
        # Plain Python: a cell holds tens of scores, where numpy's per-call overhead is most of the cost.
        values = sorted(float(x) for x in scores)
        n = len(values)
        mean = math.fsum(values) / n
        return cls(
            n=n,
            mean=mean,
            median=_quantile(values, 0.5),
            minimum=values[0],
            maximum=values[-1],
            std=math.sqrt(math.fsum((x - mean) ** 2 for x in values) / (n - 1)) if n > 1 else None,
            q1=_quantile(values, 0.25),
            q3=_quantile(values, 0.75),
        )


def _quantile(ordered: Sequence[float], q: float) -> float:
    """The q-quantile of sorted values by linear interpolation (numpy's default, Hyndman and Fan type 7)."""
    position = q * (len(ordered) - 1)
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (position - below) * (ordered[above] - ordered[below])


@dataclass(frozen=True)
class ScoreSummary:
    """Every option × criterion cell's scores, for everyone (role ``OVERALL``) and, when asked, per role."""

    options: tuple[str, ...]
    criteria: tuple[str, ...]
    roles: tuple[str, ...]  # the roles summarised separately; empty unless by_role
    raters: int  # how many partners scored anything
    cells: Mapping[tuple[str, str, str], CellSummary]  # (role or OVERALL, option, criterion)

    def cell(self, option: str, criterion: str, role: str = OVERALL) -> CellSummary:
        try:
            return self.cells[(role, option, criterion)]
        except KeyError:
            raise ValueError(f"No summary for {option!r} on {criterion!r} (role {role!r}).") from None

    def matrix(self, role: str = OVERALL) -> ScoreMatrix:
        """The mean scores as a ScoreMatrix to rank on; a cell nobody scored cannot be ranked."""
        values = np.empty((len(self.options), len(self.criteria)))
        for i, option in enumerate(self.options):
            for j, criterion in enumerate(self.criteria):
                mean = self.cell(option, criterion, role).mean
                if mean is None:
                    who = "anyone" if role == OVERALL else f"anyone of role {role!r}"
                    raise ValueError(f"{option!r} has not been scored on {criterion!r} by {who}.")
                values[i, j] = mean
        return ScoreMatrix(self.options, self.criteria, values)


def score_summary(
    ratings: Iterable[Rating],
    *,
    options: Sequence[str],
    criteria: Sequence[str],
    by_role: bool = False,
    roles: Sequence[str] | None = None,
    scale: tuple[float, float] = DEFAULT_SCALE,
) -> ScoreSummary:
    """Summarise the partners' scores per option × criterion, overall and (``by_role``) per role.

    ``roles`` fixes which roles are summarised (and their order), so a role nobody from has scored yet
    still shows, as empty cells; without it the roles are those in the ratings, sorted. A score off the
    scale, an unknown option, criterion or role, a partner scoring the same cell twice or under two roles
    raises ValueError naming it: a summary must not quietly rest on bad data.
    """
    options, criteria = tuple(options), tuple(criteria)
    _unique("option", options)
    _unique("criterion", criteria)
    low, high = _check_scale(scale)
    known_options, known_criteria = set(options), set(criteria)
    known_roles = None if roles is None else set(roles)
    scores: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    role_of: dict[str, str] = {}
    seen: set[tuple[str, str, str]] = set()
    for rating in ratings:
        _known("option", rating.option, known_options)
        _known("criterion", rating.criterion, known_criteria)
        if known_roles is not None:
            _known("role", rating.role, known_roles)
        if role_of.setdefault(rating.rater, rating.role) != rating.role:
            raise ValueError(
                f"{rating.rater!r} scores as both {role_of[rating.rater]!r} and {rating.role!r}: a partner has one role."
            )
        key = (rating.rater, rating.option, rating.criterion)
        if key in seen:
            raise ValueError(
                f"{rating.rater!r} scored {rating.option!r} on {rating.criterion!r} more than once."
            )
        seen.add(key)
        where = f"{rating.rater!r}'s score of {rating.option!r} on {rating.criterion!r}"
        score = _on_scale(rating.score, low, high, where)
        scores[(OVERALL, rating.option, rating.criterion)].append(score)
        if by_role:
            scores[(rating.role, rating.option, rating.criterion)].append(score)
    summarised = (
        (tuple(roles) if roles is not None else tuple(sorted(set(role_of.values())))) if by_role else ()
    )
    cells = {
        (role, option, criterion): CellSummary.of(scores.get((role, option, criterion), []))
        for role in (OVERALL, *summarised)
        for option in options
        for criterion in criteria
    }
    return ScoreSummary(options, criteria, summarised, len(role_of), cells)


# --- weights ------------------------------------------------------------------------------------------


def agreed_weights(
    proposals: Iterable[WeightProposal],
    *,
    criteria: Sequence[str],
    voice: Literal["rater", "role"] = "rater",
) -> dict[str, float]:
    """The agreed weights: each partner's proposal normalised to sum to 1, then averaged.

    Normalising first gives every partner the same say whatever scale they wrote their weights on (a
    partner who wrote 10s does not outweigh one who wrote 1s). A criterion a partner left out counts as 0
    for them. ``voice="rater"`` averages over partners; ``voice="role"`` averages within each role first,
    then over roles, so a role with many partners present does not outvote one with few. The result sums
    to 1 (the mean of vectors that each sum to 1).
    """
    normalised = normalised_proposals(proposals, criteria=criteria)
    if voice == "rater":
        groups = [list(normalised.values())]
    elif voice == "role":
        by_role: dict[str, list[npt.NDArray[np.float64]]] = defaultdict(list)
        for (_rater, role), vector in normalised.items():
            by_role[role].append(vector)
        groups = [by_role[role] for role in sorted(by_role)]
    else:
        raise ValueError(f"voice must be 'rater' or 'role', not {voice!r}.")
    mean = np.mean([np.mean(group, axis=0) for group in groups], axis=0)
    mean = mean / mean.sum()  # exact to rounding already; this keeps the sum at 1 to the last bit
    return {criterion: float(w) for criterion, w in zip(criteria, mean, strict=True)}


def weights_by_role(
    proposals: Iterable[WeightProposal], *, criteria: Sequence[str]
) -> dict[str, dict[str, float]]:
    """Each role's own agreed weights (the mean of its partners' normalised proposals), roles sorted."""
    normalised = normalised_proposals(proposals, criteria=criteria)
    by_role: dict[str, list[npt.NDArray[np.float64]]] = defaultdict(list)
    for (_rater, role), vector in normalised.items():
        by_role[role].append(vector)
    return {
        role: {c: float(w) for c, w in zip(criteria, np.mean(by_role[role], axis=0), strict=True)}
        for role in sorted(by_role)
    }


def normalised_proposals(
    proposals: Iterable[WeightProposal], *, criteria: Sequence[str]
) -> dict[tuple[str, str], npt.NDArray[np.float64]]:
    """Each partner's weights over ``criteria`` scaled to sum to 1, keyed by (rater, role)."""
    criteria = tuple(criteria)
    _unique("criterion", criteria)
    if not criteria:
        raise ValueError("An appraisal needs at least one criterion.")
    index = {criterion: j for j, criterion in enumerate(criteria)}
    raw: dict[str, npt.NDArray[np.float64]] = {}
    role_of: dict[str, str] = {}
    given: set[tuple[str, str]] = set()
    for proposal in proposals:
        _known("criterion", proposal.criterion, index.keys())
        if role_of.setdefault(proposal.rater, proposal.role) != proposal.role:
            raise ValueError(
                f"{proposal.rater!r} proposes weights as both {role_of[proposal.rater]!r} and {proposal.role!r}."
            )
        if (proposal.rater, proposal.criterion) in given:
            raise ValueError(
                f"{proposal.rater!r} proposed a weight for {proposal.criterion!r} more than once."
            )
        given.add((proposal.rater, proposal.criterion))
        weight = _weight(proposal.weight, f"{proposal.rater!r}'s weight for {proposal.criterion!r}")
        raw.setdefault(proposal.rater, np.zeros(len(criteria)))[index[proposal.criterion]] = weight
    if not raw:
        raise ValueError("Nobody has proposed weights yet.")
    result = {}
    for rater, vector in raw.items():
        with np.errstate(over="ignore"):  # an overflow is refused just below
            total = vector.sum()
        if not math.isfinite(total):
            raise ValueError(f"{rater!r}'s weights are too large to add up; write them on a smaller scale.")
        if total <= 0:
            raise ValueError(f"{rater!r}'s weights are all zero: at least one criterion must count.")
        result[(rater, role_of[rater])] = vector / total
    return result


def concentration_from_proposals(
    proposals: Iterable[WeightProposal],
    *,
    criteria: Sequence[str],
    bounds: tuple[float, float] = CONCENTRATION_BOUNDS,
) -> float:
    """A Dirichlet concentration matching how far the partners' own normalised weights spread.

    Method of moments: a Dirichlet(c·w) weight has variance w(1-w)/(c+1), so pooled over the criteria
    c = Σ w(1-w) / Σ var - 1, with var the partners' sample variance. Clipped to ``bounds``: partners who
    all agree exactly would give infinity, and fewer than two partners give no spread to measure (the upper
    bound is returned).
    """
    vectors = np.array(list(normalised_proposals(proposals, criteria=criteria).values()))
    low, high = bounds
    if len(vectors) < 2:
        return high
    mean = vectors.mean(axis=0)
    variance = vectors.var(axis=0, ddof=1).sum()
    if variance <= 0:
        return high
    return float(np.clip((mean * (1 - mean)).sum() / variance - 1, low, high))


# --- ranking ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RankedOption:
    option: str
    total: float  # the weighted sum of its scores, on the scores' scale (weights sum to 1)
    rank: int  # 1 is best; tied options share a rank and the next rank is skipped ("1, 1, 3")


@dataclass(frozen=True)
class Ranking:
    """The options best first (ties in name order), the weights used, and the top option(s)."""

    options: tuple[RankedOption, ...]
    weights: Mapping[str, float]  # normalised to sum to 1

    @property
    def top(self) -> tuple[str, ...]:
        return tuple(o.option for o in self.options if o.rank == 1)

    def total(self, option: str) -> float:
        for ranked in self.options:
            if ranked.option == option:
                return ranked.total
        raise ValueError(f"There is no option {option!r} in this ranking.")


def weighted_ranking(matrix: ScoreMatrix, weights: Mapping[str, float]) -> Ranking:
    """Rank the options by the weighted sum of their scores (weights normalised to sum to 1)."""
    w = weight_vector(matrix, weights)
    totals = matrix.values @ w
    ranks = _competition_ranks(totals, _tolerance(matrix))
    order = sorted(range(len(matrix.options)), key=lambda i: (ranks[i], matrix.options[i]))
    return Ranking(
        options=tuple(RankedOption(matrix.options[i], float(totals[i]), int(ranks[i])) for i in order),
        weights={c: float(x) for c, x in zip(matrix.criteria, w, strict=True)},
    )


def weight_vector(matrix: ScoreMatrix, weights: Mapping[str, float]) -> npt.NDArray[np.float64]:
    """The weights in the matrix's criterion order, checked and normalised to sum to 1."""
    known = set(matrix.criteria)
    for criterion in weights:
        _known("criterion", criterion, known)
    missing = [c for c in matrix.criteria if c not in weights]
    if missing:
        raise ValueError(f"There is no weight for criterion {missing[0]!r}.")
    w = np.array([_weight(weights[c], f"The weight of {c!r}") for c in matrix.criteria])
    with np.errstate(over="ignore"):  # an overflow is refused just below
        total = w.sum()
    if not math.isfinite(total):
        raise ValueError("The weights are too large to add up; write them on a smaller scale.")
    if total <= 0:
        raise ValueError("The weights are all zero: at least one criterion must count.")
    return w / total


# --- switching values ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Switch:
    """Where, moving one criterion's weight away from the agreed one, the top changes, and who leads after."""

    weight: float  # the criterion's weight at the change (0 to 1; the others share the rest in proportion)
    new_top: tuple[str, ...]  # the option(s) at the top just past it, in name order


@dataclass(frozen=True)
class SwitchingValue:
    """For one criterion: the nearest weight below and above the agreed one at which the top changes.

    None means never: however far the weight goes that way (down to 0, up to 1), the top stays.
    """

    criterion: str
    weight: float  # the agreed (normalised) weight
    top: tuple[str, ...]  # the top option(s) at the agreed weights
    below: Switch | None
    above: Switch | None

    @property
    def never(self) -> bool:
        return self.below is None and self.above is None


def switching_values(matrix: ScoreMatrix, weights: Mapping[str, float]) -> list[SwitchingValue]:
    """For each criterion, the weight at which the top option changes nearest the agreed weight, each way.

    One criterion's weight t goes from 0 to 1 while the others keep their proportions and share 1 - t (if
    they are all zero, they share it equally). Every option's total is then linear in t,
    ``total(t) = rest + t · (score - rest)`` with ``rest`` its weighted score on the other criteria, so the
    change points are solved exactly where two lines meet rather than searched for on a grid.

    The top changes at t when another option draws level there and leads beyond it. A tie at the agreed
    weights that any move breaks gives the agreed weight itself as the switching value, with the option
    that leads that way. Options level only at the end of the range (all weight on a criterion on which
    they score the same) never lead, so that is "never". Identical options stay tied and never switch.
    """
    w = weight_vector(matrix, weights)
    tol = _tolerance(matrix)
    scores = matrix.values
    results = []
    for j, criterion in enumerate(matrix.criteria):
        others = np.delete(np.arange(len(matrix.criteria)), j)
        rest_weights = w[others]
        if rest_weights.sum() > 0:
            rest_weights = rest_weights / rest_weights.sum()
        elif len(others):
            rest_weights = np.full(len(others), 1 / len(others))
        rest = scores[:, others] @ rest_weights if len(others) else scores[:, j].copy()
        slope = scores[:, j] - rest
        lines = _Lines(rest, slope, tol)
        t0 = float(w[j])
        results.append(
            SwitchingValue(
                criterion=criterion,
                weight=t0,
                top=tuple(sorted(matrix.options[i] for i in lines.top(t0))),
                below=lines.switch(t0, -1, matrix.options),
                above=lines.switch(t0, +1, matrix.options),
            )
        )
    return results


@dataclass(frozen=True)
class _Lines:
    """The options' totals as lines ``intercept + slope · t`` over t in [0, 1]."""

    intercept: npt.NDArray[np.float64]
    slope: npt.NDArray[np.float64]
    tol: float

    def at(self, t: float) -> npt.NDArray[np.float64]:
        return self.intercept + self.slope * t

    def top(self, t: float) -> list[int]:
        totals = self.at(t)
        return [int(i) for i in np.flatnonzero(totals >= totals.max() - self.tol)]

    def leaders(self, t: float, direction: int) -> list[int]:
        """The top just past t in ``direction`` (+1 up, -1 down): of those level at t, the steepest that way."""
        level = self.top(t)
        steepness = self.slope[level] * direction
        return [i for i, s in zip(level, steepness, strict=True) if s >= steepness.max() - self.tol]

    def switch(self, t0: float, direction: int, names: Sequence[str]) -> Switch | None:
        end = 1.0 if direction > 0 else 0.0
        if abs(t0 - end) <= self.tol:
            return None
        current = self.top(t0)
        leaders = self.leaders(t0, direction)
        if leaders != current:  # a tie at the agreed weight, broken by any move this way
            return Switch(t0, tuple(sorted(names[i] for i in leaders)))
        # The leaders' lines coincide (equal at t0, equal slopes), so one stands for all of them. An option
        # steeper in this direction meets it at t0 + gap / closing, with gap > tol (it is not level at t0).
        lead = leaders[0]
        gap = self.at(t0)[lead] - self.at(t0)
        closing = (self.slope - self.slope[lead]) * direction
        catching = closing > self.tol
        if not catching.any():
            return None
        distance = np.min(gap[catching] / closing[catching])
        t = t0 + direction * float(distance)
        if (t - end) * direction >= -self.tol:  # level only at (or past) the end of the range: never leads
            return None
        return Switch(t, tuple(sorted(names[i] for i in self.leaders(t, direction))))


# --- rank acceptability -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Acceptability:
    """How often each option takes each rank over random weight sets around the agreed weights.

    ``shares[i, r]`` is the share of weight sets in which ``options[i]`` is ranked ``r + 1``; an option
    tied with others in a draw has the tied ranks split equally between them. Rows and columns sum to 1.
    """

    options: tuple[str, ...]
    shares: npt.NDArray[np.float64] = field(repr=False)  # options × ranks
    draws: int
    concentration: float
    seed: int
    weights: Mapping[str, float]  # the agreed weights the draws are centred on

    @property
    def first(self) -> dict[str, float]:
        """The share of weight sets in which each option comes first (its rank-1 acceptability)."""
        return {o: float(s) for o, s in zip(self.options, self.shares[:, 0], strict=True)}

    def share(self, option: str, rank: int) -> float:
        return float(self.shares[self.options.index(option), rank - 1])

    def standard_error(self, option: str, rank: int = 1) -> float:
        """The Monte Carlo standard error of a share, sqrt(p(1 - p) / draws): how much the draws alone move it."""
        p = self.share(option, rank)
        return math.sqrt(p * (1 - p) / self.draws)


def rank_acceptability(
    matrix: ScoreMatrix,
    weights: Mapping[str, float],
    *,
    draws: int = DEFAULT_DRAWS,
    concentration: float = DEFAULT_CONCENTRATION,
    seed: int = 0,
) -> Acceptability:
    """The share of random weight sets around the agreed weights in which each option takes each rank.

    Weight sets are drawn from a Dirichlet distribution with alpha = concentration × agreed weights, so
    they sum to 1 and centre on the agreed weights; the larger the concentration, the closer they stay.
    A criterion agreed at weight 0 stays at 0 (a Dirichlet needs positive alphas, and the partners agreed
    it does not count; its switching value shows what weight would matter). All draws at once with numpy,
    reproducible from ``seed``.
    """
    w = weight_vector(matrix, weights)
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 1:
        raise ValueError(f"draws must be a whole number of at least 1, not {draws!r}.")
    if isinstance(concentration, bool) or not math.isfinite(float(concentration)) or concentration <= 0:
        raise ValueError(f"concentration must be a positive number, not {concentration!r}.")
    rng = np.random.default_rng(seed)
    positive = np.flatnonzero(w > 0)
    sampled = rng.dirichlet(concentration * w[positive], size=draws)  # draws × positive criteria
    totals = sampled @ matrix.values[:, positive].T  # draws × options
    n = len(matrix.options)
    tol = _tolerance(matrix)
    counts = np.zeros(n * n)
    # In chunks, so the draws × options × options comparison stays a few megabytes however many options.
    chunk = max(1, _COMPARISONS_PER_CHUNK // (n * n))
    for start in range(0, draws, chunk):
        counts += _rank_counts(totals[start : start + chunk], tol)
    shares = counts.reshape(n, n) / draws
    shares.setflags(write=False)
    return Acceptability(
        options=matrix.options,
        shares=shares,
        draws=draws,
        concentration=float(concentration),
        seed=seed,
        weights={c: float(x) for c, x in zip(matrix.criteria, w, strict=True)},
    )


def _rank_counts(totals: npt.NDArray[np.float64], tol: float) -> npt.NDArray[np.float64]:
    """How often (draws × options totals) each option takes each rank, flattened option × rank; ties split."""
    draws, n = totals.shape
    diff = totals[:, None, :] - totals[:, :, None]  # [d, i, k] = total_k - total_i
    ahead = (diff > tol).sum(axis=2)  # options strictly ahead of i: i's best possible rank is ahead + 1
    level = (np.abs(diff) <= tol).sum(axis=2)  # options level with i, itself included
    counts = np.zeros(n * n)
    option_index = np.broadcast_to(np.arange(n), (draws, n))
    for k in range(int(level.max())):  # a tie of g options shares their g ranks, 1/g of a draw each
        holds = k < level
        cells = option_index[holds] * n + (ahead[holds] + k)
        counts += np.bincount(cells, weights=1.0 / level[holds], minlength=n * n)
    return counts


# --- checks -------------------------------------------------------------------------------------------


def _competition_ranks(totals: npt.NDArray[np.float64], tol: float) -> npt.NDArray[np.int64]:
    ahead = (totals[None, :] - totals[:, None] > tol).sum(axis=1)
    return ahead + 1


def _tolerance(matrix: ScoreMatrix) -> float:
    return TIE_TOLERANCE * max(1.0, float(np.abs(matrix.values).max()))


def _number(value: object, where: str) -> float:
    # Real covers int, float, Fraction and numpy's scalars; Decimal is what a Django DecimalField holds.
    if isinstance(value, bool) or not isinstance(value, numbers.Real | Decimal):
        raise ValueError(f"{where} is not a number ({value!r}).")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{where} is not a finite number ({value!r}).")
    return number


def _weight(value: object, where: str) -> float:
    weight = _number(value, where)
    if weight < 0:
        raise ValueError(f"{where} is negative ({weight:g}); weights are 0 or more.")
    return weight


def _on_scale(value: object, low: float, high: float, where: str) -> float:
    score = _number(value, where)
    if not low <= score <= high:
        raise ValueError(f"{where} is {score:g}, outside the scale {low:g} to {high:g}.")
    return score


def _check_scale(scale: tuple[float, float]) -> tuple[float, float]:
    low, high = (_number(x, "The scale's end") for x in scale)
    if low >= high:
        raise ValueError(f"The scale must run from a lower to a higher score, not {low:g} to {high:g}.")
    return low, high


def _known(kind: str, name: str, known: Iterable[str]) -> None:
    if name not in known:
        raise ValueError(f"Unknown {kind} {name!r}.")


def _unique(kind: str, names: Sequence[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ValueError(f"The {kind} {name!r} appears twice.")
        seen.add(name)
