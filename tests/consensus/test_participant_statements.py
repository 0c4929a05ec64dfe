"""Participants add statements from their phones: no account, one a minute, a per-address limit, a honeypot,
and a facilitator approves each one before anyone votes on it."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.consensus.models import Statement, StatementStatus, Vote
from coproduce.consensus.selectors import event_consensus
from coproduce.directory.models import Role
from coproduce.engagement.models import EventStatus
from tests.factories import CommentFactory, EventFactory, member

pytestmark = pytest.mark.django_db


def joined(event, role=Role.CC_MANAGER) -> Client:
    client = Client()
    response = client.post(reverse("public:join"), {"code": event.join_code})
    assert client.post(response.url, {"role": role}).status_code == 302
    return client


def submit(client, event, text="Parents do not know what the VCS offers"):
    return client.post(reverse("public:statement_submit", args=[event.join_code]), {"text": text})


def test_a_participant_adds_a_statement_that_waits_for_the_facilitator():
    event = EventFactory()
    phone = joined(event)

    response = submit(phone, event)

    assert response.status_code == 302
    statement = Statement.objects.get()
    assert (statement.status, statement.is_open) == (StatementStatus.PENDING, False)
    assert statement.submitted_by.role == Role.CC_MANAGER and statement.submitted_by.name == ""
    page = phone.get(response.url).content.decode()
    assert "Waiting for the facilitator" in page
    # Nobody votes on it, and it is not in the results, until it is approved.
    assert (
        "There is nothing to vote on yet"
        in phone.get(reverse("public:vote", args=[event.join_code])).content.decode()
    )
    assert event_consensus(event).rows == []
    vote = phone.post(
        reverse("public:vote", args=[event.join_code]), {"statement": statement.pk, "choice": "agree"}
    )
    assert vote.status_code == 400 and not Vote.objects.exists()


def test_the_facilitator_approves_one_and_rejects_another():
    event = EventFactory()
    phone = joined(event)
    submit(phone, event, "Parents do not know what the VCS offers")
    Statement.objects.update(created_at=datetime.datetime(2011, 1, 1, tzinfo=datetime.UTC))
    submit(phone, event, "Buy me a new car")
    keep, drop = Statement.objects.order_by("pk")
    facilitator = Client()
    facilitator.force_login(member(event.area, AreaRole.FACILITATOR))
    page = facilitator.get(reverse("consensus:statements", args=[event.pk])).content.decode()
    assert "Waiting for approval (2)" in page and "Buy me a new car" in page

    facilitator.post(reverse("consensus:statement_review", args=[keep.pk]), {"decision": "approve"})
    facilitator.post(reverse("consensus:statement_review", args=[drop.pk]), {"decision": "reject"})

    keep.refresh_from_db(), drop.refresh_from_db()
    assert (keep.status, keep.is_open) == (StatementStatus.APPROVED, True)
    assert (drop.status, drop.is_open) == (StatementStatus.REJECTED, False)
    vote_page = phone.get(reverse("public:vote", args=[event.join_code])).content.decode()
    assert keep.text in vote_page and drop.text not in vote_page
    assert [row.statement for row in event_consensus(event).rows] == [keep]
    # A rejected statement cannot be reopened for votes by the back door, nor reviewed twice.
    facilitator.post(reverse("consensus:statement_open", args=[drop.pk]), {"is_open": "1"})
    facilitator.post(reverse("consensus:statement_review", args=[drop.pk]), {"decision": "approve"})
    drop.refresh_from_db()
    assert (drop.status, drop.is_open) == (StatementStatus.REJECTED, False)


def test_one_statement_a_minute_per_participant_and_what_they_typed_is_kept():
    event = EventFactory()
    phone = joined(event)
    submit(phone, event, "First")

    response = submit(phone, event, "Second, too soon")

    assert response.status_code == 400
    page = response.content.decode()
    assert "You can add one statement a minute" in page and "Second, too soon" in page
    assert Statement.objects.count() == 1
    # A minute later they can add another; someone else at once.
    Statement.objects.update(created_at=datetime.datetime(2011, 1, 1, tzinfo=datetime.UTC))
    assert submit(phone, event, "Second").status_code == 302
    assert submit(joined(event), event, "Another person's").status_code == 302
    assert Statement.objects.count() == 3


def test_an_address_sending_many_statements_is_told_to_wait(settings):
    settings.RATELIMIT_ENABLE = True
    settings.STATEMENT_ADDRESS_RATE = "2/m"
    event = EventFactory()
    # Three phones behind one address (new sessions each, so the one-a-minute rule does not apply).
    statuses = [submit(joined(event), event, f"Statement {n}").status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    assert Statement.objects.count() == 2


def test_the_honeypot_keeps_nothing_but_looks_sent():
    event = EventFactory()
    phone = joined(event)
    response = phone.post(
        reverse("public:statement_submit", args=[event.join_code]),
        {"text": "Cheap pills", "website": "spam.example"},
    )
    assert response.status_code == 302 and not Statement.objects.exists()


def test_bad_input_names_the_field_and_keeps_nothing():
    event = EventFactory()
    phone = joined(event)
    assert "Enter your statement" in submit(phone, event, "  ").content.decode()
    too_long = submit(phone, event, "x" * 401)
    assert too_long.status_code == 400 and "400 characters or fewer" in too_long.content.decode()
    assert not Statement.objects.exists()


def test_someone_who_has_not_joined_is_asked_for_their_role_first(client):
    event = EventFactory()
    response = submit(client, event)
    assert response.status_code == 302 and response.url == reverse(
        "public:join_event", args=[event.join_code]
    )
    assert not Statement.objects.exists()


def test_a_closed_event_takes_no_new_statements():
    event = EventFactory()
    phone = joined(event)
    event.status = EventStatus.CLOSED
    event.save()
    response = submit(phone, event)
    assert response.status_code == 400 and "no longer takes new statements" in response.content.decode()
    assert not Statement.objects.exists()


def test_statements_are_still_made_from_comments_approved_at_once():
    event = EventFactory()
    comment = CommentFactory(event=event, text="Centres should open on Saturdays")
    facilitator = Client()
    facilitator.force_login(member(event.area, AreaRole.FACILITATOR))
    facilitator.post(reverse("consensus:from_comments", args=[event.pk]), {"comments": [comment.pk]})
    statement = Statement.objects.get()
    assert (statement.status, statement.is_open, statement.source_comment) == (
        StatementStatus.APPROVED,
        True,
        comment,
    )
