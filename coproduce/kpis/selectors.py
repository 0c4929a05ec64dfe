"""Reading KPIs for their pages: figures, chart, status and the public links that say why a number is watched;
"you said, we did" theme by theme; and the actions a person's organisations own ("my actions")."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from coproduce.accounts.models import Membership
from coproduce.analysis import kpi_values
from coproduce.appraisal.models import Criterion
from coproduce.core.charts import LineChart, line_chart
from coproduce.core.exports import Table
from coproduce.kpis.models import Kpi, KpiValue
from coproduce.programmes.models import Area
from coproduce.proposals.models import Action, ActionStatus, Proposal
from coproduce.reports.selectors import ThemeSummary, emerging_themes
from coproduce.themes.models import Theme

KPIS = Kpi.objects.select_related("area__programme")


@dataclass
class KpiPage:
    kpi: Kpi
    values: list[KpiValue]
    chart: LineChart
    latest: KpiValue | None
    status: str
    status_label: str
    missed: list[KpiValue]  # the values that missed the target, newest first
    proposals: list[Proposal] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    criteria: list[Criterion] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)

    @property
    def has_links(self) -> bool:
        return bool(self.proposals or self.actions or self.criteria or self.themes)


def kpi_chart(kpi: Kpi, values: list[KpiValue]) -> LineChart:
    target = (float(kpi.target), kpi.target_shown) if kpi.target is not None else None
    return line_chart(
        f"kpi-{kpi.pk}",
        f"{kpi.name}, {kpi.get_frequency_display().lower()}",
        [(v.period.label, float(v.value), v.shown) for v in values],
        target=target,
        # Gridlines carry a symbol unit (62%, £400), not a word: "120 sessions" would not fit beside them.
        tick_format=lambda v: kpi_values.figure(Decimal(str(v)), kpi.unit if kpi.unit in ("%", "£") else ""),
    )


def kpi_page(kpi: Kpi, *, public: bool) -> KpiPage:
    """Everything a KPI's page shows. ``public``: only the published proposals (and their actions), the
    published appraisals' criteria, and the themes, as the public site may show them."""
    values = list(kpi.values.all())
    for value in values:
        value.kpi = kpi  # its period and figure read the KPI: no query each
    latest = values[-1] if values else None
    status = kpi_values.status(latest.value if latest else None, kpi.target, kpi.direction)
    proposals = kpi.proposals.order_by("pk")
    actions = kpi.actions.select_related("proposal", "owner").order_by("due_date", "pk")
    criteria = kpi.criteria.select_related("appraisal").order_by("appraisal", "pk")
    if public:
        proposals = proposals.filter(is_published=True)
        actions = actions.filter(proposal__is_published=True)
        criteria = criteria.filter(appraisal__is_published=True)
    return KpiPage(
        kpi=kpi,
        values=values,
        chart=kpi_chart(kpi, values),
        latest=latest,
        status=status,
        status_label=kpi_values.STATUS_LABELS[status],
        missed=[v for v in reversed(values) if v.status == kpi_values.MISSED],
        proposals=list(proposals),
        actions=list(actions),
        criteria=list(criteria),
        themes=list(kpi.themes.order_by("label")),
    )


def kpi_table(kpi: Kpi) -> Table:
    """The figures as a CSV download: the same columns the import reads, and the status of each."""
    rows = [
        (
            v.period.code,
            f"{v.value.normalize():f}",
            kpi.unit,
            kpi_values.STATUS_LABELS[v.status],
            v.explanation,
        )
        for v in kpi.values.all()
    ]
    headers = ["period", "value", "unit", "status", "explanation"]
    return Table(title=kpi.name[:31], headers=headers, rows=rows)


@dataclass
class KpiSummary:
    kpi: Kpi
    latest: KpiValue | None
    status: str

    @property
    def status_label(self) -> str:
        return kpi_values.STATUS_LABELS[self.status]


