"""Facilitators moderate comments: edit (the original kept), hide with a reason, remove, and undo each;
what is hidden or removed leaves the analysis, the reports and the public pages; comments sent after an
event closed are accepted or discarded; a comment posted twice from a phone is stored once."""

import pytest
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Role
from coproduce.engagement.models import Comment, CommentStatus, EventStatus
from coproduce.reports.models import Report, ReportPublication
from coproduce.reports.services import report_publish
from coproduce.themes.selectors import comments_for
from tests.factories import (
    AreaFactory,
    CommentFactory,
    EventFactory,
    MethodSessionFactory,
    ProposalFactory,
    member,
)
from tests.reports.helpers import finished_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    return AreaFactory(is_published=True)


@pytest.fixture
def facilitator(client, area):
    client.force_login(member(area, AreaRole.FACILITATOR))
    return client


@pytest.fixture
def comment(area):
    return CommentFactory(
        event=EventFactory(area=area, title="Listening event"), text="Contracts are too short"
    )


def fresh(comment) -> Comment:
    return Comment.all_objects.get(pk=comment.pk)


def test_a_facilitator_edits_a_comment_and_the_original_is_kept_and_shown(facilitator, comment):
    response = facilitator.post(
        reverse("engagement:comment_edit", args=[comment.pk]), {"text": "Contracts are short"}
    )
    assert response.status_code == 302
    facilitator.post(
        reverse("engagement:comment_edit", args=[comment.pk]), {"text": "Contracts are very short"}
    )

    edited = fresh(comment)
    assert edited.text == "Contracts are very short"
    assert edited.original_text == "Contracts are too short"  # the words as first said, not the first edit
    page = facilitator.get(comment.get_absolute_url()).content.decode()
    assert "Original text" in page and "Contracts are too short" in page
    assert "Edited" in page  # the history says what happened


def test_hiding_a_comment_needs_a_reason(facilitator, comment):
    response = facilitator.post(reverse("engagement:comment_hide", args=[comment.pk]), {"reason": "  "})
    assert response.status_code == 400
    assert "Say why the comment is hidden" in response.content.decode()
    assert fresh(comment).status == CommentStatus.ACCEPTED

    facilitator.post(reverse("engagement:comment_hide", args=[comment.pk]), {"reason": "Names a child"})
    hidden = fresh(comment)
    assert hidden.status == CommentStatus.HIDDEN
    assert hidden.moderation_reason == "Names a child"
    page = facilitator.get(comment.get_absolute_url()).content.decode()
    assert "Names a child" in page


def test_a_removed_comment_is_restored_and_an_edit_undone(facilitator, comment):
    facilitator.post(reverse("engagement:comment_edit", args=[comment.pk]), {"text": "Typo fixed"})
    facilitator.post(reverse("engagement:comment_remove", args=[comment.pk]))
    assert fresh(comment).status == CommentStatus.REMOVED
    assert not Comment.objects.filter(pk=comment.pk).exists()  # gone from every ordinary reader

    facilitator.post(reverse("engagement:comment_undo", args=[comment.pk]))
    assert fresh(comment).status == CommentStatus.ACCEPTED
    assert fresh(comment).text == "Typo fixed"

    facilitator.post(reverse("engagement:comment_undo", args=[comment.pk]))
    assert fresh(comment).text == "Contracts are too short"
    assert fresh(comment).original_text == ""


def test_only_those_who_run_events_may_moderate(client, area, comment):
    client.force_login(member(area, AreaRole.VIEWER))
    for name in ("comment_edit", "comment_hide", "comment_remove", "comment_undo"):
        response = client.post(reverse(f"engagement:{name}", args=[comment.pk]), {"text": "x", "reason": "x"})
        assert response.status_code == 403
    assert fresh(comment).text == "Contracts are too short"
    assert fresh(comment).status == CommentStatus.ACCEPTED


def test_hidden_and_removed_comments_leave_the_analysis_input(facilitator, area, comment):
    other = CommentFactory(event=comment.event, text="Keep me")
    removed = CommentFactory(event=comment.event, text="Remove me")
    facilitator.post(reverse("engagement:comment_hide", args=[comment.pk]), {"reason": "Abusive"})
    facilitator.post(reverse("engagement:comment_remove", args=[removed.pk]))

    assert list(comments_for(area, {})) == [other]


