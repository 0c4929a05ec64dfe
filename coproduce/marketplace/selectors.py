"""Reads for the market place: needs and services as the matcher's plain data, the gaps, and the map of
what is available (service types × children's centres)."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from coproduce.analysis import matching
from coproduce.directory.models import Organisation, OrganisationKind
from coproduce.engagement.models import Event, EventKind
from coproduce.marketplace.models import BUDGET_LIMITS, Match, MatchStatus, Need
from coproduce.programmes.models import Area
from coproduce.service_directory.models import (
    DAYS,
    Location,
    LocationType,
    Service,
    ServiceStatus,
    TaxonomyTerm,
)

DAY_INDEX = {code: i for i, code in enumerate(DAYS)}
WORKING_DAY = (9 * 60, 17 * 60)  # a need that names days but no times means the working day
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")  # and times but no days, the working week
PER_FAMILY = re.compile(r"\bper (child|family|person|parent|carer|head|adult)\b", re.IGNORECASE)
EVIDENCE_IN_TEXT = 10  # cited comments read with the need's description for meaning


def _minutes(t: datetime.time) -> int:
    return t.hour * 60 + t.minute


def _place(location: Location) -> matching.Place:
    return matching.Place(
        name=str(location),
        postcode=location.postal_code,
        latitude=float(location.latitude) if location.latitude is not None else None,
        longitude=float(location.longitude) if location.longitude is not None else None,
    )


def need_as_data(need: Need) -> matching.Need:
    place = None
    if need.location is not None:
        place = _place(need.location)
    elif need.postcode:
        place = matching.Place(name=need.postcode, postcode=need.postcode)
    slots: tuple[matching.Slot, ...] = ()
    if need.day_codes or need.start_time:
        days = need.day_codes or list(WEEKDAYS)
        start, end = (
            (_minutes(need.start_time), _minutes(need.end_time))
            if need.start_time and need.end_time
            else WORKING_DAY
        )
        slots = tuple(matching.Slot(DAY_INDEX[d], start, end) for d in days)
    cited = [c.text for c in need.evidence.all()[:EVIDENCE_IN_TEXT]]
    return matching.Need(
        key=need.pk,
        service_type=need.service_type_id,
        type_name=need.service_type.name,
        min_age=need.minimum_age,
        max_age=need.maximum_age,
        place=place,
        slots=slots,
        families=need.families,
        budget=BUDGET_LIMITS.get(need.budget_band),
        text="\n".join([need.title, need.description, *cited]),
    )


def published_services(area: Area) -> QuerySet[Service]:
    """The services a need may be matched to: published, active, of an organisation of the area."""
    return (
        Service.objects.filter(organisation__area=area, is_published=True, status=ServiceStatus.ACTIVE)
        .select_related("organisation")
        .prefetch_related("taxonomy_terms", "service_at_locations__location", "schedules", "cost_options")
    )


def _ancestors(terms: Iterable[TaxonomyTerm], parents: dict) -> frozenset:
    found = set()
    for term in terms:
        key: Any = term.pk
        while key is not None and key not in found:
            found.add(key)
            key = parents.get(key)
    return frozenset(found)


def service_as_data(service: Service, parents: dict) -> matching.Offer:
    locations = [sal.location for sal in service.service_at_locations.all()]
    slots = []
    for schedule in service.schedules.all():
        if schedule.opens_at and schedule.closes_at and schedule.opens_at < schedule.closes_at:
            for day in schedule.days:
                slots.append(
                    matching.Slot(DAY_INDEX[day], _minutes(schedule.opens_at), _minutes(schedule.closes_at))
                )
    options = list(service.cost_options.all())
    cost = None
    if options:
        priced = [o for o in options if o.amount is not None and o.amount > 0]
        if not priced:
            cost = matching.Cost(free=True)
        else:
            cheapest = min(priced, key=lambda o: o.amount or 0)
            words = " ".join(filter(None, [cheapest.option, cheapest.amount_description]))
            cost = matching.Cost(
                amount=float(cheapest.amount or 0),
                per_family=bool(PER_FAMILY.search(words)),
                description=words,
            )
    return matching.Offer(
        key=service.pk,
        name=service.name,
        service_types=_ancestors(service.taxonomy_terms.all(), parents),
        min_age=service.minimum_age,
        max_age=service.maximum_age,
        places=tuple(_place(loc) for loc in locations if loc.location_type != LocationType.VIRTUAL),
        online=any(loc.location_type == LocationType.VIRTUAL for loc in locations),
        slots=tuple(slots),
        cost=cost,
        text=f"{service.name}\n{service.description}",
    )


def term_parents() -> dict:
    return dict(TaxonomyTerm.objects.values_list("pk", "parent_id"))


def offers_for_area(area: Area) -> list[matching.Offer]:
    parents = term_parents()
    return [service_as_data(service, parents) for service in published_services(area)]


def centres(area: Area) -> QuerySet[Organisation]:
    return area.organisations.filter(kind=OrganisationKind.CHILDRENS_CENTRE)


def market_place_events(area: Area) -> QuerySet[Event]:
    return area.events.filter(kind=EventKind.MARKET_PLACE).order_by("-date", "title")


def needs_for_area(area: Area) -> QuerySet[Need]:
    return area.centre_needs.select_related("centre", "service_type").prefetch_related(
        Prefetch(
            "matches",
            queryset=Match.objects.filter(service__is_published=True).select_related("service__organisation"),
        )
    )


def live_matches(need: Need) -> QuerySet[Match]:
    """The need's matches to show: ranked ones and ones someone acted on, published services only."""
    return (
        need.matches.filter(service__is_published=True)
        .exclude(rank__isnull=True, status=MatchStatus.SUGGESTED)
        .select_related("service__organisation", "action", "event")
    )


