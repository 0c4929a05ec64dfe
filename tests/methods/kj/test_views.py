"""The KJ board in the back office: who may use it, and every action as a plain form (no JavaScript)."""

import pytest
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.methods import services as method_services
from coproduce.methods.kj import services
from coproduce.methods.models import KJGroup, KJMove, KJPlacement
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator(client, facilitators):
    client.force_login(facilitators[0])
    return facilitators[0]


@pytest.fixture
def weekends(kj):
    return services.group_create(session=kj, name="Weekends")


def move(client, kj, note, group, *, version=0, request_id="r1", back="board", **headers):
    return client.post(
        reverse("kj:move", args=[kj.pk]),
        {
            "note": note.pk,
            "group": group.pk if group else "",
            "version": version,
            "request_id": request_id,
            "back": back,
        },
        **headers,
    )


def test_the_facilitator_s_page_shows_the_board_with_a_move_form_per_note(client, facilitator, kj, notes):
    page = client.get(reverse("methods:session", args=[kj.pk])).content.decode()
    assert "The board" in page and "Ungrouped" in page
    assert page.count('class="cp-kj-move" data-kj-move') == len(notes)
    assert f'<label class="govuk-label govuk-body-s" for="move-{notes[0].pk}">Move to' in page
    assert reverse("kj:board_feed", args=[kj.pk]) + "?back=session" in page


def test_the_board_has_a_page_and_a_feed_of_its_own(client, facilitator, kj, notes, weekends):
    page = client.get(reverse("kj:board", args=[kj.pk])).content.decode()
    assert "Board: " in page and "Weekends" in page and notes[0].text.replace("'", "&#x27;") in page
    feed = client.get(reverse("kj:board_feed", args=[kj.pk])).content.decode()
    assert "<html" not in feed and 'value="board"' in feed


def test_a_viewer_may_not_use_the_board(client, kj, notes, weekends):
    client.force_login(member(kj.event.area, AreaRole.VIEWER))
    assert client.get(reverse("kj:board", args=[kj.pk])).status_code == 403
    assert move(client, kj, notes[0], weekends).status_code == 403
    assert not KJMove.objects.exists()


def test_the_board_is_only_for_kj_sessions(client, facilitator, event):
    six_hats = method_services.session_create(event=event, method="six_hats")
    assert client.get(reverse("kj:board", args=[six_hats.pk])).status_code == 404


def test_a_note_is_moved_with_the_keyboard_form_and_a_resent_form_records_nothing_new(
    client, facilitator, kj, notes, weekends
):
    response = move(client, kj, notes[0], weekends)
    assert response.url == reverse("kj:board", args=[kj.pk]) + f"#note-{notes[0].pk}"
    again = move(client, kj, notes[0], weekends, follow=True)
    assert "That move had already been made" in again.content.decode()
    assert KJMove.objects.count() == 1
    assert KJPlacement.objects.get(comment=notes[0]).group == weekends
    back = move(client, kj, notes[0], None, version=1, request_id="r2", back="session")
    assert back.url == reverse("methods:session", args=[kj.pk]) + f"#note-{notes[0].pk}"
    assert KJPlacement.objects.get(comment=notes[0]).group is None


def test_the_script_s_move_gets_json_and_learns_when_it_was_stale(client, facilitator, kj, notes, weekends):
    json = {"HTTP_ACCEPT": "application/json"}
    first = move(client, kj, notes[0], weekends, request_id="x1", **json).json()
    assert first["ok"] and first["recorded"] and not first["stale"] and first["version"] == 1
    retry = move(client, kj, notes[0], weekends, request_id="x1", **json).json()
    assert retry["ok"] and not retry["recorded"]
    stale = move(client, kj, notes[0], None, version=0, request_id="x2", **json).json()
    assert stale["stale"] and stale["version"] == 2 and "your move is the one that stands" in stale["message"]
    assert KJMove.objects.count() == 2


