"""The programme roll-up: the areas a user may see, side by side, with themes that recur across them."""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from coproduce.directory.models import Role
from coproduce.engagement.models import Attendance
from coproduce.programmes.models import Area, Programme
from coproduce.proposals.models import Action, ActionStatus
from coproduce.reports.dashboard import area_summaries
from coproduce.reports.recurrence import (
    MIN_SIMILARITY,
    NamedTheme,
    RecurringTheme,
    WordComparison,
    any_by_meaning,
    recurring_themes,
    word_comparisons,
)
from coproduce.reports.selectors import Impact, impact
from coproduce.themes.models import Theme
from coproduce.themes.selectors import current_run_ids


@dataclass
class AreaParticipation:
    area: Area  # annotated by area_summaries: event_count, people_count, comment_count, proposal_count
    people_by_role: list[int]  # distinct people, in the order of ProgrammeRollup.roles


@dataclass
class AreaActions:
    area: Area
    by_status: list[int]  # in the order of ActionStatus
    overdue: int

    @property
    def total(self) -> int:
        return sum(self.by_status)


@dataclass
class AreaImpact:
    area: Area
    impact: Impact


@dataclass
class ProgrammeRollup:
    programme: Programme
    areas: list[Area]
    roles: list[tuple[str, str]]  # the roles anyone in these areas took part as
    participation: list[AreaParticipation]
    recurring: list[RecurringTheme]
    compared_by_words: list[WordComparison]  # areas whose themes are matched by their names' words, and why
    any_by_meaning: bool  # some two areas' themes are compared by meaning
    without_analysis: list[Area]
    impact: list[AreaImpact]
    actions: list[AreaActions]
    statuses: list[tuple[str, str]]

    @property
    def min_similarity(self) -> float:
        return MIN_SIMILARITY

    @property
    def people_total(self) -> int:
        return sum(row.area.people_count for row in self.participation)  # type: ignore[attr-defined]


def _centroid(theme: Theme) -> tuple[float, ...] | None:
    if not theme.centroid:
        return None
    return tuple(array("f", bytes(theme.centroid)))


def _recurring(areas: list[Area]) -> tuple[list[RecurringTheme], list[WordComparison], bool, list[Area]]:
    runs = current_run_ids(areas)
    names = {area.pk: area.name for area in areas}
    area_of_run = {run_id: area_id for area_id, run_id in runs.items()}
    themes = Theme.objects.filter(run_id__in=runs.values(), is_active=True).order_by(
        "run_id", "-size", "number"
    )
    named = [
        NamedTheme(
            names[area_of_run[t.run_id]],
            t.label,
            key=t,
            size=t.size,
            centroid=_centroid(t),
            embedder=t.centroid_embedder,
        )
        for t in themes
    ]
    return (
        recurring_themes(named),
        word_comparisons(named),
        any_by_meaning(named),
        [a for a in areas if a.pk not in runs],
    )


def programme_rollup(programme: Programme, areas: QuerySet[Area]) -> ProgrammeRollup:
    """The roll-up over ``areas`` (already cut down to those the reader may view)."""
    summaries = list(area_summaries(areas.filter(programme=programme)).order_by("name"))
    people = Counter(
        {
            (row["event__area_id"], row["person__role"]): row["n"]
            for row in Attendance.objects.filter(event__area__in=summaries)
            .values("event__area_id", "person__role")
            .annotate(n=Count("person", distinct=True))
            .order_by()
        }
    )
    present = {role for _, role in people}
    roles = [(code, label) for code, label in Role.choices if code in present]
    actions = Action.objects.filter(proposal__area__in=summaries)
    by_status = Counter(
        {
            (row["proposal__area_id"], row["status"]): row["n"]
            for row in actions.values("proposal__area_id", "status").annotate(n=Count("pk")).order_by()
        }
    )
    overdue = dict(
        actions.overdue()
        .values("proposal__area_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("proposal__area_id", "n")
    )
    recurring, compared_by_words, by_meaning, without_analysis = _recurring(summaries)
    return ProgrammeRollup(
        programme=programme,
        areas=summaries,
        roles=roles,
        participation=[
            AreaParticipation(area, [people[(area.pk, code)] for code, _ in roles]) for area in summaries
        ],
        recurring=recurring,
        compared_by_words=compared_by_words,
        any_by_meaning=by_meaning,
        without_analysis=without_analysis,
        impact=[AreaImpact(area, impact(area)) for area in summaries],
        actions=[
            AreaActions(
                area,
                [by_status[(area.pk, code)] for code, _ in ActionStatus.choices],
                overdue.get(area.pk, 0),
            )
            for area in summaries
        ],
        statuses=list(ActionStatus.choices),
    )
