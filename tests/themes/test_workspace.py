"""The analysis workspace through its pages: run, review, edit and undo, who said what, proposals, exports."""

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Role
from coproduce.engagement.models import Comment
from coproduce.themes import services
from coproduce.themes.models import AnalysisRun, RunStatus, ThemeEdit
from coproduce.themes.selectors import current_run, themes_gone_from_analysis
from coproduce.themes.tasks import analyse_area
from tests.analysis.comments import TOPICS
from tests.factories import (
    ActionFactory,
    AnalysisRunFactory,
    AreaFactory,
    CommentFactory,
    EventFactory,
    MethodSessionFactory,
    ProposalFactory,
    member,
)

pytestmark = pytest.mark.django_db

# Funding is raised by the VCS only; the other topics by everyone.
ROLE_OF = {"funding": Role.VCS_PROVIDER, "information": None, "volunteers": None}
ROTATION = [Role.LA_PROFESSIONAL, Role.CC_MANAGER, Role.VCS_PROVIDER]


@pytest.fixture
def area():
    area = AreaFactory(slug="bexley")
    workshop, listening = (
        EventFactory(area=area, title="Workshop"),
        EventFactory(area=area, title="Listening"),
    )
    for topic, texts in TOPICS.items():
        for i, text in enumerate(texts):
            CommentFactory(
                event=workshop if i % 2 else listening,
                text=text,
                author_role=ROLE_OF[topic] or ROTATION[i % 3],
            )
    return area


@pytest.fixture
def facilitator_client(client, area):
    client.force_login(member(area, AreaRole.FACILITATOR))
    return client


def start(client, area, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("themes:run_create", args=[area.slug]), data)


def test_an_analysis_finds_the_asked_number_of_themes_and_assigns_every_comment(
    facilitator_client, area, django_capture_on_commit_callbacks
):
    response = start(facilitator_client, area, django_capture_on_commit_callbacks, n_themes="3")
    assert response.status_code == 302
    run = current_run(area)
    assert run.status == RunStatus.DONE and run.n_themes_asked == 3
    assert run.themes.filter(is_active=True).count() == 3
    assert run.assignments.count() == 30 == run.comment_count
    # Each theme is one topic: the engine separates them cleanly.
    groups = {
        frozenset(a.comment.text for a in t.assignments.select_related("comment")) for t in run.themes.all()
    }
    assert groups == {frozenset(texts) for texts in TOPICS.values()}
    page = facilitator_client.get(reverse("themes:workspace", args=[area.slug])).content.decode()
    assert "3 themes</strong> from 30 comments" in page and "3 themes were asked for" in page
    assert "Raised only by vcs providers" in page


def test_filters_choose_the_comments_and_bad_choices_are_explained(
    facilitator_client, area, django_capture_on_commit_callbacks
):
    response = start(facilitator_client, area, django_capture_on_commit_callbacks, n_themes="1")
    assert response.status_code == 400 and "Ask for at least 2 themes" in response.content.decode()
    response = start(
        facilitator_client,
        area,
        django_capture_on_commit_callbacks,
        date_from="2012-02-13",
        date_to="2011-10-28",
    )
    assert "The end date must be the same as or after the start date" in response.content.decode()
    response = start(facilitator_client, area, django_capture_on_commit_callbacks, roles=[Role.PARENT_CARER])
    assert "No comments match these choices" in response.content.decode()
    assert not AnalysisRun.objects.exists()

    start(
        facilitator_client, area, django_capture_on_commit_callbacks, roles=[Role.VCS_PROVIDER], n_themes="2"
    )
    run = current_run(area)
    assert run.filters == {"roles": [Role.VCS_PROVIDER]}
    assert run.comment_count == Comment.objects.filter(author_role=Role.VCS_PROVIDER).count() == 16


def test_a_run_waiting_for_the_worker_shows_progress_and_the_page_stays_usable(facilitator_client, area):
    # Without running the queued task: the run waits, and the page says so.
    facilitator_client.post(reverse("themes:run_create", args=[area.slug]), {"n_themes": "3"})
    run = AnalysisRun.objects.get()
    assert run.status == RunStatus.QUEUED
    fragment = facilitator_client.get(reverse("themes:run_progress", args=[area.slug])).content.decode()
    assert "waiting for the worker" in fragment and "<progress" in fragment
    assert facilitator_client.get(reverse("themes:workspace", args=[area.slug])).status_code == 200