def test_a_move_to_a_group_of_another_session_is_refused(client, facilitator, kj, event, notes):
    other = services.group_create(session=method_services.session_create(event=event, method="kj"))
    response = move(client, kj, notes[0], other, HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and not response.json()["ok"]
    page = move(client, kj, notes[0], other, follow=True).content.decode()
    assert "no longer on the board" in page
    assert not KJMove.objects.exists()


def test_groups_are_added_renamed_accepted_and_deleted_by_forms(client, facilitator, kj, notes):
    client.post(reverse("kj:group_create", args=[kj.pk]), {"name": "Weekends", "back": "board"})
    group = KJGroup.objects.get()
    move(client, kj, notes[0], group)
    response = client.post(
        reverse("kj:group_rename", args=[group.pk]), {"name": "", "back": "board"}, follow=True
    )
    assert "Enter the group&#x27;s name" in response.content.decode()
    client.post(reverse("kj:group_rename", args=[group.pk]), {"name": "Weekend opening"})
    group.refresh_from_db()
    assert group.name == "Weekend opening"
    group.suggested = True
    group.save()
    client.post(reverse("kj:group_accept", args=[group.pk]))
    group.refresh_from_db()
    assert not group.suggested
    response = client.post(reverse("kj:group_delete", args=[group.pk]), {"back": "session"}, follow=True)
    assert "Its 1 note went back to Ungrouped" in response.content.decode()
    assert KJPlacement.objects.get(comment=notes[0]).group is None


def test_the_engine_s_suggestions_are_made_and_accepted_by_forms(
    client, facilitator, kj, notes, django_capture_on_commit_callbacks
):
    # The suggestion is queued when the request's transaction commits (tasks run inline in tests); then
    # its progress page, where the request sent us, finds it done and goes back to the board.
    with django_capture_on_commit_callbacks(execute=True):
        queued = client.post(reverse("kj:suggest", args=[kj.pk]))
    response = client.get(queued["Location"], follow=True)
    assert "groups suggested" in response.content.decode()
    assert KJGroup.objects.filter(suggested=True).exists()
    page = client.get(reverse("kj:board", args=[kj.pk])).content.decode()
    assert "Suggested" in page and "Accept all" in page
    client.post(reverse("kj:accept_all", args=[kj.pk]))
    assert not KJGroup.objects.filter(suggested=True).exists()


def test_too_few_notes_to_suggest_is_said(client, facilitator, kj, person):
    services.note_write(session=kj, person=person, text="Only one note")
    response = client.post(reverse("kj:suggest", args=[kj.pk]), follow=True)
    assert "too few ungrouped notes" in response.content.decode()
    assert not KJGroup.objects.exists()


def test_projector_summary_and_export_show_groups_and_dots(client, facilitator, kj, notes, weekends, person):
    services.note_move(session=kj, comment=notes[0], group=weekends, user=facilitator)
    method_services.session_go_to(session=kj, step="group")
    feed = client.get(reverse("methods:present_feed", args=[kj.pk])).content.decode()
    assert "Weekends" in feed and "Not grouped yet" in feed
    method_services.session_go_to(session=kj, step="vote")
    services.dot_add(session=kj, group=weekends, person=person)
    feed = client.get(reverse("methods:present_feed", args=[kj.pk])).content.decode()
    assert "Dots placed: 1" in feed and "1. Weekends" in feed
    summary = client.get(reverse("methods:summary", args=[kj.pk])).content.decode()
    assert "Groups ranked by dots" in summary and "Notes not grouped (7)" in summary
    csv = client.get(reverse("methods:export", args=[kj.pk, "csv"])).content.decode("utf-8-sig")
    lines = csv.splitlines()
    assert lines[0] == "Note id,Time,Role,Note,Group,Group's dots,Group's rank"
    assert lines[1].endswith(",Weekends,1,1") and notes[0].text in lines[1]
    assert lines[2].endswith(",Ungrouped,,")
