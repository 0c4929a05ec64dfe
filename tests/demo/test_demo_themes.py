"""After the demo's analysis each of Bexley's six proposals cites the theme holding most of its evidence, the six
cite six different themes, and each proposal's history says why. The analysis runs inline with MiniLM, the
embedder `make run` uses; it is the slow part, so one test loads and analyses the demo once and checks it all."""

from io import StringIO

import pytest
from django.core.management import call_command

from coproduce.demo.tasks import LINK_REASON, proposals_link
from coproduce.programmes.models import Area
from coproduce.proposals.selectors import proposal_theme_suggestion
from coproduce.themes.models import ThemeAssignment
from coproduce.themes.selectors import current_run

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_after_the_demo_analysis_the_six_proposals_cite_six_themes_holding_their_evidence(
    django_capture_on_commit_callbacks, settings
):
    from coproduce.analysis.embed import EmbedderUnavailable, MiniLMEmbedder

    try:
        MiniLMEmbedder.check_installed()
    except EmbedderUnavailable as error:  # pragma: no cover - the MiniLM package is in the requirements
        pytest.skip(str(error))
    settings.THEMES_EMBEDDER = "minilm"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())  # loads, analyses and links, as `make run` does
    bexley = Area.objects.get(slug="bexley")
    run = current_run(bexley)
    assert run is not None and run.n_themes_asked == 6

    # Each proposal cites one theme of the run: the one holding most of the comments it cites; its history
    # says the facilitator linked it, and why.
    linked = {}
    for proposal in bexley.proposals.order_by("pk"):
        themes = list(proposal.themes.all())
        assert len(themes) == 1, proposal.title
        theme = themes[0]
        assert theme.run_id == run.pk and theme.is_active
        counts: dict[int, int] = {}
        for assignment in ThemeAssignment.objects.filter(run=run, comment__in=proposal.evidence.all()):
            counts[assignment.theme_id] = counts.get(assignment.theme_id, 0) + 1
        assert counts[theme.pk] == max(counts.values()), proposal.title
        latest = proposal.history.order_by("-history_date", "-history_id").first()
        assert latest.history_change_reason == LINK_REASON
        assert latest.history_user is not None and latest.history_user.username == "facilitator"
        linked[proposal.title] = theme
    assert len(linked) == 6

    # Issue 12 point 6: the whole trail, comment -> theme -> proposal -> action, for each of the case study's
    # six; no two proposals share a theme.
    assert len({theme.pk for theme in linked.values()}) == 6, {t: theme.label for t, theme in linked.items()}

    # Linking again changes nothing, and a proposal with no evidence gets no theme.
    assert proposals_link(run) == 0
    proposal = bexley.proposals.order_by("pk").first()
    proposal.themes.clear()
    proposal.evidence.clear()
    assert proposal_theme_suggestion(proposal) is None
    assert proposals_link(run) == 0
    assert not proposal.themes.exists()
