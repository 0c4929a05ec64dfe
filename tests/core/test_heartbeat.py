"""A worker killed mid-run does not leave its run "running" for good, and the person waiting is told.

Analysis runs and comment imports both beat while they work; one whose heartbeat has gone quiet for
WORKER_STALE_AFTER seconds is marked failed, on the page that shows it and by the worker loop, and can be
started again. Work nobody has picked up says the worker may not be running.
"""

import datetime
import html
import time

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from coproduce.accounts.models import AreaRole
from coproduce.engagement.models import ImportJob, ImportStatus
from coproduce.themes.models import AnalysisRun, RunStatus
from tests.factories import AnalysisRunFactory, AreaFactory, CommentFactory, EventFactory, member

STOPPED = "The worker stopped while this was running (it may have been restarted). Nothing was lost: start it again."
WAITING = (
    "Waiting for the background worker. If this does not start within a minute, the worker is not running: "
    "start it with make worker."
)
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def ago(seconds: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=seconds)


def text_of(response) -> str:
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    settings.IMPORT_DIR = tmp_path / "imports"
    settings.IMPORT_DIR.mkdir(parents=True)
    settings.WORKER_STALE_AFTER = 120
    return settings.IMPORT_DIR


@pytest.fixture
def event(db):
    event = EventFactory(area=AreaFactory(slug="bexley"))
    CommentFactory(event=event, text="Parents want evening sessions")
    return event


@pytest.fixture
def facilitator_client(client, event):
    client.force_login(member(event.area, AreaRole.FACILITATOR))
    return client


def running_run(event, *, beat_seconds_ago: float) -> AnalysisRun:
    return AnalysisRunFactory(
        area=event.area, status=RunStatus.RUNNING, started_at=ago(600), heartbeat_at=ago(beat_seconds_ago)
    )


def kept_import(event, import_dir, **fields) -> ImportJob:
    path = import_dir / "comments.csv"
    path.write_bytes(b"comment,role\r\nWe need clearer timetables,VCS\r\n")
    return ImportJob.objects.create(
        event=event, filename="comments.csv", file_path=str(path), mapping={"text": 0, "role": 1}, **fields
    )


def follow_import(client, event, job):
    session = client.session
    session[f"comment_import:{event.pk}"] = job.pk
    session.save()
    return client.get(reverse("imports:progress", args=[event.pk]))


# --- The page that shows the work -----------------------------------------------------------------


def test_a_run_whose_heartbeat_is_old_is_marked_failed_when_the_workspace_loads_and_says_so(
    facilitator_client, event
):
    run = running_run(event, beat_seconds_ago=300)
    page = facilitator_client.get(reverse("themes:workspace", args=[event.area.slug]))
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and run.error == STOPPED and run.finished_at is not None
    assert STOPPED in text_of(page) and "Run the analysis again" in text_of(page)
    content = page.content.decode()
    assert 'href="#analyse"' in content and 'id="analyse"' in content  # the existing form that starts a run


def test_the_progress_fragment_marks_a_stopped_run_too(facilitator_client, event):
    run = running_run(event, beat_seconds_ago=300)
    fragment = facilitator_client.get(reverse("themes:run_progress", args=[event.area.slug]))
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert STOPPED in text_of(fragment)


def test_a_run_with_a_fresh_heartbeat_is_left_alone(facilitator_client, event):
    run = running_run(event, beat_seconds_ago=10)
    page = facilitator_client.get(reverse("themes:workspace", args=[event.area.slug]))
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING and run.error == ""
    assert STOPPED not in text_of(page)


def test_an_import_whose_worker_stopped_is_failed_on_its_page_and_can_be_started_again_from_the_kept_file(
    facilitator_client, event, import_dir
):
    job = kept_import(event, import_dir, status=ImportStatus.RUNNING, heartbeat_at=ago(300))
    page = follow_import(facilitator_client, event, job)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and job.problems == [STOPPED]
    content = text_of(page)
    assert STOPPED in content and "Start the import again" in content
    assert "Fix this problem in the file" not in content  # the file is fine; the worker stopped

    # The tests run tasks at once, so starting again carries the import out from the file kept on disk.
    response = facilitator_client.post(reverse("imports:progress", args=[event.pk]), follow=True)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.created_count == 1
    assert event.comments.filter(text="We need clearer timetables").exists()
    assert "1 comment imported" in text_of(response)


