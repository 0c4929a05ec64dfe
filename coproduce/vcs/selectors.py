"""Reads for understanding the VCS: the organisations a user may see, a health check's change since the one
before, and the area's network with its measures and gaps (computed in coproduce/analysis/network.py)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from django.db.models import QuerySet

from coproduce.accounts.rules import vcs_own_organisation_id, vcs_sees_all
from coproduce.analysis import network as net
from coproduce.analysis.healthcheck import CheckChange, check_change
from coproduce.directory.models import Organisation, OrganisationKind
from coproduce.marketplace.models import Match, MatchStatus
from coproduce.programmes.models import Area
from coproduce.themes.models import ThemeAssignment
from coproduce.themes.selectors import current_run
from coproduce.vcs.models import HealthCheck, HealthTopic, OrganisationLink

TOPIC_ORDER = list(HealthTopic.values)
TOPIC_LABELS = dict(HealthTopic.choices)
# The gaps the case study asks about: a children's centre and a VCS group with a concern in common.
GAP_KINDS = (OrganisationKind.CHILDRENS_CENTRE.value, OrganisationKind.VCS.value)
# A theme is shared when each of the two organisations' people made at least this many of its comments.
SHARED_THEME_MIN_COMMENTS = 1
# A centre's need is shared with a VCS group whose service is among this many best matches for it.
SHARED_NEED_TOP_MATCHES = 3


def visible_organisations(user, area: Area) -> QuerySet[Organisation]:
    """Every organisation of the area for those who read it all; else only the one the user speaks for."""
    organisations = area.organisations.select_related("vcs_profile").order_by("name")
    if vcs_sees_all(user, area):
        return organisations
    return organisations.filter(pk=vcs_own_organisation_id(user, area) or 0)


def previous_check(check: HealthCheck) -> HealthCheck | None:
    """The organisation's health check before this one (by the date taken, then the order recorded)."""
    earlier = HealthCheck.objects.filter(organisation_id=check.organisation_id).exclude(pk=check.pk)
    before = earlier.filter(taken_on__lt=check.taken_on) | earlier.filter(
        taken_on=check.taken_on, pk__lt=check.pk
    )
    return before.order_by("-taken_on", "-pk").prefetch_related("ratings").first()


def change_of(check: HealthCheck) -> tuple[CheckChange, HealthCheck | None]:
    previous = previous_check(check)
    return check_change(check.scores(), previous.scores() if previous else None, order=TOPIC_ORDER), previous


@dataclass
class CheckRow:
    check: HealthCheck
    change: CheckChange
    previous: HealthCheck | None


def check_history(organisation: Organisation) -> list[CheckRow]:
    """Every health check of the organisation, newest first, each with its change since the one before."""
    checks = list(organisation.health_checks.prefetch_related("ratings").order_by("taken_on", "pk"))
    rows = []
    for index, check in enumerate(checks):
        previous = checks[index - 1] if index else None
        rows.append(
            CheckRow(
                check,
                check_change(check.scores(), previous.scores() if previous else None, order=TOPIC_ORDER),
                previous,
            )
        )
    return rows[::-1]


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def shared_themes(area: Area) -> dict[tuple[int, int], list[str]]:
    """(organisation, organisation) -> the themes of the area's current analysis that both organisations'
    people raised (each made at least SHARED_THEME_MIN_COMMENTS of the theme's comments). Empty until the
    area's comments have been analysed."""
    run = current_run(area)
    if run is None:
        return {}
    counts: dict[tuple[int, int], int] = defaultdict(int)  # (theme, organisation) -> comments
    labels: dict[int, str] = {}
    rows = ThemeAssignment.objects.filter(
        run=run, theme__is_active=True, comment__author__organisation__isnull=False
    ).values_list("theme_id", "theme__label", "comment__author__organisation_id")
    for theme_id, label, organisation_id in rows:
        counts[(theme_id, organisation_id)] += 1
        labels[theme_id] = label
    by_theme: dict[int, list[int]] = defaultdict(list)
    for (theme_id, organisation_id), count in counts.items():
        if count >= SHARED_THEME_MIN_COMMENTS:
            by_theme[theme_id].append(organisation_id)
    shared: dict[tuple[int, int], list[str]] = defaultdict(list)
    for theme_id, organisations in by_theme.items():
        for a, b in combinations(sorted(organisations), 2):
            shared[(a, b)].append(labels[theme_id])
    return dict(shared)


def shared_needs(area: Area) -> dict[tuple[int, int], list[str]]:
    """(organisation, organisation) -> the open needs of a children's centre (coproduce/marketplace) that a
    VCS group's published service is among the best matches for (ranked in the top SHARED_NEED_TOP_MATCHES,
    and not turned down): the centre and the group have that need in common."""
    shared: dict[tuple[int, int], list[str]] = defaultdict(list)
    rows = (
        Match.objects.filter(
            need__area=area,
            need__is_open=True,
            rank__lte=SHARED_NEED_TOP_MATCHES,
            service__is_published=True,
        )
        .exclude(status=MatchStatus.DECLINED)
        .values_list("need__centre_id", "service__organisation_id", "need__title")
        .order_by("need__title")
    )
    for centre_id, organisation_id, title in rows:
        pair = _pair(centre_id, organisation_id)
        if title not in shared[pair]:
            shared[pair].append(title)
    return dict(shared)


def shared_concerns(area: Area) -> dict[tuple[int, int], list[str]]:
    """What two organisations have in common, for the gaps: the themes their people raised, and the
    children's centres' stated needs that a VCS group's service is among the best matches for."""
    concerns: dict[tuple[int, int], list[str]] = defaultdict(list)
    for pair, themes in shared_themes(area).items():
        concerns[_pair(*pair)].extend(f"Theme: {theme}" for theme in themes)
    for pair, needs in shared_needs(area).items():
        concerns[pair].extend(f"Need: {need}" for need in needs)
    return dict(concerns)


def area_links(area: Area) -> QuerySet[OrganisationLink]:
    return OrganisationLink.objects.filter(area=area).select_related("organisation_a", "organisation_b")


@dataclass
class AreaNetwork:
    organisations: dict[int, Organisation]
    links: list[OrganisationLink]
    network: net.Network
    seed: int

    def rows(self) -> list[tuple[Organisation, net.Measure]]:
        """Organisations, most central first (betweenness, then links), for the table."""
        measures = self.network.measures
        return sorted(
            ((self.organisations[node], measures[node]) for node in measures),
            key=lambda row: (-row[1].betweenness, -row[1].degree, row[0].name),
        )

    def gaps(self) -> list[tuple[Organisation, Organisation, tuple[str, ...]]]:
        return [(self.organisations[g.a], self.organisations[g.b], g.shared) for g in self.network.gaps]


def area_network(area: Area, *, seed: int = net.DEFAULT_SEED) -> AreaNetwork:
    """The area's children's centres and VCS groups (and any other organisation with a link), their links,
    and what networkx makes of them."""
    links = list(area_links(area))
    linked = {o for link in links for o in link.vcs_organisation_ids}
    organisations = {
        o.pk: o
        for o in area.organisations.all()
        if o.kind in (OrganisationKind.CHILDRENS_CENTRE, OrganisationKind.VCS) or o.pk in linked
    }
    network = net.network_of(
        [net.Node(o.pk, o.name, o.kind) for o in organisations.values()],
        [
            net.Edge(link.organisation_a_id, link.organisation_b_id, link.kind, link.strength)
            for link in links
        ],
        shared=shared_concerns(area),
        gap_kinds=GAP_KINDS,
        seed=seed,
    )
    return AreaNetwork(organisations, links, network, seed)
