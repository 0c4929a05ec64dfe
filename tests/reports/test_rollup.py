"""The programme roll-up: the areas the reader may view, side by side, and the themes recurring across them."""

import datetime
import hashlib

import numpy as np
import pytest
from django.urls import reverse

from coproduce.accounts.models import AreaRole, Membership
from coproduce.directory.models import Role
from coproduce.programmes.models import Area
from coproduce.proposals.models import ActionStatus
from coproduce.reports.rollup import programme_rollup
from coproduce.themes import services
from coproduce.themes.models import RunStatus, Theme
from coproduce.themes.selectors import current_run
from coproduce.themes.services import edit_apply, run_start
from coproduce.themes.tasks import analyse_area
from tests.analysis.comments import TOPICS
from tests.factories import (
    ActionFactory,
    AreaFactory,
    AttendanceFactory,
    CommentFactory,
    EventFactory,
    PersonFactory,
    ProgrammeFactory,
    ProposalFactory,
    UserFactory,
    member,
)
from tests.reports.helpers import finished_run, paired_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    programme = ProgrammeFactory()
    bexley = AreaFactory(programme=programme, name="Bexley")
    riverside = AreaFactory(programme=programme, name="Riverside")
    secret = AreaFactory(programme=programme, name="Secret borough")
    for area, labels in [
        (bexley, ["Commissioning timetables", "Change management"]),
        (riverside, ["Timetables for commissioning", "Parent forums"]),
        (secret, ["Change management", "Parent forums"]),
    ]:
        event = EventFactory(area=area)
        AttendanceFactory(event=event, person=PersonFactory(area=area, role=Role.VCS_PROVIDER))
        AttendanceFactory(event=event, person=PersonFactory(area=area, role=Role.CC_MANAGER))
        finished_run(area, {label: [(CommentFactory(event=event), 0.9)] for label in labels})
    proposal = ProposalFactory(area=bexley)
    ActionFactory(proposal=proposal, status=ActionStatus.DONE)
    ActionFactory(proposal=proposal, due_date=datetime.date(2012, 3, 31))
    paired_answers(bexley, Role.VCS_PROVIDER, [(2, 4)] * 16 + [(3, 3)] * 3)
    return programme


def test_themes_recurring_across_the_areas_shown(programme):
    shown = Area.objects.exclude(name="Secret borough")

    rollup = programme_rollup(programme, shown)

    assert [a.name for a in rollup.areas] == ["Bexley", "Riverside"]
    assert [(r.shared_words, r.areas) for r in rollup.recurring] == [
        (["commissioning", "timetable"], ["Bexley", "Riverside"])
    ]
    # With the third area, "Change management" and "Parent forums" recur too.
    everything = programme_rollup(programme, Area.objects.all())
    assert len(everything.recurring) == 3


def test_participation_impact_and_actions_per_area(programme):
    rollup = programme_rollup(programme, Area.objects.all())

    bexley = rollup.participation[0]
    assert bexley.area.people_count == 2 and bexley.area.event_count == 1
    assert rollup.roles == [
        (Role.CC_MANAGER, "Children's-centre manager"),
        (Role.VCS_PROVIDER, "VCS provider"),
    ]
    assert bexley.people_by_role == [1, 1]
    assert [h.sentence for h in rollup.impact[0].impact.headlines] == [
        "84% of VCS providers (16 of 19) were more positive about tackling the key challenges."
    ]
    assert rollup.impact[1].impact.surveys == []
    actions = rollup.actions[0]
    assert (actions.total, actions.overdue) == (2, 1)
    assert actions.by_status[[code for code, _ in rollup.statuses].index(ActionStatus.DONE)] == 1


