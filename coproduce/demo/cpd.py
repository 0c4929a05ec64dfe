"""The demo's CPD in commissioning: Bexley's 13 February 2012 training workshop gives its 25 attendees CPD
records, a few of them with reflections, and a few organisations' training needs, some met by it.

Illustrative: the case study says the workshop happened, with 25 participants "in a similar mix"; the
hours, reflections and needs are written for this demo. Safe to run again: what exists is left as it is.
"""

from __future__ import annotations

import datetime

from coproduce.cpd import services
from coproduce.cpd.models import CpdRecord, NeedPriority, TrainingContent, TrainingNeed
from coproduce.directory.models import Organisation
from coproduce.engagement.models import Event

from .data import bexley

D = datetime.date
TRAINING_TITLE = "Training session workshop: commissioning and working together"
TRAINING_DATE = D(2012, 2, 13)
HOURS = "3"
TOPIC = "Commissioning for children's centres"
LEARNING_OBJECTIVES = (
    "Understand the commissioning cycle: analyse, plan, do and review",
    "Know the procurement options open to children's centres and the VCS: grants, contracts, lead "
    "providers and consortia",
    "Use co-production with partners at each stage of commissioning",
)
REFLECTIONS = {
    "VCS provider 13": (
        "Seeing the commissioning cycle drawn out made it clear when we can speak up: at the analyse stage, "
        "long before a tender. We will ask the council for the timetable."
    ),
    "Centre manager 07": (
        "I had not realised a consortium could bid as one lead provider. Our centre could partner with two "
        "of the VCS groups here."
    ),
    "LA professional 09": (
        "Co-production takes time we rarely plan for. The next consultation should start before the "
        "specification is written."
    ),
    "Centre staff 04": "Useful to hear how the VCS see us. I want to learn more about writing a specification.",
}
# organisation, need, priority, raised, met by the workshop
NEEDS = (
    (
        bexley.FORUM,
        "Understanding the commissioning cycle and when tenders are published",
        NeedPriority.HIGH,
        D(2011, 10, 28),
        True,
    ),
    (
        bexley.HOLLYFIELD,
        "The procurement options for children's centres working with the VCS",
        NeedPriority.MEDIUM,
        D(2011, 10, 28),
        True,
    ),
    (
        bexley.COUNCIL,
        "Co-production in practice: running a consultation with the VCS",
        NeedPriority.MEDIUM,
        D(2011, 11, 15),
        True,
    ),
    (bexley.TOY_LIBRARY, "Writing a bid for a service contract", NeedPriority.HIGH, D(2012, 2, 13), False),
    (bexley.MARSH_LANE, "Change management for centre staff", NeedPriority.LOW, D(2012, 2, 13), False),
)


def load_cpd_demo() -> int:
    """CPD for Bexley's training workshop, if the area is loaded; returns how many records were made."""
    event = Event.objects.filter(
        area__slug=bexley.AREA.slug, title=TRAINING_TITLE, date=TRAINING_DATE
    ).first()
    if event is None:
        return 0
    if not TrainingContent.objects.filter(event=event).exists():
        services.training_content_set(
            event=event, hours=HOURS, topic=TOPIC, learning_objectives=LEARNING_OBJECTIVES
        )
    made = services.cpd_give_for_event(event=event, is_illustrative=True)
    for record in CpdRecord.objects.filter(event=event, person__name__in=REFLECTIONS, reflection=""):
        services.cpd_reflection_set(record=record, reflection=REFLECTIONS[record.person.name])
    organisations = {o.name: o for o in Organisation.objects.filter(area=event.area)}
    for name, need, priority, raised_on, met in NEEDS:
        organisation = organisations.get(name)
        if organisation is None or TrainingNeed.objects.filter(organisation=organisation, need=need).exists():
            continue
        services.training_need_create(
            organisation=organisation,
            need=need,
            priority=priority,
            raised_on=raised_on,
            met_on=TRAINING_DATE if met else None,
            met_by_event=event if met else None,
            met_by_records=CpdRecord.objects.filter(event=event, person__organisation=organisation)
            if met
            else (),
            how_met="Covered at the February training workshop." if met else "",
            is_illustrative=True,
        )
    return len(made)