def test_a_failed_run_says_why_and_leaves_the_last_good_result(
    facilitator_client, area, django_capture_on_commit_callbacks
):
    start(facilitator_client, area, django_capture_on_commit_callbacks, n_themes="3")
    good = current_run(area)
    # The comments the next run would read are withdrawn before the worker gets to it.
    facilitator_client.post(reverse("themes:run_create", args=[area.slug]), {"roles": [Role.LA_PROFESSIONAL]})
    Comment.objects.filter(author_role=Role.LA_PROFESSIONAL).delete()
    queued = AnalysisRun.objects.get(status=RunStatus.QUEUED)
    analyse_area.call(queued.pk)
    queued.refresh_from_db()
    assert queued.status == RunStatus.FAILED and "nothing to analyse" in queued.error
    assert current_run(area) == good
    page = facilitator_client.get(reverse("themes:workspace", args=[area.slug])).content.decode()
    assert "The latest analysis" in page and "failed" in page and "3 themes</strong>" in page


def edit(client, run, **data):
    return client.post(reverse("themes:edit", args=[run.pk]), data, follow=True)


def test_rename_merge_and_undo_are_attributed_and_undo_restores(
    facilitator_client, area, django_capture_on_commit_callbacks
):
    start(facilitator_client, area, django_capture_on_commit_callbacks, n_themes="3")
    run = current_run(area)
    first, second = run.themes.order_by("number")[:2]
    edit(facilitator_client, run, op="rename", theme=first.number, label="Short contracts and funding")
    first.refresh_from_db()
    assert first.label == "Short contracts and funding"
    response = edit(facilitator_client, run, op="merge", theme=first.number, other=second.number)
    assert "Merged themes" in response.content.decode()
    assert run.themes.filter(is_active=True).count() == 2
    first.refresh_from_db()
    assert first.size == 20 and first.label == "Short contracts and funding"
    second.refresh_from_db()
    assert not second.is_active  # kept, so links to it still resolve

    facilitator_client.post(reverse("themes:undo", args=[run.pk]))
    assert run.themes.filter(is_active=True).count() == 3
    second.refresh_from_db()
    assert second.is_active and second.size == 10
    edits = list(ThemeEdit.objects.filter(run=run).order_by("pk"))
    assert [(e.operation["op"], e.made_by.username, e.undone_at is not None) for e in edits] == [
        ("rename", edits[0].made_by.username, False),
        ("merge", edits[0].made_by.username, True),
    ]


def test_moving_and_pinning_a_comment_and_a_bad_edit_changes_nothing(
    facilitator_client, area, django_capture_on_commit_callbacks
):
    start(facilitator_client, area, django_capture_on_commit_callbacks, n_themes="3")
    run = current_run(area)
    assignment = run.assignments.select_related("theme").first()
    target = run.themes.exclude(pk=assignment.theme_id).first()
    edit(facilitator_client, run, op="pin", comment=assignment.comment_id, other=target.number)
    moved = run.assignments.get(comment_id=assignment.comment_id)
    assert moved.theme == target and moved.pinned

    before = list(run.assignments.values_list("comment_id", "theme__number"))
    response = edit(facilitator_client, run, op="move", comment=assignment.comment_id, other=99)
    assert "That edit could not be made" in response.content.decode()
    response = edit(facilitator_client, run, op="rename", theme=target.number, label="  ")
    assert "Enter a name for the theme" in response.content.decode()
    assert list(run.assignments.values_list("comment_id", "theme__number")) == before


def test_names_and_pins_survive_a_rerun_after_new_comments_arrive(
    facilitator_client, area, django_capture_on_commit_callbacks
):
    start(facilitator_client, area, django_capture_on_commit_callbacks, n_themes="3")
    run = current_run(area)
    funding = run.themes.get(assignments__comment__text=TOPICS["funding"][0])
    edit(facilitator_client, run, op="rename", theme=funding.number, label="Funding and contracts")
    edit(
        facilitator_client,
        run,
        op="describe",
        theme=funding.number,
        description="Money, and how long it lasts",
    )
    CommentFactory(event=area.events.first(), text="Funding contracts for one year are too short to plan")

    start(facilitator_client, area, django_capture_on_commit_callbacks, n_themes="3")
    rerun = current_run(area)
    assert rerun != run and rerun.comment_count == 31
    carried = rerun.themes.get(assignments__comment__text=TOPICS["funding"][0])
    assert carried.label == "Funding and contracts"
    assert carried.description == "Money, and how long it lasts"
    assert rerun.edits.filter(made_by__isnull=True, operation__op="rename").exists()


