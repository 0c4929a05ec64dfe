"""You said, we did: theme by theme, what people said (the theme and a few quotes with a role, never a
name), the published proposals and actions that answer it with their status, and the published KPIs that
track it. Drafts and unpublished KPIs stay off the page."""

import html

import pytest
from django.utils.html import strip_tags

from coproduce.directory.models import Role
from coproduce.proposals.models import ActionStatus, ProposalStatus
from coproduce.themes.models import RunStatus, Theme, ThemeAssignment
from tests.factories import (
    ActionFactory,
    AnalysisRunFactory,
    AreaFactory,
    CommentFactory,
    EventFactory,
    PersonFactory,
    ProposalFactory,
)
from tests.kpis.factories import KpiFactory, kpi_with_quarters

pytestmark = pytest.mark.django_db
SAID = "Parents never hear what happened to what they told us at the listening event."


@pytest.fixture
def area():
    area = AreaFactory(is_published=True, slug="bexley")
    event = EventFactory(area=area, title="Listening event")
    author = PersonFactory(area=area, name="Priya Sharma", role=Role.PARENT_CARER)
    said = CommentFactory(event=event, text=SAID, author=author, author_role=author.role)
    other = CommentFactory(event=event, text="More Saturday sessions, please.")
    run = AnalysisRunFactory(
        area=area, status=RunStatus.DONE, inputs=[[said.pk, said.text], [other.pk, other.text]]
    )
    heard = Theme.objects.create(
        run=run,
        number=1,
        label="Being told what happened",
        size=1,
        description="People want to know what became of what they said.",
    )
    unanswered = Theme.objects.create(run=run, number=2, label="Saturday sessions", size=1)
    ThemeAssignment.objects.create(run=run, theme=heard, comment=said, confidence=0.9)
    ThemeAssignment.objects.create(run=run, theme=unanswered, comment=other, confidence=0.9)
    proposal = ProposalFactory(
        area=area, title="Bexley offer and vision", is_published=True, status=ProposalStatus.IN_PROGRESS
    )
    proposal.themes.add(heard)
    ActionFactory(proposal=proposal, title="Open a web question-and-answer page", status=ActionStatus.DONE)
    draft = ProposalFactory(area=area, title="An idea still in draft", is_published=False)
    draft.themes.add(unanswered)
    kpi = kpi_with_quarters(["90", "91", "92"], area=area, name="Parents' satisfaction", target="90")
    kpi.proposals.add(proposal)
    KpiFactory(area=area, name="A KPI not yet published", is_published=False).themes.add(heard, unanswered)
    return area


def page_text(client, area) -> str:
    response = client.get(f"/areas/{area.slug}/you-said-we-did/")
    assert response.status_code == 200
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def test_each_answered_theme_shows_what_was_said_decided_and_tracked(client, area):
    text = page_text(client, area)
    said = text.index("You said People want to know what became of what they said.")
    quote = text.index(f"“{SAID}”")
    did = text.index("We did Bexley offer and vision In progress")
    action = text.index("Open a web question-and-answer page")
    tracked = text.index(
        "How we know it is working Parents' satisfaction: 92% in 2012 Q3 (target 90%) Target met"
    )
    assert said < quote < did < action < tracked


def test_no_names_no_drafts_and_no_unpublished_kpis(client, area):
    text = page_text(client, area)
    assert "Priya Sharma" not in text
    assert "An idea still in draft" not in text
    assert "A KPI not yet published" not in text
    assert "Saturday sessions" not in text  # only a draft answers it: nothing published to show


def test_a_published_proposal_answering_no_theme_is_still_listed(client, area):
    ProposalFactory(area=area, title="Change management", is_published=True)
    assert "Also decided Change management" in page_text(client, area)
