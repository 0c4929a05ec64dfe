"""A participant adds a force from their phone: direction, strength in words, and what it is."""

import pytest

from coproduce.engagement.models import Comment, MethodStep
from coproduce.methods import services as method_services
from coproduce.methods.force_field import services
from coproduce.methods.models.force_field import Force
from tests.methods.pages import take_part_url

from .conftest import CHANGE

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_change_the_choices_and_the_forces_so_far(phone, analysis, person):
    services.force_add(
        session=analysis, person=person, direction="driving", strength=4, text="Local knowledge"
    )
    page = phone.get(take_part_url(analysis)).content.decode()
    assert CHANGE.replace("'", "&#x27;") in page
    for words in ("Driving: it pushes the change forward", "1: very weak", "3: moderate", "5: very strong"):
        assert words in page
    assert "Local knowledge" in page
    assert f'data-live-feed="{take_part_url(analysis)}?fragment=forces"' in page


def test_a_force_is_added_from_the_phone(phone, analysis):
    response = phone.post(
        take_part_url(analysis),
        {"action": "force", "direction": "restraining", "strength": "2", "text": "Staff worry about jobs"},
    )
    assert response.status_code == 302
    force = Force.objects.get()
    assert (force.direction, force.strength, force.comment.method_step, force.comment.author_role) == (
        "restraining",
        2,
        MethodStep.RESTRAINING,
        "cc_manager",
    )
    assert "Your restraining force has been added" in phone.get(response.url).content.decode()


@pytest.mark.parametrize("strength", ["", "0", "6", "strong"])
def test_a_strength_outside_1_to_5_is_refused_and_the_words_kept(phone, analysis, strength):
    response = phone.post(
        take_part_url(analysis),
        {"action": "force", "direction": "driving", "strength": strength, "text": "Keep these words"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose a strength from 1 (very weak) to 5 (very strong)" in page
    assert "Keep these words" in page
    assert 'value="driving" checked' in page
    assert not Comment.objects.exists()


def test_a_missing_direction_and_text_are_both_explained(phone, analysis):
    page = phone.post(take_part_url(analysis), {"action": "force", "strength": "3"}).content.decode()
    assert "Choose whether the force drives the change or restrains it" in page
    assert "Write what the force is" in page
    assert 'value="3" checked' in page


def test_too_many_forces_too_fast_are_given_back(phone, analysis, settings):
    settings.RATELIMIT_ENABLE = True
    settings.PARTICIPANT_RATE = "1/m"
    data = {"action": "force", "direction": "driving", "strength": "3"}
    phone.post(take_part_url(analysis), {**data, "text": "First"})
    response = phone.post(take_part_url(analysis), {**data, "text": "Second"})
    assert response.status_code == 429 and "Second" in response.content.decode()
    assert Force.objects.count() == 1


def test_the_forces_fragment_is_the_two_sides_alone(phone, analysis, person):
    services.force_add(session=analysis, person=person, direction="restraining", strength=5, text="No money")
    page = phone.get(take_part_url(analysis) + "?fragment=forces").content.decode()
    assert "Restraining forces: total 5" in page and "No money" in page and "<form" not in page


def test_after_the_analysis_finishes_a_late_force_is_still_kept(phone, analysis):
    method_services.session_finish(session=analysis)
    # A phone that comes back to the finished analysis is led back to the event (nothing else is running).
    page = phone.get(take_part_url(analysis), follow=True).content.decode()
    assert "has finished" in page and "Add the force" not in page
    phone.post(
        take_part_url(analysis), {"action": "force", "direction": "driving", "strength": "1", "text": "Late"}
    )
    assert Force.objects.get().comment.text == "Late"
