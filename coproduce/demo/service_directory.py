"""The demo's service directory: illustrative services of Bexley's six VCS groups, held at its children's
centres and community venues, with ages, timetables, costs and service types, published; and one change
waiting for review (the Forum's stay-and-play adding a Saturday session, sent by the demo VCS member).

Illustrative: the case study names no services, places or times. The groups and centres are the demo's;
the addresses use real Bexley postcode districts with made-up streets. Ids are fixed (uuid5), so running it
again finds what it made and changes nothing.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth import get_user_model

from coproduce.directory.models import Organisation
from coproduce.programmes.models import Area
from coproduce.service_directory import services, taxonomy_seed
from coproduce.service_directory.models import Service, Taxonomy, TaxonomyTerm
from coproduce.service_directory.taxonomy_seed import term_id

from .data import bexley

NAMESPACE = uuid.UUID("2d8f6b1a-90c4-4e57-8a3b-5c1e7d9f0a24")
ILLUSTRATIVE = "Illustrative demo listing."

# (place key) -> (name, street, town, postcode)
PLACES = {
    "hollyfield": (bexley.HOLLYFIELD, "12 Hollyfield Road", "Bexleyheath", "DA6 7AT"),
    "marsh_lane": (bexley.MARSH_LANE, "3 Marsh Lane", "Erith", "DA8 1RS"),
    "orchard_green": (bexley.ORCHARD_GREEN, "40 Orchard Green", "Welling", "DA16 2PG"),
    "three_oaks": (bexley.THREE_OAKS, "7 Three Oaks Way", "Sidcup", "DA14 6LT"),
    "wheatfield": (bexley.WHEATFIELD, "21 Wheatfield Avenue", "Crayford", "DA1 4RS"),
    "kingfisher": (bexley.KINGFISHER, "5 Kingfisher Close", "Thamesmead", "SE28 8AA"),
    "heathway_hall": ("Heathway Community Hall", "88 Heathway Parade", "Bexleyheath", "DA7 4BT"),
}

# organisation, name, description, terms, (min age, max age), place, days, (opens, closes), charge
SERVICES: list[
    tuple[
        str, str, str, tuple[str, ...], tuple[int | None, int | None], str, str, tuple[str, str], float | None
    ]
] = [
    (
        bexley.FORUM,
        "Heathway stay and play",
        "Songs, messy play and a cuppa for parents and carers with babies and toddlers; volunteers welcome families new to the area.",
        ("play-and-learning",),
        (0, 5),
        "heathway_hall",
        "TU,TH",
        ("09:30", "11:30"),
        1.0,
    ),
    (
        bexley.FORUM,
        "Community cafe advice drop-in",
        "An informal drop-in where parents can ask about benefits, housing and local groups over coffee.",
        ("money-and-housing",),
        (None, None),
        "heathway_hall",
        "WE",
        ("13:00", "15:00"),
        None,
    ),
    (
        bexley.TOY_LIBRARY,
        "Toy and book lending",
        "Borrow toys, games and books for young children, with play ideas from our volunteers.",
        ("play-and-learning",),
        (0, 7),
        "hollyfield",
        "MO,FR",
        ("10:00", "12:00"),
        0.5,
    ),
    (
        bexley.TOY_LIBRARY,
        "Chatter and play",
        "A small group for toddlers whose talking is slow to start, with a volunteer trained by the speech and language team.",
        ("speech-and-language", "play-and-learning"),
        (2, 4),
        "orchard_green",
        "WE",
        ("10:00", "11:00"),
        None,
    ),
    (
        bexley.PORTAGE,
        "Portage home visiting",
        "Weekly home visits that help families of young children with additional needs to play and learn together.",
        ("send-support",),
        (0, 5),
        "three_oaks",
        "MO,TU,WE,TH,FR",
        ("09:00", "16:00"),
        None,
    ),
    (
        bexley.PORTAGE,
        "Little stars SEND play group",
        "A play session for children with special educational needs and their siblings, with sensory toys.",
        ("send-support", "play-and-learning"),
        (0, 8),
        "three_oaks",
        "SA",
        ("10:00", "12:00"),
        None,
    ),
    (
        bexley.DOORSTEP,
        "Doorstep family volunteers",
        "Trained volunteers visit families who are struggling, for practical help and a friendly ear.",
        ("parenting-support",),
        (0, 11),
        "kingfisher",
        "MO,TU,WE,TH,FR",
        ("09:00", "17:00"),
        None,
    ),
    (
        bexley.DOORSTEP,
        "Dads' Saturday club",
        "Breakfast, play and a chat for dads and male carers with their young children.",
        ("fathers", "play-and-learning"),
        (0, 5),
        "wheatfield",
        "SA",
        ("09:30", "11:30"),
        2.0,
    ),
    (
        bexley.PEER_SUPPORT,
        "Breastfeeding cafe",
        "Peer supporters and other mums help with feeding, from pregnancy to toddlerhood.",
        ("infant-feeding",),
        (0, 2),
        "marsh_lane",
        "TH",
        ("10:00", "12:00"),
        None,
    ),
    (
        bexley.PEER_SUPPORT,
        "New parents' wellbeing group",
        "A gentle group for parents feeling low or anxious after birth, with a peer supporter.",
        ("perinatal-mental-health",),
        (0, 1),
        "marsh_lane",
        "MO",
        ("13:30", "15:00"),
        None,
    ),
    (
        bexley.DEBT_ADVICE,
        "Family money advice",
        "One-to-one appointments on debt, benefits and budgeting, at the children's centre.",
        ("money-and-housing",),
        (None, None),
        "kingfisher",
        "TU",
        ("09:30", "12:30"),
        None,
    ),
    (
        bexley.DEBT_ADVICE,
        "Young parents' money skills",
        "A short course on budgeting, bills and benefits for parents under 25.",
        ("money-and-housing", "young-parents"),
        (16, 24),
        "wheatfield",
        "TH",
        ("17:00", "19:00"),
        None,
    ),
]
PENDING_SERVICE = "Heathway stay and play"


def _id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


def service_json(organisation: Organisation, row) -> dict[str, Any]:
    _org, name, description, terms, (low, high), place, days, (opens, closes), charge = row
    sid = _id("service", name)
    place_name, street, town, postcode = PLACES[place]
    location_id = _id("location", organisation.name, place)
    data: dict[str, Any] = {
        "id": sid,
        "name": name,
        "description": description,
        "status": "active",
        "attributes": [
            {"id": _id("attr", name, t), "link_id": sid, "taxonomy_term_id": str(term_id(t))} for t in terms
        ],
        "service_at_locations": [
            {
                "id": _id("sal", name, place),
                "service_id": sid,
                "location_id": location_id,
                "location": {
                    "id": location_id,
                    "location_type": "physical",
                    "name": place_name,
                    "addresses": [
                        {
                            "id": _id("address", organisation.name, place),
                            "address_1": street,
                            "city": town,
                            "state_province": "Greater London",
                            "postal_code": postcode,
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
        "schedules": [
            {
                "id": _id("schedule", name),
                "service_id": sid,
                "freq": "WEEKLY",
                "byday": days,
                "opens_at": opens,
                "closes_at": closes,
            }
        ],
        "cost_options": [
            {"id": _id("cost", name), "service_id": sid, "option": "Per session", "amount": charge}
        ]
        if charge
        else [],
        "contacts": [{"id": _id("contact", name), "service_id": sid, "title": "Coordinator"}],
    }
    if low is not None:
        data["minimum_age"] = low
    if high is not None:
        data["maximum_age"] = high
    return data


def load_service_directory_demo() -> int:
    """Publish the illustrative services that are missing, and propose the one pending change. Returns how
    many services were added."""
    area = Area.objects.filter(slug="bexley").first()
    if area is None:
        return 0
    taxonomy_seed.seed(Taxonomy, TaxonomyTerm)  # its migration seeds it; put back here if it was emptied
    added = 0
    for row in SERVICES:
        organisation = Organisation.objects.filter(area=area, name=row[0]).first()
        if organisation is None:
            continue
        data = service_json(organisation, row)
        if Service.objects.filter(pk=data["id"]).exists():
            continue
        listing = services.listing_for(organisation)
        if not listing.description:
            listing.description = (
                f"{organisation.name}, a voluntary and community group in Bexley. {ILLUSTRATIVE}"
            )
            listing.save()
        services.service_apply(organisation=organisation, data=data, publish=True)
        added += 1
    _propose_pending_change(area)
    return added


def _propose_pending_change(area: Area) -> None:
    row = next(r for r in SERVICES if r[1] == PENDING_SERVICE)
    organisation = Organisation.objects.filter(area=area, name=row[0]).first()
    service = Service.objects.filter(pk=_id("service", PENDING_SERVICE)).first()
    if organisation is None or service is None or service.changes.exists():
        return
    data = service_json(organisation, row)
    data["description"] += " Now on Saturday mornings too, so working parents can come."
    data["schedules"].append(
        {
            "id": _id("schedule", PENDING_SERVICE, "saturday"),
            "service_id": data["id"],
            "freq": "WEEKLY",
            "byday": "SA",
            "opens_at": "10:00",
            "closes_at": "12:00",
        }
    )
    by = get_user_model().objects.filter(username="vcs").first()
    services.service_propose(organisation=organisation, data=data, by=by)
