"""Reads for options appraisals: the evidence behind each criterion, a partner's own scores, and the results
(the summary by role, the weighted ranking and its sensitivity), computed by coproduce.analysis.appraisal."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from coproduce.accounts.models import AreaRole
from coproduce.analysis import appraisal as mcda
from coproduce.appraisal.charts import HBarChart, hbar_chart
from coproduce.appraisal.models import Appraisal, Criterion, Option
from coproduce.themes.models import Theme, ThemeAssignment
from coproduce.themes.selectors import current_run

# Rank acceptability is drawn with a fixed seed, so the page, the PDF and the API give the same figures.
ACCEPTABILITY_SEED = 2012
ACCEPTABILITY_DRAWS = 10_000
QUOTES_PER_THEME = 3
ROLE_ORDER = [role.value for role in AreaRole] + ["superuser"]


def role_label(role: str) -> str:
    return AreaRole(role).label if role in AreaRole.values else "Administrator"


def preferred_option(appraisal: Appraisal) -> Option | None:
    """The option the partners agreed on: None until the appraisal is agreed. This is what a commissioning
    process links to as its chosen delivery model."""
    if appraisal.status != "agreed":
        return None
    return appraisal.preferred_option


def agreed_appraisals(area) -> QuerySet[Appraisal]:
    """The area's appraisals whose preferred option is agreed, latest first."""
    return area.appraisals.filter(status="agreed", preferred_option__isnull=False).select_related(
        "preferred_option"
    )


def rater_count(appraisal: Appraisal) -> int:
    return appraisal.scores.values("rater").distinct().count()


def citable_themes(appraisal: Appraisal, *, criterion: Criterion | None = None) -> QuerySet[Theme]:
    """The active themes of the area's current analysis, and any the criterion already cites."""
    run = current_run(appraisal.area)
    wanted = Q(run=run, is_active=True) if run else Q(pk__in=[])
    if criterion is not None:
        wanted |= Q(appraisal_criteria=criterion)
    return Theme.objects.filter(wanted).select_related("run").distinct().order_by("-size", "number")


@dataclass
class ThemeEvidence:
    theme: Theme
    quotes: list  # the theme's most typical comments
    is_current: bool = True  # False: the theme is from an analysis since re-run (or merged away)


@dataclass
class CriterionEvidence:
    criterion: Criterion
    themes: list[ThemeEvidence]


def criteria_with_evidence(appraisal: Appraisal) -> list[CriterionEvidence]:
    """Each criterion with the themes it cites and the comments most typical of each."""
    result = []
    run = current_run(appraisal.area)
    for criterion in appraisal.criteria.prefetch_related("themes__run"):
        themes = []
        for theme in criterion.themes.all():
            assignments = (
                ThemeAssignment.objects.filter(theme=theme)
                .select_related("comment__event")
                .order_by("-confidence", "pk")[:QUOTES_PER_THEME]
            )
            current = run is not None and theme.run_id == run.pk and theme.is_active
            themes.append(ThemeEvidence(theme, [a.comment for a in assignments], current))
        result.append(CriterionEvidence(criterion, themes))
    return result


def rater_initial(appraisal: Appraisal, user) -> dict[str, str]:
    """A partner's own scores and weights, as the scoring form's initial values."""
    initial = {
        f"score_{s.option_id}_{s.criterion_id}": str(s.value) for s in appraisal.scores.filter(rater=user)
    }
    initial |= {
        f"weight_{w.criterion_id}": f"{w.weight:g}" for w in appraisal.weight_proposals.filter(rater=user)
    }
    return initial


# --- results ------------------------------------------------------------------------------------------


@dataclass
class Cell:
    option: Option
    criterion: Criterion
    summary: mcda.CellSummary


@dataclass
class RoleView:
    role: str
    label: str
    raters: int
    rows: list[tuple[Option, list[mcda.CellSummary]]]
    ranking: list[tuple[int, Option, float]]  # empty when the role has not scored every cell
    weights: list[tuple[Criterion, float]]  # the role's own weights (shares of 1), empty if none proposed

    @property
    def top(self) -> list[tuple[Option, float]]:
        """The option(s) the role's scores put first (several when tied)."""
        return [(option, total) for rank, option, total in self.ranking if rank == 1]


@dataclass
class SwitchRow:
    criterion: Criterion
    weight: float
    below: tuple[float, list[Option]] | None
    above: tuple[float, list[Option]] | None

    @property
    def never(self) -> bool:
        return self.below is None and self.above is None


@dataclass
class Results:
    appraisal: Appraisal
    options: list[Option]
    criteria: list[Criterion]
    raters: int = 0
    problem: str = ""  # why there is no ranking yet (nobody scored, an option nobody scored…)
    overall: list[tuple[Option, list[mcda.CellSummary]]] = field(default_factory=list)
    by_role: list[RoleView] = field(default_factory=list)
    weights: list[tuple[Criterion, float]] = field(default_factory=list)
    ranking: list[tuple[int, Option, float]] = field(default_factory=list)
    top: list[Option] = field(default_factory=list)
    switching: list[SwitchRow] = field(default_factory=list)
    acceptability: list[tuple[Option, float]] = field(default_factory=list)
    draws: int = ACCEPTABILITY_DRAWS
    seed: int = ACCEPTABILITY_SEED
    concentration: float = mcda.DEFAULT_CONCENTRATION
    ranking_chart: HBarChart | None = None
    acceptability_chart: HBarChart | None = None
    weights_chart: HBarChart | None = None

    @property
    def has_ranking(self) -> bool:
        return bool(self.ranking)


def _key(obj) -> str:
    return str(obj.pk)


