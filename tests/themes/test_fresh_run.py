"""A re-run on nearly the same comments keeps the themes (warm start) unless a person asks for a fresh one."""

import pytest
from django.urls import reverse

from coproduce.analysis.pipeline import WARM_START_MARK
from coproduce.themes.selectors import current_run
from tests.factories import CommentFactory
from tests.themes.test_workspace import area, facilitator_client, start  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

NEW = "Funding contracts for one year are too short to plan"


def groups(label_of: dict) -> list[list]:
    """The partition of the comments (as sorted lists of ids), whatever the themes are called."""
    return sorted(sorted(c for c in label_of if label_of[c] == label) for label in set(label_of.values()))


def test_a_rerun_after_one_new_comment_keeps_the_themes_and_says_so(
    facilitator_client,  # noqa: F811
    area,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    start(facilitator_client, area, django_capture_on_commit_callbacks, n_themes="3")
    run = current_run(area)
    CommentFactory(event=area.events.first(), text=NEW)

    start(facilitator_client, area, django_capture_on_commit_callbacks, n_themes="3")
    rerun = current_run(area)
    assert rerun != run and rerun.reason.startswith(WARM_START_MARK)
    before = {a.comment_id: a.theme.label for a in run.assignments.select_related("theme")}
    after = {a.comment_id: a.theme.label for a in rerun.assignments.select_related("theme")}
    assert groups({c: after[c] for c in before}) == groups(before)
    assert any(w["code"] == "joined_existing_themes" for w in rerun.warnings)
    page = facilitator_client.get(reverse("themes:workspace", args=[area.slug])).content.decode()
    assert "The themes were not found again: run a fresh analysis to find them afresh." in page
    assert "Find the themes afresh" in page  # the choice, on the form to analyse again


def test_a_person_can_ask_for_the_themes_to_be_found_afresh(
    facilitator_client,  # noqa: F811
    area,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    start(facilitator_client, area, django_capture_on_commit_callbacks, n_themes="3")
    CommentFactory(event=area.events.first(), text=NEW)
    start(facilitator_client, area, django_capture_on_commit_callbacks, n_themes="3", fresh="on")
    rerun = current_run(area)
    assert rerun.settings["fresh"] is True
    assert not rerun.reason.startswith(WARM_START_MARK)
    assert not any(w["code"] == "joined_existing_themes" for w in rerun.warnings)