def stale_services(need: Need) -> int:
    """Published services changed since the need's matches were worked out."""
    if need.ranked_at is None:
        return 0
    return published_services(need.area).filter(last_modified__gt=need.ranked_at).count()


@dataclass
class AreaGaps:
    unmet: list[tuple[Need, str]] = field(default_factory=list)
    unused: list[tuple[Service, str]] = field(default_factory=list)


def area_gaps(area: Area, *, min_score: float = 0.5) -> AreaGaps:
    """Open needs no published service meets, and published services no centre uses, from the matches
    kept (no embedding here: the scores were worked out by the task)."""
    needs = list(needs_for_area(area).filter(is_open=True).prefetch_related("evidence"))
    services = list(published_services(area))
    parents = term_parents()
    ranking = matching.Ranking()
    for need in needs:
        ranked = sorted((m for m in need.matches.all() if m.rank is not None), key=lambda m: m.rank or 0)
        ranking.matches[need.pk] = [
            matching.Match(need=need.pk, offer=m.service_id, rank=m.rank or 0, score=m.score, reasons=())
            for m in ranked
        ]
    agreed = Match.objects.filter(need__area=area, status=MatchStatus.AGREED).values_list("need", "service")
    found = matching.gaps(
        [need_as_data(n) for n in needs],
        [service_as_data(s, parents) for s in services],
        ranking,
        agreed=list(agreed),
        min_score=min_score,
    )
    by_need: dict[Any, Need] = {n.pk: n for n in needs}
    by_service: dict[Any, Service] = {s.pk: s for s in services}
    return AreaGaps(
        unmet=[(by_need[g.need], g.reason) for g in found.unmet_needs],
        unused=[(by_service[g.offer], g.reason) for g in found.unused_offers],
    )


@dataclass
class MapCell:
    services: list[tuple[Service, str]] = field(default_factory=list)  # (service, its status for the centre)
    needs: list[Need] = field(default_factory=list)

    @property
    def is_gap(self) -> bool:
        return bool(self.needs) and not self.services


@dataclass
class MapRow:
    term: TaxonomyTerm
    available: list[Service]
    cells: list[MapCell]


@dataclass
class AvailabilityMap:
    centres: list[Organisation]
    rows: list[MapRow]


def availability_map(area: Area) -> AvailabilityMap:
    """What is available: for each service type that has a published service or a centre's need, the
    services of that type (with their organisations), and for each centre its needs of that type and the
    services matched to them (agreed, discussed, suggested)."""
    services = list(published_services(area))
    needs = list(needs_for_area(area).filter(is_open=True))
    the_centres = list(centres(area))
    terms: dict = {}
    by_term: dict = defaultdict(list)
    for service in services:
        for term in service.taxonomy_terms.all():
            terms[term.pk] = term
            by_term[term.pk].append(service)
    for need in needs:
        terms.setdefault(need.service_type_id, need.service_type)
    order: dict[str, int] = {MatchStatus.AGREED: 0, MatchStatus.DISCUSSED: 1, MatchStatus.SUGGESTED: 2}
    rows = []
    for term in sorted(terms.values(), key=lambda t: t.name):
        cells = []
        for centre in the_centres:
            cell = MapCell(
                needs=[n for n in needs if n.centre_id == centre.pk and n.service_type_id == term.pk]
            )
            seen: dict = {}
            for need in cell.needs:
                for match in need.matches.all():
                    if match.status == MatchStatus.DECLINED or (
                        match.rank is None and match.status == MatchStatus.SUGGESTED
                    ):
                        continue
                    best = seen.get(match.service_id)
                    if best is None or order[match.status] < order[best[1]]:
                        seen[match.service_id] = (match.service, match.status)
            cell.services = sorted(seen.values(), key=lambda s: (order[s[1]], s[0].name))
            cells.append(cell)
        rows.append(MapRow(term=term, available=by_term.get(term.pk, []), cells=cells))
    return AvailabilityMap(centres=the_centres, rows=rows)


def event_matches(event: Event) -> QuerySet[Match]:
    return event.market_matches.select_related("need__centre", "service__organisation", "action").order_by(
        "need__centre__name", "need__title", "service__name"
    )