def test_a_hidden_comment_leaves_the_public_report_and_the_themes(facilitator, client, area, comment):
    kept = CommentFactory(event=comment.event, text="We never see the KPIs", author_role=Role.VCS_PROVIDER)
    finished_run(area, {"Transparent KPIs": [(comment, 0.9), (kept, 0.8)]})
    proposal = ProposalFactory(area=area, title="Publish the KPIs", is_published=True)
    proposal.evidence.add(comment, kept)
    Report.objects.create(area=area, introduction="We took part.")
    facilitator.post(reverse("engagement:comment_hide", args=[comment.pk]), {"reason": "Identifies a family"})
    report_publish(area=area, user=None, publish=True)

    public = client.__class__()
    html = public.get(reverse("reports_public:area_report", args=[area.slug])).content.decode()
    assert "We never see the KPIs" in html
    assert "Contracts are too short" not in html
    assert "drawn from 1 comment made" in html  # counted no more than quoted
    assert "1 comment cited" in html
    theme_page = facilitator.get(reverse("themes:workspace", args=[area.slug])).content.decode()
    assert "Contracts are too short" not in theme_page


def test_the_event_page_marks_hidden_comments_and_filters_them(facilitator, comment):
    CommentFactory(event=comment.event, text="An ordinary comment")
    facilitator.post(reverse("engagement:comment_hide", args=[comment.pk]), {"reason": "Off topic"})

    page = facilitator.get(comment.event.get_absolute_url()).content.decode()
    assert "An ordinary comment" in page and "Contracts are too short" in page
    assert "Hidden" in page

    only_hidden = facilitator.get(comment.event.get_absolute_url() + "?show=hidden").content.decode()
    assert "Contracts are too short" in only_hidden and "An ordinary comment" not in only_hidden
    visible = facilitator.get(comment.event.get_absolute_url() + "?show=visible").content.decode()
    assert "Contracts are too short" not in visible and "An ordinary comment" in visible


def join(client, event, role=Role.VCS_PROVIDER):
    response = client.post(reverse("public:join"), {"code": event.join_code})
    response = client.post(response.url, {"role": role})
    return response.url


def test_the_same_comment_posted_twice_from_a_phone_is_stored_once(client):
    event = EventFactory()
    comment_url = join(client, event)

    first = client.post(comment_url, {"text": "Small charities cannot bid"})
    again = client.post(comment_url, {"text": "Small  charities cannot bid "})  # a resent POST
    assert first.status_code == again.status_code == 302
    assert Comment.objects.filter(event=event).count() == 1

    client.post(comment_url, {"text": "A different thought"})
    assert Comment.objects.filter(event=event).count() == 2


def test_two_people_saying_the_same_thing_are_both_kept(client):
    event = EventFactory()
    join(client, event)
    client.post(reverse("public:participate", args=[event.join_code]), {"text": "More parking"})
    other = client.__class__()
    join(other, event)
    other.post(reverse("public:participate", args=[event.join_code]), {"text": "More parking"})
    assert Comment.objects.filter(event=event).count() == 2


@pytest.fixture
def held(area):
    event = EventFactory(area=area, status=EventStatus.CLOSED)
    return [
        CommentFactory(event=event, status=CommentStatus.HELD, text=f"Late thought {n}") for n in range(3)
    ]


def test_a_held_comment_is_discarded_and_can_be_restored(facilitator, area, held):
    response = facilitator.post(reverse("engagement:comment_discard", args=[held[0].pk]))
    assert response.status_code == 302
    assert fresh(held[0]).status == CommentStatus.REMOVED
    facilitator.post(reverse("engagement:comment_accept", args=[held[1].pk]))
    assert [c.text for c in comments_for(area, {})] == ["Late thought 1"]

    facilitator.post(reverse("engagement:comment_undo", args=[held[0].pk]))
    assert fresh(held[0]).status == CommentStatus.HELD
    page = facilitator.get(held[0].event.get_absolute_url()).content.decode()
    assert "Late thought 0" in page and "Discard" in page


