"""Reads for the analysis workspace: which comments a run covers, the current run, who said what."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet

from coproduce.directory.models import Role
from coproduce.engagement.models import Comment, CommentStatus, Event
from coproduce.programmes.models import Area
from coproduce.themes.models import AnalysisRun, RunStatus, Theme, ThemeAssignment

ROLE_LABELS = dict(Role.choices)


def comments_for(area: Area, filters: dict) -> QuerySet[Comment]:
    """The accepted comments of an area's events that the filters keep (all of them with no filters).

    A force raised from an earlier comment repeats that comment's words (force-field analysis): the copy
    is left out, so the same words are not counted twice."""
    comments = Comment.objects.filter(event__area=area, status=CommentStatus.ACCEPTED).exclude(
        force__raised_from__isnull=False
    )
    if filters.get("events"):
        comments = comments.filter(event_id__in=filters["events"])
    if filters.get("roles"):
        comments = comments.filter(author_role__in=filters["roles"])
    if filters.get("date_from"):
        comments = comments.filter(event__date__gte=datetime.date.fromisoformat(filters["date_from"]))
    if filters.get("date_to"):
        comments = comments.filter(event__date__lte=datetime.date.fromisoformat(filters["date_to"]))
    if filters.get("methods"):
        # Event.methods is a JSON list; filter in Python so SQLite and PostgreSQL agree.
        wanted = set(filters["methods"])
        events = [e.pk for e in Event.objects.filter(area=area) if wanted & set(e.methods)]
        comments = comments.filter(event_id__in=events)
    return comments.order_by("pk")


def current_run(area: Area) -> AnalysisRun | None:
    """The latest run that finished: the result people see, even while a newer run works or after one failed."""
    return area.analysis_runs.filter(status=RunStatus.DONE).order_by("-finished_at", "-pk").first()


def current_run_ids(areas) -> dict[int, int]:
    """Area id -> its current run's id (as current_run chooses it) for many areas, in one query."""
    runs = (
        AnalysisRun.objects.filter(area__in=areas, status=RunStatus.DONE)
        .order_by("area_id", "-finished_at", "-pk")
        .values_list("area_id", "pk")
    )
    current: dict[int, int] = {}
    for area_id, run_id in runs:
        current.setdefault(area_id, run_id)
    return current


def active_run(area: Area) -> AnalysisRun | None:
    """A run still waiting or working, if any."""
    return area.analysis_runs.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).first()


@dataclass
class Column:
    key: str  # a role code, or an event's id
    label: str
    total: int  # the column's comments in the run


@dataclass
class Cell:
    column: Column
    count: int
    share: float  # of the column's comments


@dataclass
class Matrix:
    """Themes down, roles (or events) across: counts and each role's share, with totals."""

    themes: list[Theme]
    columns: list[Column]
    cells: dict[int, list[Cell]]  # theme pk -> its cells, in column order
    only_one: dict[int, str]  # theme pk -> the single column whose comments make it up, if only one

    def rows(self) -> list[tuple[Theme, list[Cell], str | None]]:
        return [(theme, self.cells[theme.pk], self.only_one.get(theme.pk)) for theme in self.themes]


def _matrix(run: AnalysisRun, key_of, columns: list[tuple[str, str]]) -> Matrix:
    themes = list(run.themes.filter(is_active=True))
    counts: dict[int, Counter] = defaultdict(Counter)
    totals: Counter = Counter()
    for theme_id, key in (
        ThemeAssignment.objects.filter(run=run).select_related("comment").values_list("theme_id", key_of)
    ):
        counts[theme_id][str(key)] += 1
        totals[str(key)] += 1
    present = [Column(key, label, totals[key]) for key, label in columns if totals[key]]
    cells = {
        theme.pk: [Cell(c, counts[theme.pk][c.key], counts[theme.pk][c.key] / c.total) for c in present]
        for theme in themes
    }
    only_one = {}
    for theme in themes:
        raised_by = [cell.column.label for cell in cells[theme.pk] if cell.count]
        if len(raised_by) == 1 and len(present) > 1:
            only_one[theme.pk] = raised_by[0]
    return Matrix(themes, present, cells, only_one)


def theme_by_role(run: AnalysisRun) -> Matrix:
    return _matrix(run, "comment__author_role", list(Role.choices))


def theme_by_event(run: AnalysisRun) -> Matrix:
    events = Event.objects.filter(area=run.area).order_by("date", "pk")
    return _matrix(run, "comment__event_id", [(str(e.pk), f"{e.title} ({e.date:%-d %b %Y})") for e in events])


def themes_gone_from_analysis(proposal) -> list[Theme]:
    """The themes a proposal cites that the area's current analysis no longer has: a re-run found no theme
    to carry the link to (or the theme was merged away), so a person must choose the proposal's theme again."""
    run = current_run(proposal.area)
    return [
        theme
        for theme in proposal.themes.select_related("run").order_by("label", "pk")
        if run is None or theme.run_id != run.pk or not theme.is_active
    ]
