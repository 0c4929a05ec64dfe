"""The demo's options appraisal: Bexley weighing the case study's delivery models (in-house, outsourcing,
the VCS running local services, a mixed economy; do minimum excluded), scored by partners of the three
roles. Illustrative, and marked so on every page.

``load_appraisal`` is idempotent: an appraisal of Bexley with the demo's title is left as it is. The
criteria cite Bexley's themes once an analysis has finished: at load time if one already has, otherwise
``criteria_link`` is called after the demo's analysis (coproduce/demo/tasks.py), as for the proposals.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from django.db import transaction

from coproduce.accounts.models import Membership
from coproduce.appraisal import services
from coproduce.appraisal.models import Appraisal, AppraisalStatus, CriterionKind, GreenBookChoice, OptionKind
from coproduce.programmes.models import Area
from coproduce.themes.models import AnalysisRun, ThemeAssignment
from coproduce.themes.selectors import current_run

AREA_SLUG = "bexley"
TITLE = "Delivery of children's centre services 2012-15"
PURPOSE = (
    "Bexley needed to make savings, so considered outsourcing and the VCS running local services as part "
    "of a mixed economy. Which delivery model should the commissioning strategy take forward?"
)

OPTIONS: tuple[tuple[str, str, str], ...] = (
    (OptionKind.IN_HOUSE, "In-house", "The council keeps running every centre with its own staff."),
    (OptionKind.OUTSOURCED, "Outsourcing", "One provider runs all the centres under a single contract."),
    (
        OptionKind.VCS_RUN,
        "VCS running local services",
        "Local voluntary and community groups run the services in their neighbourhoods.",
    ),
    (
        OptionKind.MIXED_ECONOMY,
        "Mixed economy",
        "The council keeps the core offer; the VCS and others deliver local services in lots.",
    ),
    (OptionKind.DO_MINIMUM, "Do minimum", "Carry on as now, with no change to how centres are run."),
)
DO_MINIMUM_EXCLUSION = (
    GreenBookChoice.FUNDING,
    "Carrying on as now does not find the savings the council must make over the next two years.",
)

# Each criterion, and the words whose comments' themes justify it.
CRITERIA: tuple[tuple[str, tuple[str, ...]], ...] = (
    (CriterionKind.STRATEGIC_FIT, (r"families", r"familiar faces", r"local", r"children's centre here")),
    (CriterionKind.VALUE_FOR_MONEY, (r"\bKPI", r"measured", r"figures", r"targets")),
    (CriterionKind.SUPPLIER_CAPACITY, (r"\bVCS\b", r"voluntary", r"small groups", r"offer")),
    (CriterionKind.AFFORDABILITY, (r"savings", r"budget", r"cuts", r"lower price")),
    (CriterionKind.ACHIEVABILITY, (r"timetable", r"tender", r"procurement", r"staff")),
)
THEMES_PER_CRITERION = 2

# Scores (strategic fit, value for money, supplier capacity, affordability, achievability) on 0-4, and the
# weights each partner proposed. Made up to show the roles differing, not Bexley's figures.
SCORES: dict[str, tuple[dict[str, tuple[int, ...]], tuple[int, ...]]] = {
    "commissioner": (
        {
            "In-house": (3, 1, 3, 1, 4),
            "Outsourcing": (2, 3, 2, 3, 2),
            "VCS running local services": (3, 3, 2, 3, 2),
            "Mixed economy": (3, 3, 3, 3, 3),
        },
        (20, 25, 15, 25, 15),
    ),
    "centre": (
        {
            "In-house": (4, 2, 4, 1, 4),
            "Outsourcing": (1, 2, 2, 3, 2),
            "VCS running local services": (3, 3, 2, 3, 2),
            "Mixed economy": (3, 3, 3, 2, 3),
        },
        (30, 15, 20, 15, 20),
    ),
    "vcs": (
        {
            "In-house": (2, 1, 3, 1, 3),
            "Outsourcing": (1, 2, 1, 3, 2),
            "VCS running local services": (4, 3, 4, 3, 3),
            "Mixed economy": (4, 3, 3, 3, 3),
        },
        (25, 20, 25, 15, 15),
    ),
}
PREFERRED = "Mixed economy"
RECOMMENDATION = (
    "Take a mixed economy forward in the commissioning strategy: the council keeps the core offer and "
    "commissions local services in lots the VCS can bid for, with a timetable published in advance. It "
    "scores highest overall, though centre managers put in-house first; see the sensitivity for how firm that is."
)
AGREED_WITH = "The children's centres task group (illustrative)"


def load_appraisal(users: dict[str, Any]) -> Appraisal | None:
    """Bexley's illustrative appraisal, made if missing; None when Bexley is not loaded."""
    area = Area.objects.filter(slug=AREA_SLUG).first()
    if area is None:
        return None
    existing = area.appraisals.filter(title=TITLE).first()
    if existing is not None:
        return existing
    commissioner = users.get("commissioner")
    with transaction.atomic():
        appraisal = services.appraisal_create(
            area=area,
            title=TITLE,
            purpose=PURPOSE,
            preset_criteria=[kind for kind, _ in CRITERIA],
            is_illustrative=True,
            created_by=commissioner,
        )
        for kind, title, description in OPTIONS:
            services.option_add(appraisal=appraisal, kind=kind, title=title, description=description)
        choice, reason = DO_MINIMUM_EXCLUSION
        services.option_exclude(
            option=appraisal.options.get(title="Do minimum"), choice=choice, reason=reason
        )
        run = current_run(area)
        if run is not None:
            criteria_link(run, appraisal=appraisal)
        services.appraisal_set_status(appraisal=appraisal, status=AppraisalStatus.SCORING)
        options = {o.title: o for o in appraisal.options.filter(is_shortlisted=True)}
        criteria = list(appraisal.criteria.all())
        for username, (table, weights) in SCORES.items():
            user = users.get(username)
            membership = Membership.objects.filter(user=user, area=area).first()
            if user is None or membership is None:
                continue
            services.ratings_record(
                appraisal=appraisal,
                rater=user,
                role=membership.role,
                scores={
                    (options[title].pk, criterion.pk): value
                    for title, values in table.items()
                    for criterion, value in zip(criteria, values, strict=True)
                },
                weights={c.pk: w for c, w in zip(criteria, weights, strict=True)},
            )
        services.appraisal_set_status(appraisal=appraisal, status=AppraisalStatus.CLOSED)
        services.appraisal_agree(
            appraisal=appraisal,
            preferred_option=options[PREFERRED],
            recommendation=RECOMMENDATION,
            agreed_with=AGREED_WITH,
            user=commissioner,
        )
        services.appraisal_publish(appraisal=appraisal, publish=True)  # its record on Bexley's public page
    return appraisal


def criteria_link(run: AnalysisRun, *, appraisal: Appraisal | None = None) -> int:
    """Each criterion of the demo appraisal that cites no theme of ``run`` cites the themes holding most of
    the comments matching its words, as a commissioner would after reading the analysis. Returns how
    many themes were cited."""
    appraisal = appraisal or run.area.appraisals.filter(title=TITLE, is_illustrative=True).first()
    if appraisal is None:
        return 0
    assignments = list(
        ThemeAssignment.objects.filter(run=run, theme__is_active=True).select_related("comment", "theme")
    )
    words = dict(CRITERIA)
    cited = 0
    for criterion in appraisal.criteria.all():
        if criterion.themes.filter(run=run).exists() or criterion.kind not in words:
            continue
        patterns = [re.compile(word, re.IGNORECASE) for word in words[criterion.kind]]
        counts = Counter(a.theme for a in assignments if any(p.search(a.comment.text) for p in patterns))
        for theme, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0].number))[
            :THEMES_PER_CRITERION
        ]:
            services.criterion_cite_theme(criterion=criterion, theme=theme)
            cited += 1
    return cited
