"""The demo's KPIs: Bexley's six key performance indicators with four quarters of illustrative figures each,
published with the proposals, actions and commissioning criteria they answer, and so its "you said, we did"
page. One figure misses its target, with the explanation a commissioner would give. Marked illustrative on
every page: the figures are made up, not Bexley's.

``load_kpis`` is idempotent: a Bexley KPI with the demo's name is left as it is. KPIs cite the themes of
their proposals once an analysis has finished: at load time if one already has, otherwise ``themes_link``
is called after the demo's analysis (coproduce/demo/tasks.py), as for the proposals and criteria.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from coproduce.appraisal.models import Criterion, CriterionKind
from coproduce.kpis import services
from coproduce.kpis.models import Direction, Frequency, Kpi
from coproduce.programmes.models import Area
from coproduce.themes.models import AnalysisRun, Theme
from coproduce.themes.selectors import current_run

AREA_SLUG = "bexley"
QUARTERS = ("2012-Q1", "2012-Q2", "2012-Q3", "2012-Q4")


@dataclass(frozen=True)
class KpiSpec:
    name: str
    why: str
    measure: str
    unit: str
    direction: str
    target: str
    source: str
    values: tuple[str, str, str, str]  # 2012 Q1 to Q4
    proposals: tuple[str, ...]  # titles
    actions: tuple[str, ...] = ()  # titles
    criteria: tuple[str, ...] = ()  # CriterionKind
    explanations: tuple[tuple[str, str], ...] = ()  # (quarter, why the target was missed)


KPIS: tuple[KpiSpec, ...] = (
    KpiSpec(
        name="Reach of families in the most deprived areas",
        why=(
            "Children's centres are there first for the families who need them most. If families in the "
            "poorest neighbourhoods do not come through the door, the centres are not doing their main job."
        ),
        measure=(
            "Families with a child under five living in the 30% most deprived areas of the borough (by the "
            "Income Deprivation Affecting Children Index) who used a centre service in the quarter, as a "
            "share of all such families."
        ),
        unit="%",
        direction=Direction.HIGHER,
        target="60",
        source="Children's centre registration and attendance records",
        values=("61", "63", "64", "66"),
        proposals=("Community engagement", "Performance management"),
        actions=("Parents' forum to review centre publicity and run a community-groups stall at open days",),
        criteria=(CriterionKind.STRATEGIC_FIT,),
    ),
    KpiSpec(
        name="Registrations of new births",
        why="A family registered soon after a birth can be offered help early, before problems grow.",
        measure="Babies born in the quarter whose families registered with a children's centre within three months.",
        unit="%",
        direction=Direction.HIGHER,
        target="75",
        source="Birth notifications from the health service, matched with centre registrations",
        values=("76", "78", "79", "82"),
        proposals=("Partnership working",),
        actions=("Agree a common referral form for centres, schools and VCS groups",),
    ),
    KpiSpec(
        name="Parents' satisfaction",
        why="Parents are the best judges of whether a service helps them; their view shapes what is commissioned.",
        measure=(
            "Parents answering the centres' quarterly survey who rate the service they used good or very "
            "good."
        ),
        unit="%",
        direction=Direction.HIGHER,
        target="90",
        source="Children's centres' quarterly parent survey",
        values=("90", "91", "92", "93"),
        proposals=("Bexley offer and vision", "Community engagement"),
        actions=("Open a web question-and-answer page and answer within ten working days",),
        criteria=(CriterionKind.STRATEGIC_FIT,),
    ),
    KpiSpec(
        name="Take-up of the 2-year-old offer",
        why=(
            "Funded early education at two gives children from low-income families a better start at "
            "school; a place nobody takes up helps no one."
        ),
        measure="Eligible two-year-olds taking up a funded early-education place, as a share of those eligible.",
        unit="%",
        direction=Direction.HIGHER,
        target="65",
        source="The council's early-years funding records",
        values=("66", "68", "62", "67"),
        proposals=("Bexley offer and vision",),
        actions=("Publish the key performance criteria with a plain-English note on each",),
        criteria=(CriterionKind.ACHIEVABILITY,),
        explanations=(
            (
                "2012-Q3",
                "More families became eligible in September than there were places ready: two "
                "childminder networks joined late. Centres phoned every eligible family that had not "
                "taken a place, and the extra places opened in October, so take-up rose again in Q4.",
            ),
        ),
    ),
    KpiSpec(
        name="Sessions delivered by VCS partners",
        why=(
            "Co-produced commissioning means local voluntary and community groups deliver more of what "
            "centres offer, closer to families."
        ),
        measure="Sessions in the quarter run in or for a children's centre by a voluntary or community group.",
        unit="sessions",
        direction=Direction.HIGHER,
        target="120",
        source="Centre session timetables and VCS partners' returns",
        values=("124", "138", "150", "171"),
        proposals=("Performance management", "Partnership working", "Localised commissioning"),
        actions=("Map what VCS groups offer against each centre's needs in one shared directory",),
        criteria=(CriterionKind.SUPPLIER_CAPACITY,),
    ),
    KpiSpec(
        name="Cost per family reached",
        why="The council must make savings; this shows whether each pound reaches more families, not fewer.",
        measure="The centres' total spend in the quarter divided by the number of families who used a service.",
        unit="£",
        direction=Direction.LOWER,
        target="420",
        source="The council's finance system and centre attendance records",
        values=("415", "402", "396", "388"),
        proposals=("Localised commissioning",),
        actions=("Hold a co-production consultation and soft market-testing day with the VCS",),
        criteria=(CriterionKind.VALUE_FOR_MONEY, CriterionKind.AFFORDABILITY),
    ),
)


def load_kpis() -> int:
    """Bexley's demo KPIs, made if missing; returns how many were made (0 when Bexley is not loaded)."""
    area = Area.objects.filter(slug=AREA_SLUG).first()
    if area is None:
        return 0
    made = 0
    with transaction.atomic():
        proposals = {p.title: p for p in area.proposals.all()}
        actions = {a.title: a for p in proposals.values() for a in p.actions.all()}
        criteria = {
            c.kind: c for c in Criterion.objects.filter(appraisal__area=area, appraisal__is_illustrative=True)
        }
        for spec in KPIS:
            if area.kpis.filter(name=spec.name).exists():
                continue
            kpi = services.kpi_create(
                area=area,
                links={
                    "proposals": [proposals[t] for t in spec.proposals if t in proposals],
                    "actions": [actions[t] for t in spec.actions if t in actions],
                    "criteria": [criteria[k] for k in spec.criteria if k in criteria],
                },
                name=spec.name,
                why=spec.why,
                measure=spec.measure,
                unit=spec.unit,
                direction=spec.direction,
                target=spec.target,
                frequency=Frequency.QUARTERLY,
                source=spec.source,
                is_illustrative=True,
            )
            explanations = dict(spec.explanations)
            for quarter, value in zip(QUARTERS, spec.values, strict=True):
                services.kpi_value_add(
                    kpi=kpi, period=quarter, value=value, explanation=explanations.get(quarter, "")
                )
            services.kpi_publish(kpi=kpi, publish=True)
            made += 1
        run = current_run(area)
        if run is not None:
            themes_link(run)
    return made


def themes_link(run: AnalysisRun) -> int:
    """Each demo KPI of the run's area that cites no theme of the run cites the run's themes its proposals
    answer, as a commissioner would after the analysis. Returns how many KPIs were linked."""
    linked = 0
    for kpi in Kpi.objects.filter(area=run.area, is_illustrative=True).prefetch_related("proposals"):
        if kpi.themes.filter(run=run).exists():
            continue
        themes = Theme.objects.filter(run=run, is_active=True, proposals__in=kpi.proposals.all()).distinct()
        if themes:
            kpi.themes.add(*themes)
            linked += 1
    return linked
