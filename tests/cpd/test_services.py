"""Giving CPD for a training event, reflections, records by hand and training needs."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from coproduce.cpd import services
from coproduce.cpd.models import CpdRecord, TrainingContent, TrainingNeed
from coproduce.engagement.models import Attendance
from tests.factories import (
    AttendanceFactory,
    CpdRecordFactory,
    EventFactory,
    OrganisationFactory,
    PersonFactory,
    TrainingContentFactory,
    TrainingEventFactory,
)

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


def attendee(event):
    """A named attendee: only named people can be given a record."""
    return AttendanceFactory(event=event, person__name=f"Attendee {next(_numbers)}").person


def test_giving_cpd_makes_one_record_per_attendee_with_the_events_content():
    content = TrainingContentFactory(hours="2.5")
    people = [attendee(content.event) for _ in range(3)]

    made = services.cpd_give_for_event(event=content.event)

    assert sorted(r.person_id for r in made) == sorted(p.pk for p in people)
    record = CpdRecord.objects.get(person=people[0])
    assert (record.hours, record.topic, record.date, record.title) == (
        Decimal("2.50"),
        "Commissioning for children's centres",
        content.event.date,
        content.event.title,
    )
    assert record.learning_objectives == [
        "The commissioning cycle",
        "The procurement options",
        "Co-production",
    ]


def test_giving_again_adds_only_newcomers_and_never_touches_a_reflection():
    content = TrainingContentFactory()
    first = attendee(content.event)
    services.cpd_give_for_event(event=content.event)
    record = CpdRecord.objects.get(person=first)
    services.cpd_reflection_set(record=record, reflection="I will ask for the timetable.")
    later = attendee(content.event)

    made = services.cpd_give_for_event(event=content.event)
    again = services.cpd_give_for_event(event=content.event)

    assert [r.person_id for r in made] == [later.pk]
    assert again == []
    assert CpdRecord.objects.filter(event=content.event).count() == 2
    record.refresh_from_db()
    assert record.reflection == "I will ask for the timetable."


def test_cpd_needs_content_and_only_a_training_session_has_it():
    event = TrainingEventFactory()
    AttendanceFactory(event=event)
    with pytest.raises(ValidationError, match="Say what CPD"):
        services.cpd_give_for_event(event=event)
    workshop = EventFactory()
    with pytest.raises(ValidationError, match="Only a training session"):
        services.training_content_set(
            event=workshop, hours="3", topic="Commissioning", learning_objectives=[]
        )
    assert not CpdRecord.objects.exists()


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("three", "as a number"),
        ("0", "between"),
        ("101", "between"),
        ("1.255", "2 decimal places"),
        ("NaN", "number"),
    ],
)
def test_bad_hours_are_refused_with_a_clear_message_and_change_nothing(hours, message):
    event = TrainingEventFactory()
    with pytest.raises(ValidationError) as caught:
        services.training_content_set(event=event, hours=hours, topic="Commissioning", learning_objectives=[])
    assert message in caught.value.message_dict["hours"][0]
    assert not TrainingContent.objects.filter(event=event).exists()


def test_each_version_of_a_reflection_is_kept_in_the_history():
    record = CpdRecordFactory()
    services.cpd_reflection_set(record=record, reflection="First thoughts")
    services.cpd_reflection_set(record=record, reflection="Second thoughts")
    services.cpd_reflection_set(record=record, reflection="Second thoughts")  # unchanged: no new version

    versions = list(
        record.history.order_by("history_date", "history_id").values_list("reflection", flat=True)
    )

    assert versions == ["", "First thoughts", "Second thoughts"]


def test_a_too_long_reflection_is_refused_and_the_record_keeps_its_old_one():
    record = CpdRecordFactory(reflection="Kept")
    with pytest.raises(ValidationError, match="5,000 characters or fewer"):
        services.cpd_reflection_set(record=record, reflection="x" * 5001)
    record.refresh_from_db()
    assert record.reflection == "Kept"


def test_a_record_by_hand_for_training_elsewhere():
    person = PersonFactory(name="Priya Sharma")
    record = services.cpd_record_create(
        person=person,
        title="Safeguarding refresher",
        provider="Bexley Safeguarding Partnership",
        date=datetime.date(2012, 3, 1),
        hours="1.5",
        topic="Safeguarding",
    )
    assert (record.event, record.hours, record.provider) == (
        None,
        Decimal("1.5"),
        "Bexley Safeguarding Partnership",
    )
    with pytest.raises(ValidationError) as caught:
        services.cpd_record_create(person=person, title="", provider="", date=None, hours="x", topic="")
    assert set(caught.value.message_dict) == {"title", "date", "hours", "topic"}


def test_a_training_need_is_met_by_an_event_and_its_records_of_that_organisation_only():
    organisation = OrganisationFactory()
    content = TrainingContentFactory(event__area=organisation.area)
    ours = AttendanceFactory(
        event=content.event, person__organisation=organisation, person__name="Ours"
    ).person
    AttendanceFactory(event=content.event, person__name="Jo Reeves")  # of no organisation
    services.cpd_give_for_event(event=content.event)
    need = services.training_need_create(
        organisation=organisation,
        need="Procurement options",
        priority="high",
        raised_on=datetime.date(2011, 11, 1),
    )
    assert not need.is_met
    records = CpdRecord.objects.filter(person=ours)
    services.training_need_update(
        training_need=need,
        need=need.need,
        priority="high",
        raised_on=need.raised_on,
        met_on=content.event.date,
        met_by_event=content.event,
        met_by_records=records,
        how_met="At the workshop",
    )
    need.refresh_from_db()
    assert need.is_met and list(need.met_by_records.all()) == list(records)
    other = CpdRecord.objects.exclude(person=ours)
    with pytest.raises(ValidationError) as caught:
        services.training_need_update(
            training_need=need,
            need=need.need,
            priority="high",
            raised_on=need.raised_on,
            met_on=datetime.date(2011, 1, 1),
            met_by_event=EventFactory(),
            met_by_records=other,
            how_met="",
        )
    assert set(caught.value.message_dict) == {"met_on", "met_by_event", "met_by_records"}
    assert TrainingNeed.objects.get().met_by_records.get() == records.get()


def test_attendance_elsewhere_does_not_give_cpd_for_this_event():
    content = TrainingContentFactory()
    Attendance.objects.create(
        event=EventFactory(area=content.event.area), person=PersonFactory(area=content.event.area)
    )
    assert services.cpd_give_for_event(event=content.event) == []


def test_names_on_the_register_get_a_record_and_are_still_counted_once():
    from coproduce.engagement.models import RegisterEntry
    from coproduce.engagement.selectors import people_at, people_taking_part

    organisation = OrganisationFactory(name="Heathway Community Forum")
    content = TrainingContentFactory(event__area=organisation.area)
    event = content.event
    RegisterEntry.objects.create(
        event=event, name="Amina Patel", organisation="heathway community forum", role="vcs_provider"
    )
    AttendanceFactory(event=event)  # joined by code, no name: no record can be theirs
    before = (people_at(event), people_taking_part(event.area))

    made = services.cpd_give_for_event(event=event)

    assert [(r.person.name, r.person.organisation) for r in made] == [("Amina Patel", organisation)]
    assert (people_at(event), people_taking_part(event.area)) == before
    assert services.cpd_give_for_event(event=event) == []
