"""The demo's understanding of Bexley's VCS: a profile for each of its six VCS groups, a health check taken
twice by three of them (at the October 2011 workshop and again in June 2012, showing change), and a network
of links among the six groups, the six children's centres and the consortium four of the groups formed.

Illustrative: the case study names the frame ("needs and values, preferences, resources, networks and
community") but no organisation's answers; all of these are written for this demo. The gaps (a centre and a
VCS group whose people raised a theme in common, with no link) appear once the comments are analysed, as
`make run` does. Safe to run again: what exists is left as it is.
"""

from __future__ import annotations

import datetime

from coproduce.directory.models import Organisation
from coproduce.vcs import services
from coproduce.vcs.models import HealthCheck, HealthTopic, OrganisationLink, OrganisationProfile

from .commissioning import SUPPLIER
from .data import bexley

D = datetime.date
FIRST_CHECK = D(2011, 10, 28)  # at the workshop
SECOND_CHECK = D(2012, 6, 14)  # after the training and the market-place planning

PROFILES: dict[str, dict[str, object]] = {
    bexley.FORUM: {
        "needs": "A bigger room for the Saturday drop-in, and a share of the centres' outreach budget.",
        "values": "Run by local parents for local families; nobody is turned away.",
        "delivery_models": ["grant", "consortium", "volunteer_led"],
        "contract_sizes": ["under_10k", "10k_50k"],
        "consortium": "lead",
        "staff": 3,
        "volunteers": 24,
        "dbs_checked_volunteers": 18,
        "premises": "shared",
        "income_band": "small",
    },
    bexley.TOY_LIBRARY: {
        "needs": "Storage for the toy collection and help writing bids.",
        "values": "Play is learning; every family should be able to borrow what they cannot buy.",
        "delivery_models": ["grant", "spot_purchase", "volunteer_led"],
        "contract_sizes": ["under_10k"],
        "consortium": "member",
        "staff": 1,
        "volunteers": 12,
        "dbs_checked_volunteers": 7,
        "premises": "rented",
        "income_band": "micro",
    },
    bexley.PORTAGE: {
        "needs": "Trained home visitors, and referrals from the centres before children start nursery.",
        "values": "Parents are their child's first teachers; we work in the family's home, at their pace.",
        "delivery_models": ["service_contract", "subcontract"],
        "contract_sizes": ["10k_50k", "50k_250k"],
        "consortium": "member",
        "staff": 6,
        "volunteers": 4,
        "dbs_checked_volunteers": 4,
        "premises": "none",
        "income_band": "medium",
    },
    bexley.DOORSTEP: {
        "needs": "Volunteer expenses and a way to hear about families who need a visit.",
        "values": "A friendly face at the door: practical help without judgement.",
        "delivery_models": ["volunteer_led", "grant"],
        "contract_sizes": ["under_10k"],
        "consortium": "maybe",
        "staff": 0,
        "volunteers": 31,
        "dbs_checked_volunteers": 31,
        "premises": "none",
        "income_band": "micro",
    },
    bexley.PEER_SUPPORT: {
        "needs": "A room in each centre once a week, and accredited training for new peer supporters.",
        "values": "Mothers supporting mothers, with evidence behind what we say.",
        "delivery_models": ["subcontract", "consortium", "grant"],
        "contract_sizes": ["under_10k", "10k_50k"],
        "consortium": "member",
        "staff": 2,
        "volunteers": 16,
        "dbs_checked_volunteers": 12,
        "premises": "shared",
        "income_band": "small",
    },
    bexley.DEBT_ADVICE: {
        "needs": "Outreach sessions where families already are, and a second trained adviser.",
        "values": "Free, confidential and independent advice; money worries are nobody's fault.",
        "delivery_models": ["service_contract", "spot_purchase"],
        "contract_sizes": ["10k_50k", "50k_250k"],
        "consortium": "no",
        "staff": 4,
        "volunteers": 6,
        "dbs_checked_volunteers": 2,
        "premises": "own",
        "income_band": "medium",
    },
}

_TOPICS = [t.value for t in HealthTopic]


def _scores(*values: int) -> dict[str, int]:
    return dict(zip(_TOPICS, values, strict=True))


