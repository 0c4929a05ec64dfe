"""A statement copied from a comment is taken down when a facilitator moderates that comment's words."""

import pytest
from django.urls import reverse

from coproduce.consensus import services
from coproduce.consensus.models import Statement
from coproduce.engagement import services as engagement_services
from tests.factories import CommentFactory, EventFactory

pytestmark = pytest.mark.django_db

WORDS = "Give the contracts to whoever shouted loudest at the Tuesday meeting, Sam from Flat 4"


def copied(event, comment, **kwargs):
    return services.statements_from_comments(event=event, comments=[comment], **kwargs)[0]


def test_hiding_a_comment_withdraws_the_statement_quoting_it_from_voting_and_the_public_results(client):
    event = EventFactory(results_published=True)
    comment = CommentFactory(event=event, text=WORDS)
    quoting = copied(event, comment)
    rewritten = services.statement_create(
        event=event, text="Contracts should be awarded openly", source_comment=comment
    )

    engagement_services.comment_hide(comment=comment, reason="Names a neighbour")

    quoting.refresh_from_db()
    rewritten.refresh_from_db()
    assert not quoting.is_open and "hidden or removed" in quoting.withdrawn_reason
    assert rewritten.is_open and rewritten.withdrawn_reason == ""  # a facilitator's own words stay
    page = client.get(reverse("public:vote_results", args=[event.join_code])).content.decode()
    assert "Sam from Flat 4" not in page
    assert "Contracts should be awarded openly" in page
    # Reopening it is not possible: it stays closed.
    services.statement_set_open(statement=quoting, is_open=True)
    assert not Statement.objects.get(pk=quoting.pk).is_open


def test_editing_a_comments_words_withdraws_the_statement_that_quoted_the_old_words():
    event = EventFactory()
    comment = CommentFactory(event=event, text=WORDS)
    quoting = copied(event, comment)
    engagement_services.comment_edit(comment=comment, text="Give the contracts to whoever shouted loudest")
    quoting.refresh_from_db()
    assert not quoting.is_open and "edited" in quoting.withdrawn_reason


def test_a_comment_accepted_after_the_event_closed_leaves_its_statement_alone():
    event = EventFactory()
    comment = CommentFactory(event=event, text=WORDS)
    quoting = copied(event, comment)
    assert services.statements_withdraw_quoting(comment=comment, previous_text=WORDS) == 0
    quoting.refresh_from_db()
    assert quoting.is_open and quoting.withdrawn_reason == ""
