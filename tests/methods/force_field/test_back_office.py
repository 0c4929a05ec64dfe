"""The facilitator's force field: the change, forces typed in, reweighed, deleted and raised from comments;
the chart and its tables; the projector, the summary and the exports."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Role
from coproduce.engagement.models import Comment, Method, MethodStep
from coproduce.methods import services as method_services
from coproduce.methods.force_field import services
from coproduce.methods.models.force_field import Force
from tests.factories import AreaFactory, CommentFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def forces(analysis, person):
    return [
        services.force_add(session=analysis, person=person, direction=d, strength=s, text=t)
        for d, s, t in [
            ("driving", 5, "Parents trust local charities"),
            ("driving", 3, "The council wants to save money"),
            ("restraining", 4, "Staff worry about their jobs"),
        ]
    ]


def test_the_facilitator_page_shows_the_change_the_live_chart_and_the_forces(staff, analysis, forces):
    page = staff.get(reverse("methods:session", args=[analysis.pk])).content.decode()
    assert f'data-live-feed="{reverse("force_field:feed", args=[analysis.pk])}"' in page
    assert "What change are we analysing?" in page
    assert "Parents trust local charities" in page
    assert reverse("force_field:force_edit", args=[forces[0].pk]) in page
    assert reverse("force_field:raise", args=[analysis.pk]) in page


def test_the_chart_has_a_text_alternative_and_the_same_figures_as_a_table(staff, analysis, forces):
    page = staff.get(reverse("force_field:feed", args=[analysis.pk])).content.decode()
    assert 'role="img"' in page
    assert f'aria-labelledby="force-field-{analysis.pk}-title force-field-{analysis.pk}-desc"' in page
    assert (
        "Driving forces: total 8 from 2 forces: Parents trust local charities (strength 5); "
        "The council wants to save money (strength 3)."
    ) in page
    assert "Restraining forces: total 4 from 1 force: Staff worry about their jobs (strength 4)." in page
    assert "Totals. The driving forces are stronger, by 4." in page
    assert "Every force and its strength" in page


def test_the_change_is_set_from_a_form(staff, analysis):
    response = staff.post(
        reverse("force_field:change", args=[analysis.pk]), {"change-change": "Open on Saturdays"}
    )
    assert response.url.endswith("#force-change")
    analysis.refresh_from_db()
    assert analysis.setup["change"] == "Open on Saturdays"
    response = staff.post(reverse("force_field:change", args=[analysis.pk]), {"change-change": ""})
    assert (
        response.status_code == 400 and "Enter the change the room is analysing" in response.content.decode()
    )


def test_a_facilitator_types_in_a_force(staff, analysis, facilitator):
    response = staff.post(
        reverse("force_field:force_add", args=[analysis.pk]),
        {
            "force-direction": "driving",
            "force-strength": "4",
            "force-text": "Shared buildings",
            "force-role": "other",
        },
    )
    assert response.status_code == 302
    force = Force.objects.get()
    assert (force.strength, force.comment.captured_by, force.comment.method_step) == (
        4,
        facilitator,
        MethodStep.DRIVING,
    )


def test_a_typed_in_force_with_a_bad_strength_is_given_back(staff, analysis):
    response = staff.post(
        reverse("force_field:force_add", args=[analysis.pk]),
        {"force-direction": "driving", "force-strength": "7", "force-text": "Keep me", "force-role": "other"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose a strength from 1 (very weak) to 5 (very strong)" in page and "Keep me" in page


def test_a_strength_is_changed_and_the_change_is_in_the_history(staff, analysis, forces, facilitator):
    url = reverse("force_field:force_edit", args=[forces[1].pk])
    assert staff.post(url, {"strength": "0"}).status_code == 400
    response = staff.post(url, {"strength": "1"}, follow=True)
    assert "Strength changed from 3 to 1" in response.content.decode()
    forces[1].refresh_from_db()
    assert forces[1].strength == 1
    page = staff.get(url).content.decode()
    assert "1: very weak" in page and "3: moderate" in page and facilitator.username in page


def test_deleting_a_force_says_the_comment_stays_and_keeps_it(staff, analysis, forces):
    url = reverse("force_field:force_delete", args=[forces[2].pk])
    assert "The comment stays" in staff.get(url).content.decode()
    response = staff.post(url, follow=True)
    assert "Its comment stays with the event" in response.content.decode()
    assert not Force.objects.filter(pk=forces[2].pk).exists()
    assert Comment.objects.filter(text="Staff worry about their jobs").exists()


def test_a_force_is_raised_from_a_comment_of_the_event(staff, analysis, forces, facilitator):
    earlier = CommentFactory(
        event=analysis.event, text="Small charities cannot bid", author_role=Role.VCS_PROVIDER
    )
    url = reverse("force_field:raise", args=[analysis.pk])
    page = staff.get(url).content.decode()
    assert "Small charities cannot bid" in page
    assert "Parents trust local charities" not in page  # a force's own comment is not offered
    response = staff.post(url, {"comment": earlier.pk, "direction": "restraining", "strength": "5"})
    assert response.status_code == 302
    force = Force.objects.get(raised_from=earlier)
    assert (force.direction, force.strength, force.comment.text, force.comment.author_role) == (
        "restraining",
        5,
        "Small charities cannot bid",
        Role.VCS_PROVIDER,
    )
    assert "Already raised: restraining 5" in staff.get(url).content.decode()


def test_raising_without_a_strength_says_so_next_to_that_comment(staff, analysis):
    earlier = CommentFactory(event=analysis.event, text="Buildings are shared")
    response = staff.post(
        reverse("force_field:raise", args=[analysis.pk]), {"comment": earlier.pk, "direction": "driving"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert f'href="#raise-{earlier.pk}-strength"' in page
    assert "Choose a strength from 1 (very weak) to 5 (very strong)" in page
    assert not Force.objects.exists()


def test_a_comment_of_another_event_cannot_be_raised(staff, analysis):
    elsewhere = CommentFactory()
    response = staff.post(
        reverse("force_field:raise", args=[analysis.pk]),
        {"comment": elsewhere.pk, "direction": "driving", "strength": "2"},
    )
    assert response.status_code == 400 and not Force.objects.exists()


def test_the_projector_shows_the_change_both_sides_and_the_totals(staff, analysis, forces):
    page = staff.get(reverse("methods:present_feed", args=[analysis.pk])).content.decode()
    assert "cp-force-present-change" in page
    assert "Driving forces: total 8" in page and "Restraining forces: total 4" in page
    assert "Staff worry about their jobs" in page


def test_the_summary_has_the_chart_the_totals_and_where_each_force_came_from(
    staff, analysis, forces, facilitator
):
    earlier = CommentFactory(
        event=analysis.event, text="Contracts are too short", author_role=Role.VCS_PROVIDER
    )
    services.force_raise(
        session=analysis, comment=earlier, direction="restraining", strength=2, user=facilitator
    )
    page = staff.get(reverse("methods:summary", args=[analysis.pk])).content.decode()
    assert 'role="img"' in page and "Restraining forces: total 6 from 2 forces" in page
    assert f"raised by a facilitator from comment {earlier.pk}" in page
    assert "VCS provider, from their phone" in page


def test_the_export_has_every_force_with_who_raised_it_and_the_totals(staff, analysis, forces, facilitator):
    earlier = CommentFactory(event=analysis.event, text="-1 budget", author_role=Role.VCS_PROVIDER)
    raised = services.force_raise(
        session=analysis, comment=earlier, direction="restraining", strength=2, user=facilitator
    )
    rows = list(
        csv.reader(
            io.StringIO(
                staff.get(reverse("methods:export", args=[analysis.pk, "csv"])).content.decode("utf-8-sig")
            )
        )
    )
    assert rows[0][:7] == [
        "Force id",
        "Direction",
        "Strength",
        "Strength in words",
        "Force",
        "Role",
        "Added by",
    ]
    by_id = {row[0]: row for row in rows[1:] if row[0]}
    row = by_id[str(raised.pk)]
    assert row[1:7] == [
        "Restraining the change",
        "2",
        "weak",
        "'-1 budget",
        "VCS provider",
        "Facilitator, raised from a comment",
    ]
    assert row[7:10] == [str(raised.comment_id), str(earlier.pk), "'-1 budget"]
    assert by_id[str(forces[0].pk)][6] == "Participant"
    totals = [row for row in rows[1:] if not row[0]]
    assert [(r[1], r[2], r[3]) for r in totals] == [
        ("Total: driving forces", "8", "2 forces"),
        ("Total: restraining forces", "6", "2 forces"),
    ]
    book = load_workbook(io.BytesIO(staff.get(reverse("methods:export", args=[analysis.pk, "xlsx"])).content))
    assert book.active.max_row == 7


@pytest.mark.parametrize(
    "name,on_force",
    [
        ("force_field:change", False),
        ("force_field:force_add", False),
        ("force_field:raise", False),
        ("force_field:feed", False),
        ("force_field:force_edit", True),
        ("force_field:force_delete", True),
    ],
)
def test_only_those_who_run_events_in_the_area_manage_the_analysis(client, analysis, forces, name, on_force):
    url = reverse(name, args=[forces[0].pk if on_force else analysis.pk])
    client.force_login(member(analysis.event.area, AreaRole.COMMISSIONER))
    assert client.post(url, {"strength": "1"}).status_code == 403
    client.force_login(member(AreaFactory(), AreaRole.PROGRAMME_LEAD))
    assert client.post(url, {"strength": "1"}).status_code == 404
    assert Force.objects.count() == 3 and Force.objects.get(pk=forces[0].pk).strength == 5


def test_a_session_of_another_method_has_no_force_field(staff, event):
    other = method_services.session_create(event=event, method=Method.BOARDSTORM)
    assert staff.get(reverse("force_field:feed", args=[other.pk])).status_code == 404