def test_an_import_that_failed_on_its_rows_is_not_started_again(facilitator_client, event, import_dir):
    job = kept_import(event, import_dir, status=ImportStatus.FAILED, problems=["Row 3: the comment is empty"])
    follow_import(facilitator_client, event, job)
    facilitator_client.post(reverse("imports:progress", args=[event.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED


def test_an_import_with_a_fresh_heartbeat_is_left_alone(facilitator_client, event, import_dir):
    job = kept_import(event, import_dir, status=ImportStatus.RUNNING, heartbeat_at=ago(10))
    page = follow_import(facilitator_client, event, job)
    job.refresh_from_db()
    assert job.status == ImportStatus.RUNNING
    assert STOPPED not in text_of(page)


# --- Work nobody picked up ----------------------------------------------------------------------


def test_a_run_queued_with_no_worker_says_the_worker_may_not_be_running_and_stays_queued(
    facilitator_client, event
):
    run = AnalysisRunFactory(area=event.area)
    AnalysisRun.objects.filter(pk=run.pk).update(created_at=ago(300))
    page = facilitator_client.get(reverse("themes:workspace", args=[event.area.slug]))
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED
    assert WAITING in text_of(page)


def test_a_run_queued_a_moment_ago_just_waits(facilitator_client, event):
    AnalysisRunFactory(area=event.area)
    page = facilitator_client.get(reverse("themes:workspace", args=[event.area.slug]))
    assert WAITING not in text_of(page)
    assert "waiting for the worker to start it" in text_of(page)


def test_an_import_queued_with_no_worker_says_the_worker_may_not_be_running(
    facilitator_client, event, import_dir
):
    job = kept_import(event, import_dir, status=ImportStatus.QUEUED, queued_at=ago(300))
    page = follow_import(facilitator_client, event, job)
    job.refresh_from_db()
    assert job.status == ImportStatus.QUEUED
    assert WAITING in text_of(page)


# --- The worker loop ------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_the_worker_loop_marks_stopped_runs_and_imports_failed_and_leaves_live_ones(import_dir):
    event = EventFactory(area=AreaFactory())
    stopped_run = running_run(event, beat_seconds_ago=300)
    live_run = running_run(event, beat_seconds_ago=5)
    stopped_job = kept_import(event, import_dir, status=ImportStatus.RUNNING, heartbeat_at=ago(300))
    call_command("worker", "--batch", "--interval", "0", "--no-startup-delay")
    for row in (stopped_run, live_run, stopped_job):
        row.refresh_from_db()
    assert (stopped_run.status, stopped_run.error) == (RunStatus.FAILED, STOPPED)
    assert (stopped_job.status, stopped_job.problems) == (ImportStatus.FAILED, [STOPPED])
    assert live_run.status == RunStatus.RUNNING


# --- The heartbeat --------------------------------------------------------------------------------


def wait_for(condition, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_thread_touches_heartbeat_at_while_the_work_goes_on_and_stops_after(settings):
    from coproduce.core import heartbeat

    settings.WORKER_HEARTBEAT_SECONDS = 0.05
    run = AnalysisRunFactory(area=AreaFactory(), status=RunStatus.RUNNING, heartbeat_at=ago(600))
    first = run.heartbeat_at

    def beat():
        return AnalysisRun.objects.get(pk=run.pk).heartbeat_at

    with heartbeat.beating(AnalysisRun, run.pk) as beater:
        assert wait_for(lambda: beat() > first)
        second = beat()
        assert wait_for(lambda: beat() > second)  # and again, not just once
    assert not beater.thread.is_alive()


def test_an_analysis_and_an_import_record_a_heartbeat_when_they_start(
    facilitator_client, event, import_dir, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        facilitator_client.post(reverse("themes:run_create", args=[event.area.slug]), {"n_themes": ""})
    run = AnalysisRun.objects.get(area=event.area)
    assert run.status == RunStatus.DONE and run.heartbeat_at is not None
    job = kept_import(event, import_dir, status=ImportStatus.QUEUED)
    from coproduce.engagement.import_tasks import import_comments

    import_comments.enqueue(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.heartbeat_at is not None
