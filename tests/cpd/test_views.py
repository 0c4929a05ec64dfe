"""The CPD pages: giving CPD, logs and their hour totals, CSV exports, certificates, and who sees what."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from coproduce.accounts.models import AreaRole
from coproduce.cpd.models import CpdRecord, TrainingContent
from tests.factories import (
    AreaFactory,
    AttendanceFactory,
    CpdRecordFactory,
    OrganisationFactory,
    PersonFactory,
    TrainingEventFactory,
    TrainingNeedFactory,
    member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    return AreaFactory(name="London Borough of Bexley", slug="bexley")


def csv_rows(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_a_facilitator_gives_cpd_for_a_training_event_and_giving_again_adds_nobody(client, area):
    event = TrainingEventFactory(area=area)
    for n in range(3):
        AttendanceFactory(event=event, person__name=f"Attendee {n}")
    AttendanceFactory(event=event)  # joined by code without a name
    client.force_login(member(area, AreaRole.FACILITATOR))
    url = reverse("cpd:event", args=[event.pk])
    body = {
        "hours": "3",
        "topic": "Commissioning",
        "learning_objectives": "The commissioning cycle\n\nCo-production\n",
    }

    assert "1 person joined by code without a name" in client.get(url).content.decode()
    response = client.post(url, body, follow=True)
    assert "CPD given: 3 new records" in response.content.decode()
    response = client.post(url, body, follow=True)
    assert "Everyone who attended already had a record" in response.content.decode()

    assert CpdRecord.objects.filter(event=event).count() == 3
    assert TrainingContent.objects.get(event=event).learning_objectives == [
        "The commissioning cycle",
        "Co-production",
    ]


def test_bad_hours_keep_everything_typed_on_the_page(client, area):
    event = TrainingEventFactory(area=area)
    client.force_login(member(area, AreaRole.FACILITATOR))
    response = client.post(
        reverse("cpd:event", args=[event.pk]),
        {
            "hours": "three",
            "topic": "Commissioning cycle",
            "learning_objectives": "Know the procurement options",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter the hours as a number" in page
    assert (
        'value="three"' in page and "Commissioning cycle" in page and "Know the procurement options" in page
    )
    assert not TrainingContent.objects.exists()


def test_a_too_long_reflection_comes_back_whole_with_the_message(client, area):
    record = CpdRecordFactory(person__area=area)
    client.force_login(member(area, AreaRole.FACILITATOR))
    typed = "I learned " + "a great deal " * 400
    response = client.post(reverse("cpd:reflection", args=[record.pk]), {"reflection": typed})
    assert response.status_code == 400
    assert "5,000 characters or fewer" in response.content.decode()
    assert typed.strip() in response.content.decode()
    record.refresh_from_db()
    assert record.reflection == ""


def test_a_reflection_edit_shows_in_the_records_history(client, area):
    record = CpdRecordFactory(person__area=area)
    client.force_login(member(area, AreaRole.FACILITATOR))
    client.post(reverse("cpd:reflection", args=[record.pk]), {"reflection": "First thoughts"})
    client.post(reverse("cpd:reflection", args=[record.pk]), {"reflection": "Second thoughts"})
    page = client.get(reverse("cpd:record", args=[record.pk])).content.decode()
    assert "Reflection: First thoughts → Second thoughts" in page
    assert record.history.count() == 3


def test_a_persons_log_totals_hours_per_year_and_the_csv_matches_its_records(client, area):
    person = PersonFactory(area=area, name="Priya Sharma")
    CpdRecordFactory(person=person, date=datetime.date(2011, 11, 2), hours="1.5", title="Intro")
    CpdRecordFactory(person=person, date=datetime.date(2012, 2, 13), hours="3", title="Workshop")
    CpdRecordFactory(person=person, date=datetime.date(2012, 5, 1), hours="2.25", title='=HYPERLINK("x")')
    client.force_login(member(area, AreaRole.VIEWER))

    page = client.get(reverse("cpd:person", args=[person.pk])).content.decode()
    rows = csv_rows(client.get(reverse("cpd:person_csv", args=[person.pk])))

    assert "3 records, 6.75 hours in all" in page
    assert (
        '<th scope="row" class="govuk-table__header">2012</th><td class="govuk-table__cell govuk-table__cell--numeric">5.25</td>'
        in page
    )
    assert (
        '<th scope="row" class="govuk-table__header">2011</th><td class="govuk-table__cell govuk-table__cell--numeric">1.5</td>'
        in page
    )
    assert [(r["Training"], r["Hours"], r["Date"]) for r in rows] == [
        ('\'=HYPERLINK("x")', "2.25", "2012-05-01"),
        ("Workshop", "3.00", "2012-02-13"),
        ("Intro", "1.50", "2011-11-02"),
    ]
    assert {r["Person"] for r in rows} == {"Priya Sharma"}


def test_an_organisations_log_has_hours_by_topic_open_and_met_needs_and_a_safe_csv(client, area):
    organisation = OrganisationFactory(area=area, name="Heathway Community Forum")
    a = PersonFactory(area=area, organisation=organisation, name="-Ann")
    b = PersonFactory(area=area, organisation=organisation, name="Bo")
    CpdRecordFactory(person=a, topic="Commissioning", hours="3")
    CpdRecordFactory(person=b, topic="Commissioning", hours="3", reflection="@once more")
    CpdRecordFactory(person=b, topic="Safeguarding", hours="1")
    CpdRecordFactory(person=PersonFactory(area=area), topic="Elsewhere", hours="9")
    TrainingNeedFactory(organisation=organisation, need="Writing a bid")
    TrainingNeedFactory(
        organisation=organisation, need="Procurement options", met_on=datetime.date(2012, 2, 13)
    )
    client.force_login(member(area, AreaRole.COMMISSIONER))

    log = client.get(reverse("cpd:organisation", args=[organisation.pk])).context["log"]
    page = client.get(reverse("cpd:organisation", args=[organisation.pk])).content.decode()
    rows = csv_rows(client.get(reverse("cpd:organisation_csv", args=[organisation.pk])))

    assert log.hours_by_topic == [("Commissioning", Decimal(6), 2), ("Safeguarding", Decimal(1), 1)]
    assert log.total == Decimal(7)
    assert [n.need for n in log.open_needs] == ["Writing a bid"]
    assert [n.need for n in log.met_needs] == ["Procurement options"]
    assert "Writing a bid" in page and "met 13 Feb 2012" in page
    assert len(rows) == 3
    assert {r["Person"] for r in rows} == {"'-Ann", "Bo"}
    assert "'@once more" in {r["Reflection"] for r in rows}


def test_the_certificate_is_a_tagged_pdf_naming_the_person_and_the_training(client, area):
    record = CpdRecordFactory(
        person__area=area,
        person__name="Priya Sharma",
        title="Training session workshop",
        hours="3",
        topic="Commissioning for children's centres",
        learning_objectives=["The commissioning cycle"],
    )
    client.force_login(member(area, AreaRole.VIEWER))
    response = client.get(reverse("cpd:certificate", args=[record.pk]))

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).replace("\u2019", "'").split())
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    for words in [
        "Priya Sharma",
        "Training session workshop",
        "1 March 2012",
        "CPD hours 3",
        "Commissioning for children's centres",
        "The commissioning cycle",
        "Issued by London Borough of Bexley",
    ]:
        assert words in text, words


def test_a_vcs_member_sees_only_their_own_organisations_cpd(client, area):
    ours = OrganisationFactory(area=area)
    theirs = OrganisationFactory(area=area)
    mine = CpdRecordFactory(person__area=area, person__organisation=ours, person__name="Our person")
    other = CpdRecordFactory(person__area=area, person__organisation=theirs, person__name="Their person")
    client.force_login(member(area, AreaRole.VCS_MEMBER, organisation=ours))

    page = client.get(reverse("cpd:area", args=[area.slug])).content.decode()

    assert "Our person" in page and "Their person" not in page
    assert client.get(reverse("cpd:record", args=[mine.pk])).status_code == 200
    assert client.get(reverse("cpd:record", args=[other.pk])).status_code == 403
    assert client.get(reverse("cpd:organisation", args=[theirs.pk])).status_code == 403
    assert client.get(reverse("cpd:person_csv", args=[other.person.pk])).status_code == 403
    # They record their own organisation's training needs, not another's.
    assert client.get(reverse("cpd:need_create", args=[ours.pk])).status_code == 200
    assert client.get(reverse("cpd:need_create", args=[theirs.pk])).status_code == 403


def test_a_training_need_is_recorded_and_then_met_from_the_form(client, area):
    organisation = OrganisationFactory(area=area)
    event = TrainingEventFactory(area=area)
    client.force_login(member(area, AreaRole.COMMISSIONER))
    response = client.post(
        reverse("cpd:need_create", args=[organisation.pk]),
        {
            "need": "Procurement options",
            "priority": "high",
            "raised_on_day": "1",
            "raised_on_month": "11",
            "raised_on_year": "2011",
        },
    )
    assert response.status_code == 302
    need = organisation.training_needs.get()
    response = client.post(
        reverse("cpd:need_edit", args=[need.pk]),
        {
            "need": "Procurement options",
            "priority": "high",
            "raised_on": "2011-11-01",
            "met_on": "2011-10-01",
            "met_by_event": event.pk,
        },
    )
    assert response.status_code == 400
    assert "on or after the date it was raised" in response.content.decode()
    client.post(
        reverse("cpd:need_edit", args=[need.pk]),
        {
            "need": "Procurement options",
            "priority": "high",
            "raised_on": "2011-11-01",
            "met_on": "2012-02-13",
            "met_by_event": event.pk,
        },
    )
    need.refresh_from_db()
    assert (need.met_on, need.met_by_event) == (datetime.date(2012, 2, 13), event)


@pytest.mark.parametrize(("value", "shown"), [("30", "30"), ("3.00", "3"), ("1.50", "1.5"), ("2.25", "2.25")])
def test_hours_are_shown_as_people_write_them(value, shown):
    from coproduce.cpd.templatetags.cpd_hours import hours

    assert hours(Decimal(value)) == shown


def test_the_attendee_adds_their_reflection_by_their_own_link_without_an_account(client, area):
    record = CpdRecordFactory(person__area=area, person__name="Priya Sharma")
    url = reverse("cpd_public:reflection", args=[record.reflection_code])

    page = client.get(url)
    assert page.status_code == 200 and "Priya Sharma" in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"
    assert client.post(url, {"reflection": "x" * 5001}).status_code == 400
    response = client.post(url, {"reflection": "I will ask for the timetable."}, follow=True)

    assert "Your reflection is saved" in response.content.decode()
    record.refresh_from_db()
    assert record.reflection == "I will ask for the timetable."
    assert record.history.count() == 2
    assert client.get(reverse("cpd_public:reflection", args=["not-the-code"])).status_code == 404


def test_guessing_reflection_links_is_limited_per_address_and_the_record_is_untouched(client, area, settings):
    settings.RATELIMIT_ENABLE = True
    settings.REFLECTION_LINK_RATE = "3/m"
    record = CpdRecordFactory(person__area=area, reflection="My first thoughts.")
    for guess in ("guess-one", "guess-two", "guess-three"):
        assert client.get(reverse("cpd_public:reflection", args=[guess])).status_code == 404

    url = reverse("cpd_public:reflection", args=[record.reflection_code])
    response = client.post(url, {"reflection": "Overwritten?"})

    assert response.status_code == 429
    assert "Too many tries from this connection" in response.content.decode()
    record.refresh_from_db()
    assert record.reflection == "My first thoughts."


def test_each_record_has_its_own_unguessable_link():
    codes = {CpdRecordFactory().reflection_code for _ in range(5)}
    assert len(codes) == 5 and all(len(code) >= 24 for code in codes)


def test_illustrative_records_and_needs_are_marked_as_demo_data(client, area):
    organisation = OrganisationFactory(area=area)
    record = CpdRecordFactory(person__area=area, person__organisation=organisation, is_illustrative=True)
    client.force_login(member(area, AreaRole.VIEWER))
    for url in (
        reverse("cpd:area", args=[area.slug]),
        reverse("cpd:person", args=[record.person.pk]),
        reverse("cpd:organisation", args=[organisation.pk]),
        reverse("cpd:record", args=[record.pk]),
    ):
        assert "Demo data:" in client.get(url).content.decode(), url
    real = OrganisationFactory(area=area)
    assert "Demo data:" not in client.get(reverse("cpd:organisation", args=[real.pk])).content.decode()