def _funding_and_information(client, area, capture):
    """A first analysis, with its funding and information themes."""
    start(client, area, capture, n_themes="3")
    run = current_run(area)
    return (
        run,
        *(run.themes.get(assignments__comment__text=TOPICS[t][0]) for t in ("funding", "information")),
    )


def _cite(client, theme, proposal, **data):
    client.post(reverse("themes:link", args=[theme.pk]), {"proposal": proposal.pk, **data})


def _rerun_after_a_new_comment(client, area, capture):
    CommentFactory(event=area.events.first(), text="Funding contracts for one year are too short to plan")
    start(client, area, capture, n_themes="3")
    return current_run(area)


def test_a_proposals_theme_link_moves_to_the_successor_theme_on_a_rerun(
    facilitator_client, area, django_capture_on_commit_callbacks
):
    start(facilitator_client, area, django_capture_on_commit_callbacks, n_themes="3")
    run = current_run(area)
    funding = run.themes.get(assignments__comment__text=TOPICS["funding"][0])
    proposal = ProposalFactory(area=area, title="Three-year grants for small charities")
    facilitator_client.post(reverse("themes:link", args=[funding.pk]), {"proposal": proposal.pk})

    rerun = _rerun_after_a_new_comment(facilitator_client, area, django_capture_on_commit_callbacks)

    successor = rerun.themes.get(assignments__comment__text=TOPICS["funding"][0])
    assert list(proposal.themes.all()) == [successor]
    latest = proposal.history.latest()
    assert [row.theme_id for row in latest.themes.all()] == [successor.pk]
    assert latest.history_user is None  # the analysis moved it, not the person who last used the site
    assert latest.history_change_reason == services.RELINK_REASON
    page = facilitator_client.get(proposal.get_absolute_url()).content.decode()
    assert successor.label in page and "no longer has" not in page
    assert services.RELINK_REASON in page  # the history says why the link changed


def test_a_link_whose_theme_has_no_successor_stays_and_asks_a_person_to_choose_again(
    facilitator_client, area, django_capture_on_commit_callbacks, monkeypatch
):
    _, funding, information = _funding_and_information(
        facilitator_client, area, django_capture_on_commit_callbacks
    )
    proposal = ProposalFactory(area=area, title="Three-year grants for small charities")
    _cite(facilitator_client, funding, proposal)
    _cite(facilitator_client, information, proposal)
    page = facilitator_client.get(proposal.get_absolute_url()).content.decode()
    assert "no longer has" not in page

    # The new analysis finds nothing like the old funding theme (as when its comments were withdrawn).
    match = services.match_themes

    def match_all_but_funding(*args, **kwargs):
        return {old: new for old, new in match(*args, **kwargs).items() if old != funding.number}

    monkeypatch.setattr(services, "match_themes", match_all_but_funding)
    rerun = _rerun_after_a_new_comment(facilitator_client, area, django_capture_on_commit_callbacks)

    successor = rerun.themes.get(assignments__comment__text=TOPICS["information"][0])
    assert set(proposal.themes.all()) == {funding, successor}  # the unmatched link is kept, not guessed
    assert themes_gone_from_analysis(proposal) == [funding]
    page = facilitator_client.get(proposal.get_absolute_url()).content.decode()
    assert (
        f"This proposal cited the theme “{funding.label}”, which the new analysis no longer has: "
        "choose its theme again"
    ) in page
    assert page.count("cp-theme-gone") == 1

    # Choosing again clears the flag: the person stops citing the old theme.
    _cite(facilitator_client, funding, proposal, unlink="1")
    assert "no longer has" not in facilitator_client.get(proposal.get_absolute_url()).content.decode()


