"""Stating a need: bad input gets a message naming the field and changes nothing; edits are in the history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.marketplace import services
from coproduce.marketplace.models import Need
from tests.factories import AreaFactory, CommentFactory, EventFactory, OrganisationFactory, member
from tests.marketplace.factories import centre, term

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    return AreaFactory(slug="bexley")


def values(where, **more):
    return {
        "centre": where,
        "title": "Stay and play on Saturdays",
        "description": "Working parents cannot come on weekdays.",
        "service_type": term("play-and-learning"),
        "minimum_age": 0,
        "maximum_age": 4,
        "budget_band": "up_to_50",
    } | more


@pytest.mark.parametrize(
    ("bad", "field", "message"),
    [
        (
            {"minimum_age": 5, "maximum_age": 2},
            "maximum_age",
            "The oldest age (2) must be the same as or more than",
        ),
        (
            {"start_time": datetime.time(12), "end_time": datetime.time(10)},
            "end_time",
            "The end time (10:00) must be after the start time (12:00)",
        ),
        ({"start_time": datetime.time(12)}, "end_time", "Give both a start and an end time, or neither"),
        ({"postcode": "not a postcode"}, "postcode", "Enter a real postcode, like DA7 4DT"),
        ({"days": "MO,XX"}, "days", "Choose days of the week (not XX)"),
        ({"title": " "}, "title", "Enter a short title for the need"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(area, bad, field, message):
    where = centre(area)
    with pytest.raises(ValidationError) as caught:
        services.need_create(area=area, **values(where, **bad))
    assert caught.value.message_dict[field][0].startswith(message)
    assert not Need.objects.exists()


def test_the_centre_place_and_evidence_must_be_of_the_area(area):
    other = AreaFactory()
    foreign_centre = centre(other, "Elsewhere Centre")
    vcs = OrganisationFactory(area=area)  # not a children's centre
    comment = CommentFactory(event=EventFactory(area=other))
    with pytest.raises(ValidationError) as caught:
        services.need_create(
            area=area, **values(vcs, location=foreign_centre.service_locations.get()), evidence=[comment]
        )
    assert set(caught.value.message_dict) == {"centre", "location", "evidence"}
    with pytest.raises(ValidationError) as caught:
        services.need_create(area=area, **values(foreign_centre))
    assert "centre" in caught.value.message_dict


def test_a_bad_edit_changes_nothing_and_a_good_one_is_in_the_history(area):
    need = services.need_create(area=area, **values(centre(area)))
    with pytest.raises(ValidationError):
        services.need_update(need=need, minimum_age=9)
    need.refresh_from_db()
    assert need.minimum_age == 0
    services.need_update(need=need, families=12, title="Saturday stay and play")
    assert need.history.count() == 2
    assert need.history.first().families == 12


def test_the_form_shows_the_services_message_on_its_field_and_keeps_what_was_typed(area, client):
    where = centre(area)
    client.force_login(member(area, AreaRole.FACILITATOR))
    response = client.post(
        reverse("marketplace:need_create", args=[area.slug]),
        {
            "centre": where.pk,
            "title": "Toddler talk",
            "description": "Late talkers",
            "service_type": term("speech-and-language").pk,
            "minimum_age": "5",
            "maximum_age": "2",
            "start_time": "11:00",
            "end_time": "09:00",
            "budget_band": "free",
            "evidence": "12, x",
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "Give comment numbers only" in form.errors["evidence"][0]
    assert not Need.objects.exists()
    response = client.post(
        reverse("marketplace:need_create", args=[area.slug]),
        {
            "centre": where.pk,
            "title": "Toddler talk",
            "description": "Late talkers",
            "service_type": term("speech-and-language").pk,
            "minimum_age": "5",
            "maximum_age": "2",
            "start_time": "11:00",
            "end_time": "09:00",
            "budget_band": "free",
        },
    )
    errors = response.context["form"].errors
    assert errors["maximum_age"] == [
        "The oldest age (2) must be the same as or more than the youngest age (5)"
    ]
    assert errors["end_time"] == ["The end time (09:00) must be after the start time (11:00)"]
    assert 'value="Toddler talk"' in response.content.decode()
    assert not Need.objects.exists()


def test_a_centre_manager_states_needs_for_their_own_centre_only(area, client):
    own, other = centre(area), centre(area, "Crayford Children's Centre")
    manager = member(area, AreaRole.CENTRE_MANAGER, organisation=own)
    client.force_login(manager)
    page = client.get(reverse("marketplace:need_create", args=[area.slug]))
    assert list(page.context["form"].fields["centre"].queryset) == [own]
    assert page.context["form"].initial["location"] == own.service_locations.get().pk
    body = {
        "centre": other.pk,
        "title": "x",
        "description": "y",
        "service_type": term("fathers").pk,
        "budget_band": "free",
    }
    response = client.post(reverse("marketplace:need_create", args=[area.slug]), body)
    assert response.status_code == 400 and not Need.objects.exists()
    need = services.need_create(area=area, **values(other))
    assert client.get(reverse("marketplace:need_edit", args=[need.pk])).status_code == 403
    assert client.get(reverse("marketplace:need", args=[need.pk])).status_code == 200


def test_a_need_cites_themes_of_its_own_area_only_and_the_form_offers_the_current_analysis_themes(area):
    from coproduce.marketplace.forms import NeedForm
    from coproduce.themes.models import RunStatus, Theme
    from tests.factories import AnalysisRunFactory

    run = AnalysisRunFactory(area=area, status=RunStatus.DONE)
    ours = Theme.objects.create(run=run, number=1, label="Saturday sessions", size=3)
    theirs = Theme.objects.create(
        run=AnalysisRunFactory(status=RunStatus.DONE), number=1, label="Other", size=1
    )
    where = centre(area)
    with pytest.raises(ValidationError) as caught:
        services.need_create(area=area, themes=[theirs], **values(where))
    assert caught.value.message_dict == {"themes": [f"No theme in this area with id {theirs.pk}"]}
    need = services.need_create(area=area, themes=[ours], rank=False, **values(where))
    assert list(need.themes.all()) == [ours]
    assert list(NeedForm(area=area).fields["themes"].queryset) == [ours]
