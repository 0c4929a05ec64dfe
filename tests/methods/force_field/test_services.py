"""Force-field services: forces kept as comments, strengths from 1 to 5 only, raised from comments, totals."""

import pytest
from django.core.exceptions import ValidationError

from coproduce.directory.models import Role
from coproduce.engagement.models import Comment, Method, MethodStep
from coproduce.methods import services as method_services
from coproduce.methods.force_field import selectors, services
from coproduce.methods.models.force_field import Force, ForceDirection
from tests.factories import CommentFactory, EventFactory

from .conftest import CHANGE

pytestmark = pytest.mark.django_db

STRENGTH_PROBLEM = "Choose a strength from 1 (very weak) to 5 (very strong)"


def test_a_force_is_a_comment_with_its_direction_as_the_method_step(analysis, person):
    force = services.force_add(
        session=analysis, person=person, direction="restraining", strength=4, text="Short contracts"
    )
    comment = force.comment
    assert (comment.method_step, comment.method_session, comment.author, comment.text) == (
        MethodStep.RESTRAINING,
        analysis,
        person,
        "Short contracts",
    )
    assert (force.direction, force.strength) == (ForceDirection.RESTRAINING, 4)


@pytest.mark.parametrize("strength", [0, 6, -1, "", "three", None, "2.5"])
def test_a_strength_outside_1_to_5_is_refused_with_a_clear_message(analysis, person, strength):
    with pytest.raises(ValidationError) as error:
        services.force_add(session=analysis, person=person, direction="driving", strength=strength, text="A")
    assert error.value.message_dict == {"strength": [STRENGTH_PROBLEM]}
    assert not Comment.objects.exists()


@pytest.mark.parametrize("strength", [1, 2, 3, 4, 5, "5"])
def test_strengths_1_to_5_are_kept(analysis, person, strength):
    force = services.force_add(
        session=analysis, person=person, direction="driving", strength=strength, text="A"
    )
    assert force.strength == int(strength)


def test_a_direction_must_be_driving_or_restraining(analysis, person):
    with pytest.raises(ValidationError, match="drives the change or restrains it"):
        services.force_add(session=analysis, person=person, direction="sideways", strength=3, text="A")


def test_a_new_strength_is_checked_and_kept_in_the_history(analysis, person):
    force = services.force_add(session=analysis, person=person, direction="driving", strength=2, text="A")
    services.force_set_strength(force=force, strength=5)
    with pytest.raises(ValidationError, match="from 1"):
        services.force_set_strength(force=force, strength=9)
    force.refresh_from_db()
    assert force.strength == 5
    assert [h.strength for h in force.history.order_by("history_date", "history_id")] == [2, 5]


def test_deleting_a_force_keeps_its_comment(analysis, person):
    force = services.force_add(session=analysis, person=person, direction="driving", strength=2, text="Kept")
    services.force_delete(force=force)
    assert not Force.objects.exists()
    assert Comment.objects.get().text == "Kept"


def test_a_force_raised_from_a_comment_is_a_new_comment_pointing_back(analysis, person, facilitator):
    earlier = CommentFactory(
        event=analysis.event, text="Parents trust the centres", author=person, author_role=Role.CC_MANAGER
    )
    force = services.force_raise(
        session=analysis, comment=earlier, direction="driving", strength=4, user=facilitator
    )
    raised = force.comment
    assert raised.pk != earlier.pk
    assert (raised.text, raised.author, raised.author_role, raised.method_step, raised.method_session) == (
        "Parents trust the centres",
        person,
        Role.CC_MANAGER,
        MethodStep.DRIVING,
        analysis,
    )
    assert (force.raised_from, raised.captured_by) == (earlier, facilitator)
    earlier.refresh_from_db()
    assert (earlier.method_step, earlier.method_session) == ("", None)


def test_a_comment_of_another_event_or_a_force_itself_cannot_be_raised(analysis, person, facilitator):
    elsewhere = CommentFactory(event=EventFactory(area=analysis.event.area))
    with pytest.raises(ValidationError, match="another event"):
        services.force_raise(
            session=analysis, comment=elsewhere, direction="driving", strength=3, user=facilitator
        )
    force = services.force_add(session=analysis, person=person, direction="driving", strength=2, text="A")
    with pytest.raises(ValidationError, match="already a force"):
        services.force_raise(
            session=analysis, comment=force.comment, direction="driving", strength=3, user=facilitator
        )


def test_the_comments_to_raise_from_leave_out_the_forces_themselves(analysis, person):
    said = CommentFactory(event=analysis.event, text="Buildings are shared already")
    services.force_add(session=analysis, person=person, direction="driving", strength=2, text="A force")
    assert list(selectors.raisable_comments(analysis)) == [said]
    assert list(selectors.raisable_comments(analysis, "nothing like it")) == []


def test_totals_and_counts_per_side(analysis, person):
    for n, (direction, strength) in enumerate([("driving", 5), ("driving", 3), ("restraining", 4)]):
        # Different words: the same words sent again at once would be one resent comment.
        services.force_add(
            session=analysis, person=person, direction=direction, strength=strength, text=f"F{n}"
        )
    field = selectors.force_field(analysis)
    assert (field.driving.total, field.driving.count, field.restraining.total, field.restraining.count) == (
        8,
        2,
        4,
        1,
    )
    assert field.balance == "The driving forces are stronger, by 4."
    assert field.total_bars == (300, 150)


def test_the_chart_describes_every_force_in_words(analysis, person):
    services.force_add(
        session=analysis, person=person, direction="driving", strength=5, text="Parents want it"
    )
    services.force_add(
        session=analysis, person=person, direction="restraining", strength=2, text="No budget yet"
    )
    description = selectors.force_field(analysis).description
    assert description == (
        "Driving forces: total 5 from 1 force: Parents want it (strength 5). "
        "Restraining forces: total 2 from 1 force: No budget yet (strength 2). "
        "The driving forces are stronger, by 3."
    )


def test_the_chart_puts_driving_bars_left_of_the_line_and_restraining_bars_right(analysis, person):
    services.force_add(session=analysis, person=person, direction="driving", strength=5, text="D")
    services.force_add(session=analysis, person=person, direction="restraining", strength=1, text="R")
    driving, restraining = selectors.force_field(analysis).bars
    assert driving.x + driving.width == selectors.CENTRE and driving.width == 5 * selectors.UNIT
    assert restraining.x == selectors.CENTRE and restraining.width == selectors.UNIT


def test_the_change_comes_from_the_setup_or_else_the_title(event):
    session = method_services.session_create(event=event, method=Method.FORCE_FIELD, title="Saturday opening")
    assert services.change_of(session) == "Saturday opening"
    services.change_set(session=session, change="  Open  on Saturdays ")
    assert services.change_of(session) == "Open on Saturdays"
    with pytest.raises(ValidationError, match="Enter the change"):
        services.change_set(session=session, change=" ")


def test_the_fixture_change(analysis):
    assert services.change_of(analysis) == CHANGE


def test_a_force_sent_twice_from_a_phone_is_one_force(analysis, person):
    first = services.force_add(
        session=analysis, person=person, direction="driving", strength=4, text="Funding"
    )
    again = services.force_add(
        session=analysis, person=person, direction="driving", strength=4, text="Funding "
    )
    assert again == first
    assert analysis.forces.count() == 1 and analysis.comments.count() == 1
