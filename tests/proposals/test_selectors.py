"""Which theme a proposal's evidence suggests: the current analysis's theme holding most of it."""

import pytest
from django.utils import timezone

from coproduce.proposals.selectors import proposal_theme_suggestion
from coproduce.themes.models import AnalysisRun, RunStatus, Theme, ThemeAssignment
from tests import factories as make

pytestmark = pytest.mark.django_db


def _analysis(area, members: dict[int, list]) -> dict[int, Theme]:
    """A finished run whose theme ``number`` holds ``members[number]`` (comments) and ``size`` that many."""
    run = AnalysisRun.objects.create(area=area, status=RunStatus.DONE, finished_at=timezone.now())
    themes = {}
    for number, comments in members.items():
        themes[number] = Theme.objects.create(
            run=run, number=number, label=f"Theme {number}", size=len(comments)
        )
        ThemeAssignment.objects.bulk_create(
            [ThemeAssignment(run=run, theme=themes[number], comment=c, confidence=1.0) for c in comments]
        )
    return themes


def test_the_suggestion_is_the_theme_holding_most_of_the_evidence_and_a_tie_goes_to_the_denser():
    proposal = make.ProposalFactory()
    event = make.EventFactory(area=proposal.area)
    comments = [make.CommentFactory(event=event) for _ in range(9)]
    assert proposal_theme_suggestion(proposal) is None  # no analysis yet
    # Theme 1 holds two cited comments of six, theme 2 two of three, theme 3 one.
    themes = _analysis(proposal.area, {1: comments[:6], 2: comments[6:8] + [comments[8]], 3: []})
    proposal.evidence.set([comments[0], comments[1], comments[6], comments[7]])
    assert proposal_theme_suggestion(proposal) == themes[2]
    proposal.evidence.add(comments[2])
    assert proposal_theme_suggestion(proposal) == themes[1]
    proposal.evidence.clear()
    assert proposal_theme_suggestion(proposal) is None
