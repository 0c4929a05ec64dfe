"""Everything an area's case-study report says, read from the data in the case study's order.

Each section is gathered with a bounded number of queries (no query per comment, attendance or action),
so a report over ten thousand comments builds in seconds. The narrative around the figures comes from the
area's Report, when one has been written.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from coproduce.directory.models import Role
from coproduce.engagement.models import MODERATED_OUT, Attendance, Event, EventStatus, Method, RegisterEntry
from coproduce.privacy.selectors import small_roles
from coproduce.programmes.models import Area, Challenge
from coproduce.proposals.models import Action, ActionStatus, ProgressNote, Proposal
from coproduce.reports.charts import SvgBarChart, svg_bar_chart
from coproduce.reports.models import Report
from coproduce.surveys.models import Survey
from coproduce.surveys.selectors import ROLE_PLURALS, Headline, SurveyImpact, survey_impact
from coproduce.themes.models import AnalysisRun, RunStatus, Theme, ThemeAssignment
from coproduce.themes.selectors import current_run

ROLE_LABELS = dict(Role.choices)
PLURALS: dict[str, str] = {str(role): plural for role, plural in ROLE_PLURALS.items()}
METHOD_LABELS = dict(Method.choices)
EXAMPLES_PER_THEME = 3
SMALL_GROUP_LABEL = "A participant"


# -- Participation -------------------------------------------------------------------------------------


@dataclass
class EventAttendance:
    event: Event
    by_role: list[int]  # attendances, in the order of Participation.roles
    total: int


@dataclass
class Participation:
    events: list[EventAttendance]
    roles: list[tuple[str, str]]  # the roles anyone attended as: (code, label)
    people_by_role: list[tuple[str, str, int]]  # distinct people: (code, label, count)
    people_total: int
    attendance_total: int
    people_chart: SvgBarChart

    @property
    def first_date(self) -> datetime.date | None:
        return self.events[0].event.date if self.events else None

    @property
    def last_date(self) -> datetime.date | None:
        return self.events[-1].event.date if self.events else None


def held_events(area: Area, *, today: datetime.date | None = None):
    """The area's events that have taken place: any dated before today, and today's once closed.

    An event still open today (the live demo's, or one running now) or planned for later is not yet part
    of the report, so it neither stretches the report's date range to today nor counts its attendees early.
    """
    today = today or timezone.localdate()
    return area.events.filter(Q(date__lt=today) | Q(date=today, status=EventStatus.CLOSED))


def participation(area: Area, *, today: datetime.date | None = None) -> Participation:
    events = list(held_events(area, today=today).order_by("date", "pk"))
    attendances = Attendance.objects.filter(event__in=[event.pk for event in events])
    counts = Counter(
        (row["event_id"], row["person__role"]) for row in attendances.values("event_id", "person__role")
    )
    # Names on a register that are nobody's participant count too, as on every other people figure
    # (engagement.selectors.participants_by_role): each entry is one person at one event.
    names = RegisterEntry.objects.filter(event__in=[event.pk for event in events], person__isnull=True)
    name_roles = list(names.values_list("event_id", "role"))
    counts.update(name_roles)
    present = {role for _, role in counts}
    roles = [(code, label) for code, label in Role.choices if code in present]
    rows = []
    for event in events:
        cells = [counts.get((event.pk, code), 0) for code, _ in roles]
        rows.append(EventAttendance(event, cells, sum(cells)))
    # Each person once, however many of the events they came to.
    people_counts = Counter(
        row["person__role"] for row in attendances.values("person_id", "person__role").distinct().order_by()
    )
    people_counts.update(role for _, role in name_roles)
    people = [(code, label, people_counts[code]) for code, label in Role.choices if people_counts.get(code)]
    return Participation(
        events=rows,
        roles=roles,
        people_by_role=people,
        people_total=sum(n for _, _, n in people),
        attendance_total=sum(counts.values()),
        people_chart=svg_bar_chart(
            "people-by-role",
            "People who took part, by role",
            [(label, n) for _, label, n in people],
            unit="people",
        ),
    )


# -- Co-production methods -----------------------------------------------------------------------------


@dataclass
class MethodUse:
    code: str
    label: str
    events: list[Event]


def methods_used(events: list[Event]) -> list[MethodUse]:
    """The methods the area's events used, in the programme's order, each with the events that used it."""
    used: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        for code in event.methods:
            used[code].append(event)
    ordered = [code for code, _ in Method.choices if code in used] + sorted(set(used) - set(METHOD_LABELS))
    return [MethodUse(code, METHOD_LABELS.get(code, code), used[code]) for code in ordered]


# -- Common emerging themes ----------------------------------------------------------------------------


@dataclass
class ThemeExample:
    text: str
    role_label: str
    event_title: str
    event_date: datetime.date
    confidence: float


@dataclass
class RoleCount:
    label: str  # "VCS provider"
    plural: str  # "VCS providers"
    count: int


@dataclass
class ThemeSummary:
    theme: Theme
    size: int
    share: float  # of the comments analysed
    roles: list[RoleCount]  # who raised it, most comments first
    examples: list[ThemeExample] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.theme.label


@dataclass
class EmergingThemes:
    run: AnalysisRun
    comment_total: int
    themes: list[ThemeSummary]
    chart: SvgBarChart


def report_run(area: Area, report: Report | None) -> AnalysisRun | None:
    """The analysis the report quotes: the one the facilitator chose while it is finished, else the current."""
    chosen = report.analysis_run if report else None
    if chosen is not None and chosen.area_id == area.pk and chosen.status == RunStatus.DONE:
        return chosen
    return current_run(area)


def emerging_themes(area: Area, *, run: AnalysisRun | None = None) -> EmergingThemes | None:
    """The active themes of ``run`` (the area's current analysis when not given), largest first, with who
    raised them and examples."""
    run = run or current_run(area)
    if run is None:
        return None
    themes = list(run.themes.filter(is_active=True).order_by("-size", "number"))
    by_role: dict[int, Counter[str]] = defaultdict(Counter)
    for row in (
        ThemeAssignment.objects.filter(run=run)
        .values("theme_id", "comment__author_role")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        by_role[row["theme_id"]][row["comment__author_role"]] += row["n"]
    # The run read its comments before some were hidden or removed: those no longer count.
    moderated_out = ThemeAssignment.all_objects.filter(run=run, comment__status__in=MODERATED_OUT).count()
    analysed = (run.comment_count - moderated_out) or sum(sum(c.values()) for c in by_role.values())
    examples = _examples(run)
    summaries = []
    for theme in themes:
        size = sum(by_role[theme.pk].values()) or theme.size
        roles = sorted(
            (
                RoleCount(ROLE_LABELS.get(code, code), PLURALS.get(code, code), n)
                for code, n in by_role[theme.pk].items()
            ),
            key=lambda r: (-r.count, r.label),
        )
        summaries.append(
            ThemeSummary(theme, size, size / analysed if analysed else 0.0, roles, examples.get(theme.pk, []))
        )
    chart = svg_bar_chart(
        "themes",
        "Comments in each common emerging theme",
        [(s.label, s.size) for s in summaries],
        unit="comments",
    )
    return EmergingThemes(run, analysed, summaries, chart)


def _examples(run: AnalysisRun) -> dict[int, list[ThemeExample]]:
    """The most confident few assignments of each theme, in one query (a window over the run)."""
    ranked = (
        ThemeAssignment.objects.filter(run=run)
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[F("theme_id")], order_by=[F("confidence").desc(), F("pk").asc()]
            )
        )
        .filter(rank__lte=EXAMPLES_PER_THEME)
        .values(
            "theme_id",
            "confidence",
            "comment__text",
            "comment__author_role",
            "comment__event__title",
            "comment__event__date",
        )
        .order_by("theme_id", "-confidence", "pk")
    )
    examples: dict[int, list[ThemeExample]] = defaultdict(list)
    # A quote beside a role only a handful of people hold could point at one of them (UK GDPR).
    small = small_roles(run.area)
    for row in ranked:
        role = row["comment__author_role"]
        examples[row["theme_id"]].append(
            ThemeExample(
                text=row["comment__text"],
                role_label=SMALL_GROUP_LABEL if role in small else ROLE_LABELS.get(role, role),
                event_title=row["comment__event__title"],
                event_date=row["comment__event__date"],
                confidence=row["confidence"],
            )
        )
    return examples


# -- Proposals and the action plan ---------------------------------------------------------------------


def proposals_of(area: Area, *, public: bool = False) -> list[Proposal]:
    """The partners' proposals with the themes and challenges they answer and how many comments they cite."""
    proposals = area.proposals.all()
    if public:
        proposals = proposals.filter(is_published=True)
    return list(
        proposals.select_related("owner")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("label")),
            Prefetch("challenges", queryset=Challenge.objects.order_by("number")),
        )
        # A join in an annotation bypasses the comments' manager: leave hidden and removed ones out here.
        .annotate(
            evidence_count=Count("evidence", filter=~Q(evidence__status__in=MODERATED_OUT), distinct=True)
        )
        .order_by("pk")
    )