def kpi_summaries(kpis: QuerySet[Kpi]) -> list[KpiSummary]:
    """Each KPI with its latest figure and status, in two queries."""
    kpis = kpis.prefetch_related(Prefetch("values", queryset=KpiValue.objects.order_by("period_start")))
    summaries = []
    for kpi in kpis:
        values = list(kpi.values.all())
        for value in values:
            value.kpi = kpi
        latest = values[-1] if values else None
        summaries.append(
            KpiSummary(
                kpi, latest, kpi_values.status(latest.value if latest else None, kpi.target, kpi.direction)
            )
        )
    return summaries


def public_kpis(area: Area) -> QuerySet[Kpi]:
    return area.kpis.filter(is_published=True).order_by("pk")


# -- You said, we did ------------------------------------------------------------------------------------


@dataclass
class YouSaidTheme:
    summary: ThemeSummary  # the theme, how many comments, who raised it, a few quotes (no names)
    proposals: list[Proposal]
    kpis: list[KpiSummary]


@dataclass
class YouSaidWeDid:
    area: Area
    comment_total: int
    themes: list[YouSaidTheme]
    other_proposals: list[Proposal]  # published, answering no theme shown
    other_kpis: list[KpiSummary]


def you_said_we_did(area: Area) -> YouSaidWeDid:
    """Theme by theme, the area's current analysis as the published report quotes it (comments with the
    speaker's role at most, never a name), the published proposals that answer each theme with their actions,
    and the published KPIs that track it (linked to the theme, or to one of its proposals). A theme is shown
    once something published answers it."""
    proposals = list(
        area.proposals.filter(is_published=True)
        .select_related("owner")
        .prefetch_related(
            "themes",
            Prefetch("actions", queryset=Action.objects.select_related("owner").order_by("due_date", "pk")),
        )
        .order_by("pk")
    )
    kpis = kpi_summaries(public_kpis(area).prefetch_related("themes", "proposals"))
    emerging = emerging_themes(area)
    themes: list[YouSaidTheme] = []
    shown_proposals: set[int] = set()
    shown_kpis: set[int] = set()
    for summary in emerging.themes if emerging else []:
        answering = [p for p in proposals if any(t.pk == summary.theme.pk for t in p.themes.all())]
        answering_ids = {p.pk for p in answering}
        tracking = [
            k
            for k in kpis
            if any(t.pk == summary.theme.pk for t in k.kpi.themes.all())
            or any(p.pk in answering_ids for p in k.kpi.proposals.all())
        ]
        if not answering and not tracking:
            continue
        themes.append(YouSaidTheme(summary, answering, tracking))
        shown_proposals |= answering_ids
        shown_kpis |= {k.kpi.pk for k in tracking}
    return YouSaidWeDid(
        area=area,
        comment_total=emerging.comment_total if emerging else 0,
        themes=themes,
        other_proposals=[p for p in proposals if p.pk not in shown_proposals],
        other_kpis=[k for k in kpis if k.kpi.pk not in shown_kpis],
    )


# -- My actions ------------------------------------------------------------------------------------------


@dataclass
class MyActions:
    memberships: list[Membership]  # those naming an organisation
    overdue: list[Action]
    open: list[Action]
    done: list[Action]

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.open) + len(self.done)


def owned_actions(user) -> QuerySet[Action]:
    """The actions owned by the organisations the user speaks for, each in that membership's area."""
    memberships = Membership.objects.filter(user=user, organisation__isnull=False)
    match = Q(pk__in=[])
    for area_id, organisation_id in memberships.values_list("area_id", "organisation_id"):
        match |= Q(proposal__area_id=area_id, owner_id=organisation_id)
    return Action.objects.filter(match)


def my_actions(user, *, today: datetime.date | None = None) -> MyActions:
    today = today or timezone.localdate()
    memberships = list(
        Membership.objects.filter(user=user, organisation__isnull=False).select_related(
            "area", "organisation"
        )
    )
    actions = list(owned_actions(user).select_related("proposal__area", "owner").order_by("due_date", "pk"))
    overdue = [a for a in actions if a.due_date and a.due_date < today and a.status != ActionStatus.DONE]
    done = [a for a in actions if a.status == ActionStatus.DONE]
    open_ = [a for a in actions if a not in overdue and a not in done]
    return MyActions(memberships, overdue, open_, done)