def test_merges_and_moves_survive_a_rerun(facilitator_client, area, django_capture_on_commit_callbacks):
    run, funding, information = _funding_and_information(
        facilitator_client, area, django_capture_on_commit_callbacks
    )
    proposal = ProposalFactory(area=area, title="One place for parents to find help")
    _cite(facilitator_client, information, proposal)
    edit(facilitator_client, run, op="merge", theme=funding.number, other=information.number)
    moved = Comment.objects.get(text=TOPICS["volunteers"][0])
    edit(facilitator_client, run, op="move", comment=moved.pk, other=funding.number)
    assert run.themes.filter(is_active=True).count() == 2

    rerun = _rerun_after_a_new_comment(facilitator_client, area, django_capture_on_commit_callbacks)

    # The re-run finds funding and information apart again; the merge people made puts them together.
    assert rerun.themes.filter(is_active=True).count() == 2
    together = rerun.themes.get(assignments__comment__text=TOPICS["funding"][0])
    assert rerun.themes.get(assignments__comment__text=TOPICS["information"][0]) == together
    assert rerun.assignments.get(comment=moved).theme == together
    carried = rerun.edits.filter(made_by__isnull=True)
    assert {"merge", "move"} <= set(carried.values_list("operation__op", flat=True))
    # A link to the theme merged away follows the theme that took its comments.
    assert list(proposal.themes.all()) == [together]


def test_who_said_what_counts_comments_by_role_and_event_and_shows_the_comments_behind_a_cell(
    facilitator_client, area, django_capture_on_commit_callbacks
):
    start(facilitator_client, area, django_capture_on_commit_callbacks, n_themes="3")
    page = facilitator_client.get(reverse("themes:matrix", args=[area.slug])).content.decode()
    assert "Themes by role" in page and "Themes by event" in page
    assert "Only VCS provider" in page
    run = current_run(area)
    funding = run.themes.get(assignments__comment__text=TOPICS["funding"][0])
    cell = facilitator_client.get(reverse("themes:cell", args=[funding.pk]) + f"?role={Role.VCS_PROVIDER}")
    assert cell.content.decode().count("cp-comment-text") == 10


def test_a_proposal_cites_a_theme_and_the_trail_runs_both_ways(
    facilitator_client, area, django_capture_on_commit_callbacks, client
):
    start(facilitator_client, area, django_capture_on_commit_callbacks, n_themes="3")
    run = current_run(area)
    theme = run.themes.first()
    proposal = ProposalFactory(area=area, title="Three-year grants for small charities")
    action = ActionFactory(proposal=proposal, title="Draft a three-year grant scheme")
    facilitator_client.post(reverse("themes:link", args=[theme.pk]), {"proposal": proposal.pk})
    assert list(proposal.themes.all()) == [theme]

    comment = theme.assignments.first().comment
    forward = facilitator_client.get(comment.get_absolute_url()).content.decode()
    assert theme.label in forward and proposal.title in forward
    back = facilitator_client.get(action.get_absolute_url()).content.decode()
    assert theme.label in back
    # A viewer may read the trail but not change the links.
    viewer = member(area, AreaRole.VIEWER)
    client.force_login(viewer)
    assert (
        client.post(
            reverse("themes:link", args=[theme.pk]), {"proposal": proposal.pk, "unlink": "1"}
        ).status_code
        == 403
    )