# governance, finance, safeguarding, workforce, quality, partnership, digital, bidding
HEALTH_CHECKS: dict[str, tuple[dict[str, int], dict[str, int], dict[str, str]]] = {
    bexley.FORUM: (
        _scores(3, 2, 3, 3, 2, 3, 1, 1),
        _scores(3, 3, 4, 3, 3, 4, 2, 2),
        {"digital": "Bookings still on paper", "bidding": "Went to the February training; first bid written"},
    ),
    bexley.TOY_LIBRARY: (
        _scores(2, 1, 3, 2, 2, 3, 2, 1),
        _scores(3, 2, 3, 2, 3, 3, 2, 2),
        {"finance": "One grant ends in March", "workforce": "Relies on two volunteers"},
    ),
    bexley.PORTAGE: (
        _scores(4, 3, 4, 3, 4, 2, 3, 3),
        _scores(4, 3, 4, 2, 4, 3, 3, 3),
        {
            "workforce": "Two home visitors left in the spring",
            "partnership": "Referrals now come from three centres",
        },
    ),
}

CONSORTIUM = SUPPLIER
# organisation, works with, kind, strength
LINKS = (
    (bexley.FORUM, bexley.HOLLYFIELD, "shared_premises", 3),
    (bexley.FORUM, bexley.MARSH_LANE, "referral", 2),
    (bexley.FORUM, bexley.TOY_LIBRARY, "partnership", 2),
    (bexley.FORUM, bexley.DEBT_ADVICE, "referral", 2),
    # the consortium that wins the demo's contract (coproduce/demo/commissioning.py), led by the forum
    (bexley.FORUM, CONSORTIUM, "consortium", 3),
    (bexley.TOY_LIBRARY, CONSORTIUM, "consortium", 2),
    (bexley.PEER_SUPPORT, CONSORTIUM, "consortium", 2),
    (bexley.PORTAGE, CONSORTIUM, "consortium", 2),
    (bexley.TOY_LIBRARY, bexley.HOLLYFIELD, "partnership", 2),
    (bexley.TOY_LIBRARY, bexley.ORCHARD_GREEN, "informal", 1),
    (bexley.PORTAGE, bexley.THREE_OAKS, "referral", 3),
    (bexley.PORTAGE, bexley.WHEATFIELD, "referral", 2),
    (bexley.DOORSTEP, bexley.PORTAGE, "partnership", 2),
    (bexley.DOORSTEP, bexley.KINGFISHER, "referral", 2),
    (bexley.PEER_SUPPORT, bexley.WHEATFIELD, "shared_premises", 2),
    (bexley.PEER_SUPPORT, bexley.THREE_OAKS, "informal", 1),
    (bexley.HOLLYFIELD, bexley.MARSH_LANE, "partnership", 3),
    (bexley.THREE_OAKS, bexley.WHEATFIELD, "partnership", 2),
)


def load_vcs_demo() -> dict[str, int]:
    """Profiles, health checks and links for Bexley, if it is loaded; returns how many of each were made."""
    organisations = {o.name: o for o in Organisation.objects.filter(area__slug=bexley.AREA.slug)}
    made = {"profiles": 0, "health_checks": 0, "links": 0}
    if not organisations:
        return made
    for name, answers in PROFILES.items():
        organisation = organisations[name]
        if not OrganisationProfile.objects.filter(organisation=organisation).exists():
            services.profile_save(organisation=organisation, is_illustrative=True, **answers)  # type: ignore[arg-type]
            made["profiles"] += 1
    for name, (first, second, notes) in HEALTH_CHECKS.items():
        organisation = organisations[name]
        for taken_on, scores in ((FIRST_CHECK, first), (SECOND_CHECK, second)):
            if HealthCheck.objects.filter(organisation=organisation, taken_on=taken_on).exists():
                continue
            note_now = notes if taken_on == SECOND_CHECK else {}
            services.health_check_take(
                organisation=organisation,
                taken_on=taken_on,
                ratings={topic: (score, note_now.get(topic, "")) for topic, score in scores.items()},
                is_illustrative=True,
            )
            made["health_checks"] += 1
    area = organisations[bexley.FORUM].area
    for name_a, name_b, kind, strength in LINKS:
        if name_a not in organisations or name_b not in organisations:
            continue  # the consortium is made with the commissioning timetable, which may not be loaded
        a, b = sorted((organisations[name_a], organisations[name_b]), key=lambda o: o.pk)
        if OrganisationLink.objects.filter(organisation_a=a, organisation_b=b, kind=kind).exists():
            continue
        services.link_record(
            area=area, organisation_a=a, organisation_b=b, kind=kind, strength=strength, is_illustrative=True
        )
        made["links"] += 1
    return made
