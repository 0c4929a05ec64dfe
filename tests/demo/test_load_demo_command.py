"""The demo loader as a command: safe to run again, a reset that leaves other areas alone, a second area,
and the analysis it queues. (What the loaded Bexley holds is read in test_load_demo.py.)"""

import csv
import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils.html import escape

from coproduce.demo.loader import DEMO_PASSWORD, load_demo
from coproduce.engagement.models import Comment, Event, EventStatus
from coproduce.engagement.selectors import participants_in
from coproduce.programmes.models import Area, Programme
from coproduce.proposals.models import Proposal
from coproduce.reports.models import ReportPublication
from coproduce.themes.models import Theme
from tests.factories import AttendanceFactory, CommentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

DATA = Path(__file__).resolve().parents[2] / "coproduce" / "demo" / "data"
# Typed from seed/case-study-bexley.txt, not imported from the demo data, so a paraphrase would be caught.
CHALLENGE_1 = (
    "How to improve engagement of the local voluntary and community sector (VCS) in the delivery of "
    "children's centres and their services?"
)
CHALLENGE_2 = "How to work collaboratively to deliver children's centres and children's centre services?"
SIX_PROPOSALS = [
    "Performance management",
    "Community engagement",
    "Partnership working",
    "Bexley offer and vision",
    "Localised commissioning",
    "Change management",
]
THE_THREE_ROLES = {"la", "cc", "vcs"}


def csv_rows(name):
    with (DATA / name).open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def counts():
    """How many rows every project model (history tables included) holds."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"programmes", "directory", "engagement", "proposals", "accounts", "auth"}
    }


def test_evidence_is_chosen_the_same_way_every_time():
    load_demo()
    first = {p.title: sorted(c.text for c in p.evidence.all()) for p in Proposal.objects.all()}
    load_demo(reset=True)
    assert {p.title: sorted(c.text for c in p.evidence.all()) for p in Proposal.objects.all()} == first


def test_riverside_is_a_smaller_published_fictional_area():
    load_demo()
    riverside = Area.objects.get(slug="riverside")
    assert riverside.is_published
    assert "fictional" in riverside.description
    assert riverside.challenges.count() == 1
    assert set(riverside.events.values_list("date", flat=True)) == {
        datetime.date(2012, 3, 15),
        datetime.date(2012, 4, 20),
    }
    assert 15 <= participants_in(riverside).count() <= 25
    comments = Comment.objects.filter(event__area=riverside)
    assert comments.count() == len(csv_rows("riverside_comments.csv"))
    assert not comments.filter(is_illustrative=False).exists()
    assert riverside.proposals.count() == 2
    for proposal in riverside.proposals.all():
        assert 1 <= proposal.actions.count() <= 2
        assert proposal.evidence.exists()


def test_running_it_again_changes_nothing():
    first = load_demo()
    before = counts()
    second = load_demo()
    assert not first["already_loaded"]
    assert second["already_loaded"]
    assert counts() == before
    assert second["areas"] == first["areas"]
    assert second["open_event"]["join_code"] == first["open_event"]["join_code"]


def test_reset_reloads_the_demo_areas_and_leaves_other_areas_alone():
    load_demo()
    fresh = counts()
    code = Event.objects.get(status=EventStatus.OPEN).join_code
    bexley = Area.objects.get(slug="bexley")
    Comment.objects.filter(event__area=bexley).first().delete()
    Proposal.objects.filter(area=bexley).last().delete()
    elsewhere = AttendanceFactory(event__area__programme=bexley.programme).event
    CommentFactory(event=elsewhere)

    summary = load_demo(reset=True)

    assert not summary["already_loaded"]
    assert summary["areas"][0]["people"] == 50
    assert summary["areas"][0]["comments"] == 200
    assert Proposal.objects.filter(area__slug="bexley").count() == 6
    assert Event.objects.get(area__slug="bexley", status=EventStatus.OPEN).join_code != code
    assert elsewhere.area.people.count() == 1
    assert elsewhere.comments.count() == 1
    assert Programme.objects.count() == 1
    # Everything is as freshly loaded, plus the other area's rows.
    other_area = {"programmes.Area", "engagement.Event", "directory.Person", "engagement.Attendance"}
    other_area.add("engagement.Comment")
    expected = {label: n + (label in other_area) for label, n in fresh.items() if ".Historical" not in label}
    assert {label: n for label, n in counts().items() if ".Historical" not in label} == expected


def test_the_command_prints_a_summary_and_says_when_already_loaded():
    out = StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    code = Event.objects.get(status=EventStatus.OPEN).join_code
    assert "London Borough of Bexley" in text
    assert "50 people" in text
    assert "200 comments" in text
    assert "6 proposals" in text
    assert "Riverside (demo area)" in text
    assert code in text
    assert DEMO_PASSWORD in text

    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "already loaded" in out.getvalue()
    assert code in out.getvalue()

    out = StringIO()
    call_command("load_demo", "--reset", stdout=out)
    assert "Reloaded" in out.getvalue()


def test_the_command_queues_a_theme_analysis_of_each_demo_area_once(django_capture_on_commit_callbacks):
    from coproduce.themes.models import AnalysisRun, RunStatus

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())
    runs = {run.area.slug: run for run in AnalysisRun.objects.select_related("area")}
    assert set(runs) == {"bexley", "riverside"}
    assert runs["bexley"].n_themes_asked == 6 and runs["bexley"].status == RunStatus.DONE
    call_command("load_demo", stdout=StringIO())
    assert AnalysisRun.objects.count() == 2


def test_the_demo_publishes_its_report_again_once_its_themes_are_analysed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())
    bexley = Area.objects.get(slug="bexley")
    theme = Theme.objects.filter(run__area=bexley).order_by("number").first()
    assert theme is not None
    live = ReportPublication.objects.filter(report__area=bexley, unpublished_at__isnull=True).latest()
    assert escape(theme.label) in live.body_html