def appraisal_results(appraisal: Appraisal) -> Results:
    """Everything the results page, the record and the API show, from the stored scores and weights."""
    options = list(appraisal.options.filter(is_shortlisted=True))
    criteria = list(appraisal.criteria.all())
    results = Results(appraisal, options, criteria)
    if len(options) < 1 or not criteria:
        results.problem = "The appraisal needs short-listed options and criteria before it can be scored."
        return results
    option_by, criterion_by = {_key(o): o for o in options}, {_key(c): c for c in criteria}
    scores = list(
        appraisal.scores.filter(option__in=options, criterion__in=criteria).select_related(
            "option", "criterion"
        )
    )
    weight_rows = list(appraisal.weight_proposals.filter(criterion__in=criteria).select_related("criterion"))
    # A partner scores in one role: the one they last scored in (a score kept from before a change of role,
    # on an option excluded and restored since, counts under it too).
    stamped = [(s.scored_at, s.rater_id, s.rater_role) for s in scores]
    stamped += [(w.proposed_at, w.rater_id, w.rater_role) for w in weight_rows]
    role_of: dict[int, str] = {}
    for _, rater_id, role in sorted(stamped, key=lambda row: row[0]):
        role_of[rater_id] = role
    ratings = [
        mcda.Rating(str(s.rater_id), role_of[s.rater_id], _key(s.option), _key(s.criterion), float(s.value))
        for s in scores
    ]
    proposals = [
        mcda.WeightProposal(str(w.rater_id), role_of[w.rater_id], _key(w.criterion), w.weight)
        for w in weight_rows
    ]
    roles = sorted({r.role for r in ratings}, key=ROLE_ORDER.index)
    option_keys, criterion_keys = list(option_by), list(criterion_by)
    scale = (float(appraisal.scale_min), float(appraisal.scale_max))
    summary = mcda.score_summary(
        ratings, options=option_keys, criteria=criterion_keys, by_role=True, roles=roles, scale=scale
    )
    results.raters = summary.raters
    results.overall = [(option_by[o], [summary.cell(o, c) for c in criterion_keys]) for o in option_keys]
    if not ratings or not proposals:
        results.problem = "Nobody has scored the options yet."
        return results
    weights = mcda.agreed_weights(proposals, criteria=criterion_keys, voice="role")
    results.weights = [(criterion_by[c], weights[c]) for c in criterion_keys]
    role_weights = mcda.weights_by_role(proposals, criteria=criterion_keys)
    for role in roles:
        rows = [(option_by[o], [summary.cell(o, c, role) for c in criterion_keys]) for o in option_keys]
        try:
            ranked = mcda.weighted_ranking(summary.matrix(role), weights)
            role_ranking = [(r.rank, option_by[r.option], r.total) for r in ranked.options]
        except ValueError:
            role_ranking = []
        raters = len({r.rater for r in ratings if r.role == role})
        own = role_weights.get(role, {})
        results.by_role.append(
            RoleView(
                role,
                role_label(role),
                raters,
                rows,
                role_ranking,
                [(criterion_by[c], own[c]) for c in criterion_keys] if own else [],
            )
        )
    try:
        matrix = summary.matrix()
    except ValueError as error:
        results.problem = f"No ranking yet: {error}"
        return results
    ranking = mcda.weighted_ranking(matrix, weights)
    results.ranking = [(r.rank, option_by[r.option], r.total) for r in ranking.options]
    results.top = [option_by[o] for o in ranking.top]
    results.switching = [
        SwitchRow(
            criterion_by[s.criterion],
            s.weight,
            (s.below.weight, [option_by[o] for o in s.below.new_top]) if s.below else None,
            (s.above.weight, [option_by[o] for o in s.above.new_top]) if s.above else None,
        )
        for s in mcda.switching_values(matrix, weights)
    ]
    acceptability = mcda.rank_acceptability(
        matrix, weights, draws=ACCEPTABILITY_DRAWS, seed=ACCEPTABILITY_SEED
    )
    results.concentration = acceptability.concentration
    first = acceptability.first
    results.acceptability = sorted(
        ((option_by[o], first[o]) for o in option_keys), key=lambda pair: (-pair[1], pair[0].pk)
    )
    top, bottom = appraisal.scale_max, appraisal.scale_min
    results.ranking_chart = hbar_chart(
        "ranking",
        "Weighted score of each option",
        [(o.title, total) for _, o, total in results.ranking],
        low=min(0, bottom),
        high=top,
        fmt="{:.2f}",
    )
    results.acceptability_chart = hbar_chart(
        "acceptability",
        f"Share of {ACCEPTABILITY_DRAWS:,} weight sets in which each option comes first",
        [(o.title, share * 100) for o, share in results.acceptability],
        low=0,
        high=100,
        fmt="{:.1f}%",
    )
    results.weights_chart = hbar_chart(
        "weights",
        "Agreed weight of each criterion",
        [(c.title, w * 100) for c, w in results.weights],
        low=0,
        high=max(100 * max(weights.values()), 1),
        fmt="{:.1f}%",
    )
    return results


def top_option(appraisal: Appraisal) -> Option | None:
    """The option the weighted ranking puts first (the first of a tie), to offer as the preferred one."""
    results = appraisal_results(appraisal)
    return results.top[0] if results.top else None


@dataclass
class Record:
    appraisal: Appraisal
    shortlist: list[Option]
    excluded: list[Option]
    criteria: list[CriterionEvidence]
    results: Results


def appraisal_record(appraisal: Appraisal) -> Record:
    """The appraisal on the record: long list and exclusions, criteria and evidence, results, agreement."""
    options = list(appraisal.options.all())
    return Record(
        appraisal,
        [o for o in options if o.is_shortlisted],
        [o for o in options if not o.is_shortlisted],
        criteria_with_evidence(appraisal),
        appraisal_results(appraisal),
    )
