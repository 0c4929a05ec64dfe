"""A person's CPD is part of what is held about them: in the subject access export, and their reflections
(every version) removed when they ask to be erased; the record and its hours stay, as other figures do."""

import json

import pytest
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.cpd import services
from tests.factories import CpdRecordFactory, member

pytestmark = pytest.mark.django_db


def test_the_subject_access_export_holds_their_cpd_and_erasure_removes_their_reflections(client):
    record = CpdRecordFactory(person__name="Priya Sharma")
    services.cpd_reflection_set(record=record, reflection="First thoughts")
    services.cpd_reflection_set(record=record, reflection="I will ask for the timetable.")
    client.force_login(member(record.person.area, AreaRole.FACILITATOR))

    held = json.dumps(
        json.loads(client.get(reverse("privacy:person_export", args=[record.person.pk])).content)
    )
    assert "I will ask for the timetable." in held and "Safeguarding refresher" in held

    client.post(reverse("privacy:person_erase", args=[record.person.pk]), {"mode": "erase"})
    record.refresh_from_db()
    assert record.reflection == ""
    assert set(record.history.values_list("reflection", flat=True)) == {""}
    assert str(record.hours) == "2.00"