def test_the_page_leaves_out_the_areas_the_user_may_not_view(client, programme):
    bexley, riverside, _ = Area.objects.order_by("name")
    user = member(bexley, AreaRole.VIEWER)
    Membership.objects.create(user=user, area=riverside, role=AreaRole.FACILITATOR)
    client.force_login(user)

    html = client.get(reverse("reports:programme", args=[programme.pk])).content.decode()

    assert "Bexley" in html and "Riverside" in html and "Secret borough" not in html
    assert "Commissioning timetables" in html
    pdf = client.get(reverse("reports:programme_pdf", args=[programme.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_someone_with_no_area_in_the_programme_gets_a_404(client, programme):
    client.force_login(member(AreaFactory(), AreaRole.PROGRAMME_LEAD))
    assert client.get(reverse("reports:programme", args=[programme.pk])).status_code == 404
    assert client.get(reverse("reports:programme_pdf", args=[programme.pk])).status_code == 404


def test_a_superuser_sees_every_area(client, programme):
    client.force_login(UserFactory(is_superuser=True))
    html = client.get(reverse("reports:programme", args=[programme.pk])).content.decode()
    assert "Secret borough" in html


def test_with_no_analysis_anywhere_the_roll_up_says_so(client):
    area = AreaFactory()
    client.force_login(member(area, AreaRole.VIEWER))
    html = client.get(reverse("reports:programme", args=[area.programme_id])).content.decode()
    assert "No area has been analysed yet" in html
    assert "No survey has answers yet." in html


# Three topics of ten comments (tests/analysis/comments.py); the fake embedder puts each topic on its own
# axis, whatever the words.
FUNDING, INFORMATION, VOLUNTEERS = TOPICS["funding"], TOPICS["information"], TOPICS["volunteers"]
AXIS_OF = {text: n for n, topic in enumerate((FUNDING, INFORMATION, VOLUNTEERS)) for text in topic}


class TopicEmbedder:
    """Deterministic vectors: the comment's topic axis, plus a small wobble from its hash."""

    name = "topic-fake@1"
    cacheable = True  # a text's vector depends on that text alone: centroids compare across runs

    def embed(self, texts):
        rows = np.zeros((len(texts), 4), dtype=np.float32)
        for i, text in enumerate(texts):
            rows[i, AXIS_OF[text]] = 1.0
            rows[i, 3] = hashlib.sha256(text.encode()).digest()[0] / 2550
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def analysed(area, topics, django_capture_on_commit_callbacks):
    event = EventFactory(area=area)
    for topic in topics:
        for text in topic:
            CommentFactory(event=event, text=text)
    with django_capture_on_commit_callbacks(execute=True):
        run_start(area=area, filters={}, n_themes=len(topics), task=analyse_area)
    run = current_run(area)
    assert run is not None and run.status == RunStatus.DONE
    return run


def rename(run, topic, label):
    """Give the theme holding ``topic``'s comments the name a test wants (names are people's to edit)."""
    theme = Theme.objects.get(run=run, is_active=True, assignments__comment__text=topic[0])
    edit_apply(run=run, operation={"op": "rename", "theme": theme.number, "label": label}, user=None)


def test_the_roll_up_matches_themes_by_their_centroids_not_by_the_words_of_their_names(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "make_embedder", lambda name, seed=0: TopicEmbedder())
    programme = ProgrammeFactory()
    bexley = AreaFactory(programme=programme, name="Bexley")
    riverside = AreaFactory(programme=programme, name="Riverside")
    first = analysed(bexley, [FUNDING, INFORMATION], django_capture_on_commit_callbacks)
    second = analysed(riverside, [FUNDING, VOLUNTEERS], django_capture_on_commit_callbacks)
    # The same topic under names sharing no word; different topics under names sharing two.
    rename(first, FUNDING, "Short contracts and grants")
    rename(second, FUNDING, "Money that lasts")
    rename(first, INFORMATION, "Commissioning timetables")
    rename(second, VOLUNTEERS, "Timetables for commissioning")
    saved = Theme.objects.get(run=first, label="Short contracts and grants")
    assert saved.centroid_embedder == "topic-fake@1" and len(bytes(saved.centroid)) == 4 * 4

    rollup = programme_rollup(programme, Area.objects.all())

    assert rollup.compared_by_words == [] and rollup.any_by_meaning
    assert [[(t.area, t.label) for t in r.themes] for r in rollup.recurring] == [
        [("Bexley", "Short contracts and grants"), ("Riverside", "Money that lasts")]
    ]
    (link,) = rollup.recurring[0].links
    assert link.similarity > 0.95
    client.force_login(UserFactory(is_superuser=True))
    html = client.get(reverse("reports:programme", args=[programme.pk])).content.decode()
    assert (
        "Bexley's “Short contracts and grants” and Riverside's “Money that lasts” are very close in meaning"
        in html
    )
    assert "compared by the words of their names" not in html


def test_with_the_tfidf_embedder_the_roll_up_compares_names_and_says_why(
    client, django_capture_on_commit_callbacks
):
    programme = ProgrammeFactory()
    bexley = AreaFactory(programme=programme, name="Bexley")
    riverside = AreaFactory(programme=programme, name="Riverside")
    first = analysed(bexley, [FUNDING, INFORMATION], django_capture_on_commit_callbacks)
    second = analysed(riverside, [FUNDING, VOLUNTEERS], django_capture_on_commit_callbacks)
    rename(first, FUNDING, "Short contracts and grants")
    rename(second, FUNDING, "Money that lasts")
    rename(first, INFORMATION, "Commissioning timetables")
    rename(second, VOLUNTEERS, "Timetables for commissioning")
    assert Theme.objects.filter(run__in=[first, second], centroid__isnull=False).count() == 0

    rollup = programme_rollup(programme, Area.objects.all())

    assert [r.title for r in rollup.recurring] == ["commissioning, timetable"]
    assert [n.areas for n in rollup.compared_by_words] == [("Bexley",), ("Riverside",)]
    assert not rollup.any_by_meaning
    client.force_login(UserFactory(is_superuser=True))
    html = client.get(reverse("reports:programme", args=[programme.pk])).content.decode()
    assert (
        "Bexley's themes are compared by the words of their names because its analysis used an embedder"
        in html
    )
    assert "share the words “commissioning, timetable”" in html
    assert "close in meaning" not in html  # the page does not claim a comparison it did not make