def test_all_held_comments_are_accepted_or_discarded_at_once(facilitator, area, held):
    event = held[0].event
    facilitator.post(reverse("engagement:held_all", args=[event.pk]), {"action": "accept"})
    assert {fresh(c).status for c in held} == {CommentStatus.ACCEPTED}
    assert len(comments_for(area, {})) == 3

    late = CommentFactory(event=event, status=CommentStatus.HELD, text="Later still")
    facilitator.post(reverse("engagement:held_all", args=[event.pk]), {"action": "discard"})
    assert fresh(late).status == CommentStatus.REMOVED
    assert len(comments_for(area, {})) == 3


def test_a_hidden_comment_leaves_a_methods_summary_and_the_consensus_picker(facilitator, comment):

    session = MethodSessionFactory(event=comment.event, method="six_hats", step="white")
    kept = CommentFactory(
        event=comment.event, text="Saturday sessions", method_session=session, method_step="white"
    )
    Comment.objects.filter(pk=comment.pk).update(method_session=session, method_step="white")
    facilitator.post(reverse("engagement:comment_hide", args=[comment.pk]), {"reason": "Off topic"})

    summary = facilitator.get(reverse("methods:summary", args=[session.pk])).content.decode()
    assert kept.text in summary and "Contracts are too short" not in summary
    picker = facilitator.get(reverse("consensus:statements", args=[comment.event.pk])).content.decode()
    assert "Contracts are too short" not in picker


def test_the_analysis_exports_leave_out_a_hidden_comments_words(facilitator, area, comment):
    kept = CommentFactory(event=comment.event, text="We never see the KPIs")
    edited = CommentFactory(event=comment.event, text="Mrs Smith at Oak Lane never calls back")
    finished_run(area, {"Transparent KPIs": [(comment, 0.9), (kept, 0.8), (edited, 0.7)]})
    facilitator.post(reverse("engagement:comment_hide", args=[comment.pk]), {"reason": "Identifies a family"})
    facilitator.post(
        reverse("engagement:comment_edit", args=[edited.pk]), {"text": "The centre never calls back"}
    )

    for fmt in ("csv", "json"):
        body = facilitator.get(reverse("themes:export", args=[area.slug, fmt])).content.decode()
        assert "We never see the KPIs" in body and "The centre never calls back" in body
        assert "Contracts are too short" not in body and "Mrs Smith" not in body


def test_hiding_a_comment_the_published_report_quotes_takes_the_publication_down(
    facilitator, client, area, comment
):
    finished_run(area, {"Contract length": [(comment, 0.9)]})
    report_publish(area=area, user=None, publish=True)
    public = client.__class__()
    report_url = reverse("reports_public:area_report", args=[area.slug])
    assert "Contracts are too short" in public.get(report_url).content.decode()

    facilitator.post(reverse("engagement:comment_hide", args=[comment.pk]), {"reason": "Identifies a family"})

    assert public.get(report_url).status_code == 404
    assert ReportPublication.objects.get().unpublished_at is not None


def test_hiding_a_comment_the_published_report_does_not_quote_leaves_it_up(
    facilitator, client, area, comment
):
    other = CommentFactory(event=comment.event, text="Nobody quoted this one")
    finished_run(area, {"Contract length": [(comment, 0.9)]})
    report_publish(area=area, user=None, publish=True)

    facilitator.post(reverse("engagement:comment_hide", args=[other.pk]), {"reason": "Off topic"})

    public = client.__class__()
    assert public.get(reverse("reports_public:area_report", args=[area.slug])).status_code == 200


def test_a_hidden_comment_no_longer_counts_in_its_themes_size_and_counts_again_when_restored(
    facilitator, area, comment
):
    kept = CommentFactory(event=comment.event, text="We never see the KPIs", author_role=Role.VCS_PROVIDER)
    run = finished_run(area, {"Transparent KPIs": [(comment, 0.9), (kept, 0.8)]})
    theme = run.themes.get()
    assert theme.size == 2
    facilitator.post(reverse("engagement:comment_hide", args=[comment.pk]), {"reason": "Identifies a family"})
    theme.refresh_from_db()
    assert theme.size == 1
    facilitator.post(reverse("engagement:comment_undo", args=[comment.pk]))
    theme.refresh_from_db()
    assert theme.size == 2
