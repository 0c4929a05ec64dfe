"""The demo's appraisal: Bexley's delivery models scored by the three roles, illustrative, loaded once and
again after a reset; its criteria cite the themes of the demo's analysis."""

import pytest
from django.urls import reverse

from coproduce.appraisal.models import Appraisal, Score
from coproduce.appraisal.selectors import appraisal_results, preferred_option
from coproduce.demo.appraisal import TITLE, criteria_link
from coproduce.demo.loader import load_demo
from coproduce.engagement.models import Comment
from coproduce.programmes.models import Area
from coproduce.themes.models import AnalysisRun, RunStatus, Theme, ThemeAssignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def bexley():
    load_demo()
    return Area.objects.get(slug="bexley")


def test_bexleys_appraisal_is_illustrative_with_the_case_studys_models_and_do_minimum_excluded(bexley):
    appraisal = bexley.appraisals.get(title=TITLE)
    assert appraisal.is_illustrative
    assert [o.title for o in appraisal.options.filter(is_shortlisted=True)] == [
        "In-house",
        "Outsourcing",
        "VCS running local services",
        "Mixed economy",
    ]
    excluded = appraisal.options.get(is_shortlisted=False)
    assert excluded.title == "Do minimum"
    assert excluded.excluded_on == "funding" and "savings" in excluded.exclusion_reason
    assert preferred_option(appraisal).title == "Mixed economy"
    assert appraisal.agreed_by.username == "commissioner"


def test_partners_of_the_three_roles_scored_and_the_results_show_each_role(bexley):
    appraisal = bexley.appraisals.get(title=TITLE)
    roles = set(Score.objects.filter(appraisal=appraisal).values_list("rater_role", flat=True))
    assert roles == {"commissioner", "centre_manager", "vcs_member"}
    results = appraisal_results(appraisal)
    assert results.raters == 3
    assert [view.label for view in results.by_role] == ["Commissioner", "Centre manager", "VCS member"]
    assert [o.title for o in results.top] == ["Mixed economy"]
    assert len(results.switching) == 5


def test_loading_again_changes_nothing_and_a_reset_loads_it_afresh(bexley):
    first = bexley.appraisals.get(title=TITLE)
    scores = Score.objects.count()
    load_demo()
    assert Appraisal.objects.filter(title=TITLE).count() == 1
    assert Score.objects.count() == scores
    load_demo(reset=True)
    again = Appraisal.objects.get(title=TITLE)
    assert again.pk != first.pk
    assert Score.objects.count() == scores


def test_after_an_analysis_each_criterion_cites_the_themes_holding_its_comments(bexley):
    appraisal = bexley.appraisals.get(title=TITLE)
    run = AnalysisRun.objects.create(area=bexley, status=RunStatus.DONE)
    comments = list(Comment.objects.filter(event__area=bexley).order_by("pk"))
    savings = Theme.objects.create(run=run, number=1, label="Savings and budgets", size=0)
    other = Theme.objects.create(run=run, number=2, label="Everything else", size=0)
    for comment in comments:
        theme = savings if "savings" in comment.text.lower() or "budget" in comment.text.lower() else other
        ThemeAssignment.objects.create(run=run, theme=theme, comment=comment, confidence=0.9)
    assert criteria_link(run) > 0
    affordability = appraisal.criteria.get(title="Affordability")
    assert savings in affordability.themes.all()
    assert criteria_link(run) == 0  # linked already


def test_the_demo_appraisals_pages_say_it_is_illustrative(bexley, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="centre"))
    appraisal = bexley.appraisals.get(title=TITLE)
    for name in ("appraisal:detail", "appraisal:results", "appraisal:record"):
        page = client.get(reverse(name, args=[appraisal.pk])).content.decode()
        assert "Illustrative" in page, name


@pytest.mark.slow  # runs the demo's theme analysis (TF-IDF), some 40 seconds
def test_after_the_demos_own_analysis_the_criteria_cite_its_themes(
    django_capture_on_commit_callbacks, settings
):
    from io import StringIO

    from django.core.management import call_command

    from coproduce.themes.selectors import current_run

    settings.THEMES_EMBEDDER = "tfidf"  # the quick embedder: this is about the link, not the themes
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())  # loads, analyses and links, as `make run` does
    bexley = Area.objects.get(slug="bexley")
    run = current_run(bexley)
    assert run is not None
    appraisal = bexley.appraisals.get(title=TITLE)
    for criterion in appraisal.criteria.all():
        themes = list(criterion.themes.all())
        assert themes, criterion.title
        assert all(theme.run_id == run.pk for theme in themes)