@dataclass
class ActionRow:
    action: Action
    latest_note: ProgressNote | None
    overdue: bool


@dataclass
class ActionPlan:
    rows: list[ActionRow]
    by_status: list[tuple[str, str, int]]  # (code, label, count) for every status
    overdue: int
    chart: SvgBarChart

    @property
    def total(self) -> int:
        return len(self.rows)


def action_plan(area: Area, *, public: bool = False, today: datetime.date | None = None) -> ActionPlan:
    """Every action of the area's proposals, soonest due first, with its latest progress note."""
    today = today or timezone.localdate()
    actions = Action.objects.filter(proposal__area=area)
    if public:
        actions = actions.filter(proposal__is_published=True)
    newest_first = ProgressNote.objects.order_by("-created_at", "-pk")
    listed = list(
        actions.select_related("owner", "proposal")
        .prefetch_related(Prefetch("progress_notes", queryset=newest_first, to_attr="newest_notes"))
        .order_by(F("due_date").asc(nulls_last=True), "pk")
    )
    rows = [
        ActionRow(
            action=action,
            latest_note=next(iter(action.newest_notes), None),  # type: ignore[attr-defined]
            overdue=bool(action.due_date and action.due_date < today and action.status != ActionStatus.DONE),
        )
        for action in listed
    ]
    counts = Counter(a.status for a in listed)
    by_status = [(code, label, counts.get(code, 0)) for code, label in ActionStatus.choices]
    return ActionPlan(
        rows=rows,
        by_status=by_status,
        overdue=sum(1 for row in rows if row.overdue),
        chart=svg_bar_chart(
            "actions", "Actions by status", [(label, n) for _, label, n in by_status], unit="actions"
        ),
    )


