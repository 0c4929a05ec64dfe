"""The engine's group suggestions run in the task worker: the request only queues them, a page shows their
progress (reloading itself, no JavaScript), the groups appear when done, and a failure says what went wrong."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.core.heartbeat import STOPPED_REASON, fail_stale_work
from coproduce.methods.kj import suggest
from coproduce.methods.kj.tasks import suggest_groups
from coproduce.methods.models import KJGroup, KJSuggestion, KJSuggestionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator(client, facilitators):
    client.force_login(facilitators[0])
    return facilitators[0]


def ask(client, kj, django_capture_on_commit_callbacks, *, execute: bool, back: str = "board"):
    with django_capture_on_commit_callbacks(execute=execute) as queued:
        response = client.post(reverse("kj:suggest", args=[kj.pk]), {"back": back})
    return response, queued


def test_the_request_returns_at_once_having_queued_the_work(
    client, facilitator, kj, notes, django_capture_on_commit_callbacks
):
    response, queued = ask(client, kj, django_capture_on_commit_callbacks, execute=False)
    suggestion = KJSuggestion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("kj:suggestion", args=[kj.pk]) + "?back=board"
    assert len(queued) == 1  # the task, queued when the request commits
    assert suggestion.status == KJSuggestionStatus.QUEUED and suggestion.created_by == facilitator
    assert not KJGroup.objects.exists()  # the engine has not run in the request
    page = client.get(response["Location"])
    assert "Suggesting groups…" in page.content.decode()
    assert page["Refresh"] == "2"  # reloads itself while the worker works
    # The board says so too, and pressing again does not queue a second one.
    board = client.get(reverse("methods:session", args=[kj.pk])).content.decode()
    assert "Suggesting groups…" in board and 'id="suggestion-progress-bar"' in board
    ask(client, kj, django_capture_on_commit_callbacks, execute=False)
    assert KJSuggestion.objects.count() == 1


def test_running_the_task_makes_the_suggested_groups(
    client, facilitator, kj, notes, django_capture_on_commit_callbacks
):
    response, _ = ask(client, kj, django_capture_on_commit_callbacks, execute=True, back="session")
    suggestion = KJSuggestion.objects.get()
    assert suggestion.status == KJSuggestionStatus.DONE and suggestion.finished_at
    groups = KJGroup.objects.filter(session=kj, suggested=True)
    assert suggestion.groups_made == groups.count() >= 2
    assert all(g.created_by == facilitator for g in groups)
    assert suggestion.progress_total and suggestion.progress_percent == 100
    done = client.get(response["Location"], follow=True)
    assert done.redirect_chain[-1][0] == reverse("methods:session", args=[kj.pk]) + "#board"
    assert f"{groups.count()} groups suggested" in done.content.decode()
    assert "Refresh" not in done


def test_a_failing_task_shows_its_message(
    client, facilitator, kj, notes, django_capture_on_commit_callbacks, monkeypatch
):
    def broken():
        raise RuntimeError("the language model could not be loaded")

    monkeypatch.setattr(suggest, "_engine", broken)
    response, _ = ask(client, kj, django_capture_on_commit_callbacks, execute=True)
    suggestion = KJSuggestion.objects.get()
    assert suggestion.status == KJSuggestionStatus.FAILED
    assert suggestion.error == "RuntimeError: the language model could not be loaded"
    assert not KJGroup.objects.exists()
    page = client.get(response["Location"])
    text = page.content.decode()
    assert "The groups could not be suggested" in text
    assert "the language model could not be loaded" in text
    assert "Refresh" not in page  # nothing more to wait for
    board = client.get(reverse("kj:board", args=[kj.pk])).content.decode()
    assert "The last suggestion" in board and "the language model could not be loaded" in board


def test_too_few_notes_is_said_at_once_and_nothing_is_queued(
    client, facilitator, kj, person, django_capture_on_commit_callbacks
):
    from coproduce.methods.kj import services

    services.note_write(session=kj, person=person, text="Only one note")
    response, queued = ask(client, kj, django_capture_on_commit_callbacks, execute=False)
    assert not queued and not KJSuggestion.objects.exists()
    assert "too few ungrouped notes" in client.get(response["Location"]).content.decode()


def test_a_suggestion_taken_by_another_worker_is_left_alone(kj, notes):
    suggestion = KJSuggestion.objects.create(session=kj, status=KJSuggestionStatus.RUNNING)
    assert suggest_groups.call(suggestion.pk) == KJSuggestionStatus.RUNNING
    assert not KJGroup.objects.exists()


def test_a_suggestion_whose_worker_stopped_is_marked_failed(kj):
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    suggestion = KJSuggestion.objects.create(
        session=kj, status=KJSuggestionStatus.RUNNING, heartbeat_at=long_ago
    )
    assert fail_stale_work() == 1
    suggestion.refresh_from_db()
    assert suggestion.status == KJSuggestionStatus.FAILED and suggestion.error == STOPPED_REASON