def test_exports_hold_the_themes_the_role_matrix_and_the_whole_analysis(
    facilitator_client, area, django_capture_on_commit_callbacks
):
    start(facilitator_client, area, django_capture_on_commit_callbacks, n_themes="3")
    response = facilitator_client.get(reverse("themes:export", args=[area.slug, "csv"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 30 and {r["role"] for r in rows} >= {"VCS provider"}
    response = facilitator_client.get(reverse("themes:export", args=[area.slug, "xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Themes and comments", "Theme by role", "Themes"]
    document = json.loads(facilitator_client.get(reverse("themes:export", args=[area.slug, "json"])).content)
    assert len(document["inputs"]) == 30 and len(document["themes"]) == 3
    assert document["base"]["reason"] == "asked for 3"


def test_a_theme_is_put_to_an_events_participants_as_a_statement(
    facilitator_client, area, django_capture_on_commit_callbacks
):
    start(facilitator_client, area, django_capture_on_commit_callbacks, n_themes="3")
    theme = current_run(area).themes.first()
    event = area.events.first()
    url = reverse("themes:to_statement", args=[theme.pk])
    response = facilitator_client.post(url, {"event": event.pk, "text": ""}, follow=True)
    assert "Enter the statement" in response.content.decode()
    facilitator_client.post(url, {"event": event.pk, "text": "Short contracts stop small charities planning"})
    assert list(event.statements.values_list("text", flat=True)) == [
        "Short contracts stop small charities planning"
    ]
    elsewhere = EventFactory()  # another area's event cannot be used
    assert facilitator_client.post(url, {"event": elsewhere.pk, "text": "x"}).status_code == 404


def test_a_tampered_form_gets_a_404_not_a_server_error(
    facilitator_client, area, django_capture_on_commit_callbacks
):
    start(facilitator_client, area, django_capture_on_commit_callbacks, n_themes="3")
    theme = current_run(area).themes.first()
    assert (
        facilitator_client.post(reverse("themes:link", args=[theme.pk]), {"proposal": "abc"}).status_code
        == 404
    )
    response = facilitator_client.post(
        reverse("themes:to_statement", args=[theme.pk]), {"event": "1;", "text": "x"}
    )
    assert response.status_code == 404
    response = facilitator_client.post(
        reverse("themes:edit", args=[current_run(area).pk]), {"op": "drop", "theme": "x"}
    )
    assert response.status_code == 302 and not current_run(area).edits.exists()


def test_a_big_themes_comments_come_a_page_at_a_time(facilitator_client):
    from coproduce.themes.models import Theme, ThemeAssignment

    area = AreaFactory()
    facilitator_client.force_login(member(area, AreaRole.FACILITATOR))
    event = EventFactory(area=area)
    run = AnalysisRunFactory(area=area, status=RunStatus.DONE)
    theme = Theme.objects.create(run=run, number=1, label="Saturday sessions", size=60)
    for n in range(60):
        comment = CommentFactory(event=event, text=f"Saturday sessions, please ({n:02d})")
        ThemeAssignment.objects.create(run=run, theme=theme, comment=comment, confidence=n / 100)
    first = facilitator_client.get(reverse("themes:theme", args=[theme.pk])).content.decode()
    assert "Comments 1 to 50 of 60." in first and "(00)" in first and "(59)" not in first
    assert 'href="?page=2"' in first
    second = facilitator_client.get(reverse("themes:theme", args=[theme.pk]) + "?page=2").content.decode()
    assert "(59)" in second and "(00)" not in second and 'aria-current="page">2<' in second


def test_a_force_raised_from_a_comment_is_not_analysed_twice():
    from coproduce.methods.models import Force
    from coproduce.themes.selectors import comments_for

    event = EventFactory()
    original = CommentFactory(event=event, text="Parents trust local charities")
    session = MethodSessionFactory(event=event, method="force_field", step="forces")
    copy = CommentFactory(event=event, text=original.text, method_step="driving", method_session=session)
    Force.objects.create(session=session, direction="driving", strength=4, comment=copy, raised_from=original)
    typed = CommentFactory(event=event, text="Staff worry about their jobs", method_step="restraining")
    Force.objects.create(session=session, direction="restraining", strength=2, comment=typed)
    assert set(comments_for(event.area, {})) == {original, typed}


def test_the_edit_history_names_themes_by_their_label_and_each_theme_has_the_engines_description(
    facilitator_client, area, django_capture_on_commit_callbacks
):
    start(facilitator_client, area, django_capture_on_commit_callbacks, n_themes="3")
    run = current_run(area)
    first, second = run.themes.order_by("number")[:2]
    assert all(t.description for t in run.themes.all())  # the engine's sentence until a person writes one
    assert any(first.description in text for text in sum(TOPICS.values(), []))
    edit(facilitator_client, run, op="rename", theme=first.number, label="Short contracts")
    edit(facilitator_client, run, op="merge", theme=first.number, other=second.number)
    rename, merge = ThemeEdit.objects.filter(run=run).order_by("pk")
    assert rename.summary == f"Renamed theme “{first.label}” to ‘Short contracts’"
    assert merge.summary == f"Merged themes “Short contracts” and “{second.label}”"
    edit(facilitator_client, run, op="describe", theme=first.number, description="Contracts are too short.")
    first.refresh_from_db()
    assert first.description == "Contracts are too short."


SPLIT_NAMES = {"information": "Telling parents what is on", "volunteers": "Training volunteers"}


def _split_and_cited(client, area, capture):
    """A first analysis in two themes (information and volunteers together), the joined theme split by a
    person into its two topics, each half named and cited by a proposal of its own."""
    start(client, area, capture, n_themes="2")
    run = current_run(area)
    joined = run.themes.get(assignments__comment__text=TOPICS["information"][0])
    assert run.themes.get(assignments__comment__text=TOPICS["volunteers"][0]) == joined
    edit(client, run, op="split", theme=joined.number, into=2)
    halves = {
        topic: run.themes.get(is_active=True, assignments__comment__text=TOPICS[topic][0])
        for topic in SPLIT_NAMES
    }
    assert halves["information"] != halves["volunteers"]
    proposals = {}
    for topic, half in halves.items():
        edit(client, run, op="rename", theme=half.number, label=SPLIT_NAMES[topic])
        proposals[topic] = ProposalFactory(area=area, title=f"A proposal on {topic}")
        _cite(client, half, proposals[topic])
    return halves, proposals


def test_a_split_survives_a_rerun_and_proposals_citing_its_halves_follow_them(
    facilitator_client, area, django_capture_on_commit_callbacks
):
    _, proposals = _split_and_cited(facilitator_client, area, django_capture_on_commit_callbacks)

    new = CommentFactory(
        event=area.events.first(), text="Volunteers need training in first aid and safeguarding"
    )
    start(facilitator_client, area, django_capture_on_commit_callbacks, n_themes="2")
    rerun = current_run(area)

    # The re-run alone finds the two topics together again; the split people made parts them again.
    assert len(rerun.base["themes"]) == 2
    assert rerun.themes.filter(is_active=True).count() == 3
    for topic, name in SPLIT_NAMES.items():
        successor = rerun.themes.get(is_active=True, assignments__comment__text=TOPICS[topic][0])
        assert successor.label == name
        texts = set(successor.assignments.values_list("comment__text", flat=True))
        assert texts == set(TOPICS[topic]) | ({new.text} if topic == "volunteers" else set())
        assert list(proposals[topic].themes.all()) == [successor]
        assert themes_gone_from_analysis(proposals[topic]) == []
        page = facilitator_client.get(proposals[topic].get_absolute_url()).content.decode()
        assert name in page and "no longer has" not in page
    carried = rerun.edits.get(made_by__isnull=True, operation__op="split")
    assert carried.summary.endswith("into 2 as people split it before")
    assert not [w for w in rerun.warnings if w["code"] == "edit_not_carried"]

    # The split the re-run made is carried by the next one in turn.
    start(facilitator_client, area, django_capture_on_commit_callbacks, n_themes="2")
    again = current_run(area)
    assert again != rerun
    assert set(again.themes.filter(is_active=True).values_list("label", flat=True)) >= set(
        SPLIT_NAMES.values()
    )
    assert again.themes.filter(is_active=True).count() == 3


def test_a_split_with_no_successor_is_dropped_and_the_workspace_says_so_by_the_themes_names(
    facilitator_client, area, django_capture_on_commit_callbacks
):
    halves, proposals = _split_and_cited(facilitator_client, area, django_capture_on_commit_callbacks)
    # Every comment of the theme that was split is withdrawn before the next analysis.
    Comment.objects.filter(text__in=TOPICS["information"] + TOPICS["volunteers"]).delete()
    start(facilitator_client, area, django_capture_on_commit_callbacks, n_themes="2")
    rerun = current_run(area)

    assert not rerun.edits.filter(operation__op="split").exists()
    message = (
        f"The split into “{SPLIT_NAMES['information']}” and “{SPLIT_NAMES['volunteers']}” was not carried: "
        "no theme in this run matches them."
    )
    assert [w["message"] for w in rerun.warnings if w["code"] == "edit_not_carried"] == [message]
    page = facilitator_client.get(reverse("themes:workspace", args=[area.slug])).content.decode()
    assert message in page
    for topic, half in halves.items():  # the links stay, and ask a person to choose again
        assert themes_gone_from_analysis(proposals[topic]) == [half]