# -- Impact --------------------------------------------------------------------------------------------


@dataclass
class Impact:
    surveys: list[SurveyImpact]  # those with any answers
    headlines: list[Headline]  # the surveys' headline figures, survey by survey


def report_surveys(area: Area, report: Report | None) -> list[Survey]:
    """The area's surveys with any answers, oldest first, less those the facilitator left out."""
    surveys = Survey.objects.filter(area=area, responses__isnull=False).distinct()
    if report is not None and report.pk:
        surveys = surveys.exclude(pk__in=report.left_out_surveys.values("pk"))
    return list(surveys.order_by("created_at", "pk"))


def impact(area: Area, *, surveys: list[Survey] | None = None) -> Impact:
    """The change measured by ``surveys`` (all the area's answered surveys when not given)."""
    chosen = report_surveys(area, None) if surveys is None else surveys
    impacts = [survey_impact(survey) for survey in chosen]
    return Impact(surveys=impacts, headlines=[h for s in impacts for h in s.headlines])


# -- The whole report ----------------------------------------------------------------------------------


@dataclass
class AreaReport:
    area: Area
    report: Report | None  # the narrative; None until someone writes it
    challenges: list[Challenge]
    participation: Participation
    methods: list[MethodUse]
    themes: EmergingThemes | None  # None: no analysis has finished
    proposals: list[Proposal]
    impact: Impact
    actions: ActionPlan
    public: bool = False

    @property
    def title(self) -> str:
        if self.report and self.report.title:
            return self.report.title
        return f"{self.area.name}: case study"

    @property
    def is_published(self) -> bool:
        return bool(self.report and self.report.is_published)


def area_report(area: Area, *, public: bool = False) -> AreaReport:
    """The case-study report of ``area``. ``public`` leaves out proposals (and their actions) not published."""
    part = participation(area)
    report = Report.objects.filter(area=area).select_related("analysis_run").first()
    return AreaReport(
        area=area,
        report=report,
        challenges=list(area.challenges.order_by("number")),
        participation=part,
        methods=methods_used([row.event for row in part.events]),
        themes=emerging_themes(area, run=report_run(area, report)),
        proposals=proposals_of(area, public=public),
        impact=impact(area, surveys=report_surveys(area, report)),
        actions=action_plan(area, public=public),
        public=public,
    )
