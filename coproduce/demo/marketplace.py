"""The demo's market place: Bexley's six children's centres state illustrative needs, the published VCS
services are ranked against them, and at a market place event some matches are agreed (each becoming an
action owned by the VCS group), one discussed and one not taken up; one need (English classes for
parents) stays a gap.

The agreed matches are actions of the case study's first proposal (market place events). Illustrative: the
case study proposes market place events but names no needs or services. The services are
the service directory demo's (demo/service_directory.py, loaded first); each need is at its centre's place
as that demo lists it. Safe to run again: when Bexley already has a need, nothing is changed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from coproduce.analysis.embed import make_embedder
from coproduce.directory.models import Organisation
from coproduce.engagement.models import Comment, Event, EventKind, EventStatus
from coproduce.marketplace import services
from coproduce.marketplace.models import BudgetBand, MatchStatus, Need
from coproduce.programmes.models import Area
from coproduce.proposals import services as proposal_services
from coproduce.proposals.models import ActionStatus
from coproduce.service_directory.models import (
    Location,
    TaxonomyTerm,
)

from .data import bexley

D, T = datetime.date, datetime.time
EVENT_TITLE = "Market place: what the VCS can offer children's centres"
EVENT_DATE = D(2012, 3, 20)

# centre: (postcode, latitude, longitude), for a centre the directory demo does not list: made-up centres
# at the directory demo's postcodes (real Bexley districts), with rough coordinates of those districts
CENTRE_PLACES = {
    bexley.HOLLYFIELD: ("DA6 7AT", 51.4560, 0.1390),
    bexley.MARSH_LANE: ("DA8 1RS", 51.4810, 0.1780),
    bexley.ORCHARD_GREEN: ("DA16 2PG", 51.4620, 0.1070),
    bexley.THREE_OAKS: ("DA14 6LT", 51.4270, 0.1030),
    bexley.WHEATFIELD: ("DA1 4RS", 51.4490, 0.1810),
    bexley.KINGFISHER: ("SE28 8AA", 51.5050, 0.1150),
}


@dataclass(frozen=True)
class NeedSpec:
    centre: str
    title: str
    description: str
    type_code: str
    ages: tuple[int | None, int | None]
    days: str
    hours: tuple[datetime.time, datetime.time] | None
    families: int | None
    budget: str
    cites: str = ""  # words of a Bexley comment the need cites
    outcome: str = ""  # "agreed", "discussed" or "declined" for its best match at the event


NEEDS = (
    NeedSpec(
        bexley.HOLLYFIELD,
        "Breastfeeding peer support in the centre",
        "New mothers leave hospital with little help feeding; peer supporters at our baby clinic would help.",
        "infant-feeding",
        (0, 1),
        "TU",
        (T(10), T(12)),
        15,
        BudgetBand.FREE,
        cites="breastfeeding peer supporters",
        outcome="agreed",
    ),
    NeedSpec(
        bexley.HOLLYFIELD,
        "Dads' groups at weekends",
        "Dads who work shifts cannot come on weekday mornings; a Saturday group for fathers and toddlers.",
        "fathers",
        (0, 5),
        "SA",
        (T(10), T(12)),
        10,
        BudgetBand.UP_TO_50,
        cites="dads who work shifts",
    ),
    NeedSpec(
        bexley.MARSH_LANE,
        "English classes for parents",
        "Parents new to the country want English classes with a creche, so they can talk to the school.",
        "adult-learning",
        (None, None),
        "WE",
        (T(9, 30), T(11, 30)),
        12,
        BudgetBand.UP_TO_150,
    ),
    NeedSpec(
        bexley.MARSH_LANE,
        "Debt and benefits advice on site",
        "Families in rent arrears and debt need advice where they already come, without a separate trip.",
        "money-and-housing",
        (None, None),
        "TH",
        (T(13), T(16)),
        20,
        BudgetBand.UP_TO_150,
        cites="debt advice sessions",
        outcome="agreed",
    ),
    NeedSpec(
        bexley.ORCHARD_GREEN,
        "Toys and play ideas to borrow",
        "Parents want toys and play ideas to take home between stay-and-play sessions.",
        "play-and-learning",
        (0, 5),
        "WE",
        (T(9, 30), T(11, 30)),
        25,
        BudgetBand.UP_TO_50,
        cites="toy library",
        outcome="agreed",
    ),
    NeedSpec(
        bexley.THREE_OAKS,
        "Early help for children with additional needs",
        "Children with additional needs wait months for support; home teaching and one referral route.",
        "send-support",
        (0, 5),
        "MO,TH",
        None,
        8,
        BudgetBand.UP_TO_500,
        cites="one referral form",
        outcome="discussed",
    ),
    NeedSpec(
        bexley.WHEATFIELD,
        "Home visiting volunteers for isolated families",
        "Isolated families with a new baby need a friendly volunteer visiting at home each week.",
        "parenting-support",
        (0, 4),
        "",
        None,
        12,
        BudgetBand.FREE,
        outcome="declined",
    ),
    NeedSpec(
        bexley.KINGFISHER,
        "A parents' voice group",
        "Parents want a say in what the centre runs; a community group to bring them together.",
        "parenting-support",
        (None, None),
        "FR",
        (T(13), T(15)),
        30,
        BudgetBand.FREE,
        cites="parents' forums",
        outcome="agreed",
    ),
)


def _centre_location(centre: Organisation) -> Location:
    """The centre's place in the directory: one the directory demo lists under its name, else its own."""
    existing = (
        Location.objects.filter(organisation__area=centre.area, name=centre.name)
        .exclude(location_type="virtual")
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing
    postcode, latitude, longitude = CENTRE_PLACES[centre.name]
    return Location.objects.create(
        organisation=centre,
        name=centre.name,
        postal_code=postcode,
        latitude=latitude,
        longitude=longitude,
        city="Bexley",
        state_province="Greater London",
    )


def load_marketplace_demo() -> Event | None:
    """Bexley's needs, their matches and the market place event; None when Bexley is absent or has needs."""
    area = Area.objects.filter(slug=bexley.AREA.slug).first()
    if area is None or Need.objects.filter(area=area).exists():
        return None
    organisations = {o.name: o for o in area.organisations.all()}
    facilitator = get_user_model().objects.filter(username="facilitator").first()
    embedder = make_embedder(settings.THEMES_EMBEDDER)
    # The case study's first proposal is the market place itself: agreed matches are its actions.
    proposal = area.proposals.filter(summary__icontains="market place events").first()
    with transaction.atomic():
        event, _ = Event.objects.get_or_create(
            area=area,
            kind=EventKind.MARKET_PLACE,
            title=EVENT_TITLE,
            defaults={"date": EVENT_DATE, "venue": bexley.CIVIC_OFFICES, "status": EventStatus.CLOSED},
        )
        for spec in NEEDS:
            centre = organisations[spec.centre]
            cited = (
                list(Comment.objects.filter(event__area=area, text__icontains=spec.cites)[:1])
                if spec.cites
                else []
            )
            need = services.need_create(
                area=area,
                centre=centre,
                title=spec.title,
                description=spec.description,
                service_type=TaxonomyTerm.objects.get(code=spec.type_code),
                minimum_age=spec.ages[0],
                maximum_age=spec.ages[1],
                location=_centre_location(centre),
                days=spec.days,
                start_time=spec.hours[0] if spec.hours else None,
                end_time=spec.hours[1] if spec.hours else None,
                families=spec.families,
                budget_band=spec.budget,
                evidence=cited,
                is_illustrative=True,
                rank=False,
            )
            services.need_rank_carry_out(need=need, embedder=embedder)
            best = need.matches.filter(rank=1).select_related("service__organisation").first()
            if best is None or not spec.outcome:
                continue
            if spec.outcome == MatchStatus.AGREED:
                action = services.match_agree(
                    match=best,
                    user=facilitator,
                    title=f"{best.service.name} at {centre.name}",
                    due_date=D(2012, 6, 30),
                    proposal=proposal,
                    event=event,
                    note=f"{best.service.organisation} and {centre.name} agreed a trial term.",
                )
                # the story ends later in 2012: the trial terms ran
                proposal_services.action_record_progress(
                    action=action,
                    text=f"The trial term ran at {centre.name}; both want to carry on.",
                    status=ActionStatus.DONE,
                    author=facilitator,
                )
            else:
                note = (
                    "Both keen; the referral route needs the council's agreement first."
                    if spec.outcome == MatchStatus.DISCUSSED
                    else "The volunteers cover families with older children; the centre will ask again in autumn."
                )
                services.match_record(match=best, status=spec.outcome, event=event, note=note)
    return event
