"""Statements and votes through the pages: facilitators write statements, participants vote on phones."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from coproduce.accounts.models import AreaRole
from coproduce.consensus.models import Statement, Vote
from coproduce.directory.models import Role
from coproduce.engagement.models import EventStatus
from tests.factories import AreaFactory, CommentFactory, EventFactory, StatementFactory, member

pytestmark = pytest.mark.django_db


def join(client, event, role=Role.VCS_PROVIDER) -> str:
    response = client.post(reverse("public:join"), {"code": event.join_code})
    response = client.post(response.url, {"role": role})
    assert response.status_code == 302
    return reverse("public:vote", args=[event.join_code])


def statement(event, text="Small charities cannot bid for three-year contracts", **kwargs) -> Statement:
    return StatementFactory(event=event, text=text, **kwargs)


def test_a_participant_votes_and_can_change_their_mind_without_voting_twice(client):
    event = EventFactory()
    first, second = statement(event), statement(event, "Centres should open on Saturdays")
    url = join(client, event)

    response = client.post(url, {"statement": first.pk, "choice": "agree"})
    assert response.status_code == 302
    assert response.url.endswith(f"#statement-{second.pk}")  # on to the next statement
    client.post(url, {"statement": first.pk, "choice": "disagree"})

    vote = Vote.objects.get()
    assert (vote.statement, vote.choice, vote.role) == (first, "disagree", Role.VCS_PROVIDER)
    page = client.get(url).content.decode()
    assert "You have voted on 1 of 2 statements" in page
    assert 'value="disagree" class="govuk-button govuk-button--warning" aria-pressed="true"' in page


def test_a_participant_can_vote_only_in_the_event_whose_code_they_used(client):
    area = AreaFactory()
    joined, other = EventFactory(area=area), EventFactory(area=area)
    theirs, not_theirs = statement(joined), statement(other)
    join(client, joined)

    # The other event's page sends them to join it first; nothing is counted.
    response = client.post(
        reverse("public:vote", args=[other.join_code]), {"statement": not_theirs.pk, "choice": "agree"}
    )
    assert response.status_code == 302 and response.url == reverse(
        "public:join_event", args=[other.join_code]
    )
    # Nor can they slip the other event's statement into the event they joined.
    response = client.post(
        reverse("public:vote", args=[joined.join_code]), {"statement": not_theirs.pk, "choice": "agree"}
    )
    assert response.status_code == 400
    assert "no longer open for votes" in response.content.decode()
    assert not Vote.objects.exists()
    assert theirs.votes.count() == 0


def test_someone_who_has_not_joined_is_asked_for_their_role_first(client):
    event = EventFactory()
    s = statement(event)
    response = client.post(
        reverse("public:vote", args=[event.join_code]), {"statement": s.pk, "choice": "agree"}
    )
    assert response.status_code == 302 and "/join/" in response.url
    assert not Vote.objects.exists()


def test_a_closed_statement_or_event_takes_no_votes_and_says_so(client):
    event = EventFactory()
    closed = statement(event, is_open=False)
    url = join(client, event)
    response = client.post(url, {"statement": closed.pk, "choice": "agree"})
    assert response.status_code == 400

    open_one = statement(event, "Another")
    event.status = EventStatus.CLOSED
    event.save()
    response = client.post(url, {"statement": open_one.pk, "choice": "agree"})
    assert response.status_code == 400
    assert "Voting has closed for this event" in response.content.decode()
    assert not Vote.objects.exists()


def test_a_bad_choice_is_refused(client):
    event = EventFactory()
    s = statement(event)
    url = join(client, event)
    assert client.post(url, {"statement": s.pk, "choice": "maybe"}).status_code == 400
    assert not Vote.objects.exists()


def test_votes_are_rate_limited_per_participant_not_per_room(client, settings):
    settings.RATELIMIT_ENABLE = True
    settings.VOTE_RATE = "2/m"
    event = EventFactory()
    s = statement(event)
    url = join(client, event)
    assert client.post(url, {"statement": s.pk, "choice": "agree"}).status_code == 302
    assert client.post(url, {"statement": s.pk, "choice": "pass"}).status_code == 302
    response = client.post(url, {"statement": s.pk, "choice": "disagree"})
    assert response.status_code == 429 and "Wait a minute" in response.content.decode()
    assert Vote.objects.get().choice == "pass"
    # Someone else in the same room (same address) still gets to vote.
    neighbour = Client()
    join(neighbour, event)
    assert neighbour.post(url, {"statement": s.pk, "choice": "agree"}).status_code == 302


def test_the_vote_limit_holds_across_web_processes(client, settings):
    from django.core.cache import caches

    settings.RATELIMIT_ENABLE = True
    settings.VOTE_RATE = "2/m"
    event = EventFactory()
    s = statement(event)
    url = join(client, event)
    for choice in ["agree", "pass"]:
        assert client.post(url, {"statement": s.pk, "choice": choice}).status_code == 302
        caches["local"].clear()  # the next vote reaches another web process, with its own memory

    assert client.post(url, {"statement": s.pk, "choice": "disagree"}).status_code == 429


def test_public_results_follow_the_events_publication_setting(client):
    event = EventFactory(results_published=False)
    statement(event, "Commissioning timetables should be published a year ahead")
    results = reverse("public:vote_results", args=[event.join_code])
    assert client.get(results).status_code == 404
    assert client.get(reverse("public:vote_results_feed", args=[event.join_code])).status_code == 404

    event.results_published = True
    event.save()
    page = client.get(results)
    assert page.status_code == 200
    assert "Commissioning timetables should be published a year ahead" in page.content.decode()


def test_a_facilitator_writes_statements_and_makes_them_from_comments(client):
    event = EventFactory()
    said = CommentFactory(event=event, text="We never hear about tenders until it is too late.")
    client.force_login(member(event.area, AreaRole.FACILITATOR))
    url = reverse("consensus:statements", args=[event.pk])

    response = client.post(url, {"text": "  "})
    assert response.status_code == 400 and "Enter the statement" in response.content.decode()
    response = client.post(url, {"text": "x" * 401})
    assert "400 characters or fewer" in response.content.decode()
    assert not Statement.objects.exists()

    client.post(url, {"text": "Local VCS groups hear about tenders too late"})
    client.post(reverse("consensus:from_comments", args=[event.pk]), {"comments": [said.pk]})
    assert list(event.statements.values_list("text", "source_comment")) == [
        ("Local VCS groups hear about tenders too late", None),
        ("We never hear about tenders until it is too late.", said.pk),
    ]
    # A comment of another event cannot be made into this event's statement.
    elsewhere = CommentFactory(event=EventFactory(area=event.area))
    client.post(reverse("consensus:from_comments", args=[event.pk]), {"comments": [elsewhere.pk]})
    assert event.statements.count() == 2


def test_closing_voting_on_a_statement_takes_it_off_participants_phones(client):
    event = EventFactory()
    s = statement(event)
    facilitator = Client()
    facilitator.force_login(member(event.area, AreaRole.FACILITATOR))
    facilitator.post(reverse("consensus:statement_open", args=[s.pk]), {"is_open": "0"})
    s.refresh_from_db()
    assert not s.is_open
    page = client.get(join(client, event)).content.decode()
    assert s.text not in page and "nothing to vote on yet" in page


def test_the_results_page_marks_common_ground_and_divisive_statements(client):
    event = EventFactory()
    shared = statement(event, "Families need to know what is on")
    split = statement(event, "The council should run centres in-house")
    also_split = statement(event, "Contracts should be let for five years")
    for _ in range(4):
        for role in (Role.VCS_PROVIDER, Role.LA_PROFESSIONAL):
            voter = Client()
            url = join(voter, event, role)
            voter.post(url, {"statement": shared.pk, "choice": "agree"})
            side = "agree" if role == Role.LA_PROFESSIONAL else "disagree"
            voter.post(url, {"statement": split.pk, "choice": side})
            voter.post(url, {"statement": also_split.pk, "choice": side})
    client.force_login(member(event.area, AreaRole.VIEWER))
    page = client.get(reverse("consensus:results", args=[event.pk])).content.decode()
    assert "24 votes from 8 people on 3 statements: 1 common ground, 2 divisive." in page
    shared_section = page.split(f'id="statement-{shared.pk}"')[1].split("</h2>")[0]
    split_section = page.split(f'id="statement-{split.pk}"')[1].split("</h2>")[0]
    # Both roles and both opinion groups agree on it: it is the agreed message, not just common ground.
    assert "Agreed message" in shared_section and "Divisive" not in shared_section
    assert "Divisive" in split_section and "Agreed message" not in split_section
    assert "100% (51%–100%)" in page  # 4 of 4 agree: Wilson 95% interval 0.51–1.00
    # 8 people on 3 statements: enough for opinion groups, which here split the roles apart.
    assert "Group 1: 4 people" in page and "Group 2: 4 people" in page
    agreed = page.split('id="agreed-message"')[1].split('id="common-ground-roles"')[0]
    assert shared.text in agreed and split.text not in agreed
    by_groups = page.split('id="common-ground-groups"')[1].split("</section>")[0]
    assert shared.text in by_groups and also_split.text not in by_groups
    # Each group's representative statements: the split statements, agreed by one group, not the other.
    group_1 = page.split('id="group-1"')[1].split("</section>")[0]
    assert split.text in group_1 and also_split.text in group_1


def test_votes_export_as_csv_and_xlsx_with_participants_numbered_and_formulas_defused(client):
    event = EventFactory()
    s = statement(event, "=SUM(A1:A9)")
    for role, choice in ((Role.VCS_PROVIDER, "agree"), (Role.CC_MANAGER, "disagree")):
        voter = Client()
        voter.post(join(voter, event, role), {"statement": s.pk, "choice": choice})
    client.force_login(member(event.area, AreaRole.VIEWER))

    response = client.get(reverse("consensus:export", args=[event.pk, "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["statement_id", "statement", "participant", "role", "vote", "voted_at"]
    assert [r[1:5] for r in rows[1:]] == [
        ["'=SUM(A1:A9)", "P1", "VCS provider", "agree"],
        ["'=SUM(A1:A9)", "P2", "Children's-centre manager", "disagree"],
    ]

    response = client.get(reverse("consensus:export", args=[event.pk, "xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Votes", "Agreement by role"]
    agreement = list(workbook["Agreement by role"].values)
    assert agreement[1][2:7] == ("Children's-centre manager", 0, 1, 0, 0)
    assert client.get(reverse("consensus:export", args=[event.pk, "pdf"])).status_code == 404


def test_changing_role_changes_the_role_of_later_votes(client):
    event = EventFactory()
    s = statement(event)
    url = join(client, event, Role.VCS_PROVIDER)
    client.post(url, {"statement": s.pk, "choice": "agree"})
    join(client, event, Role.PARENT_CARER)
    client.post(url, {"statement": s.pk, "choice": "pass"})
    assert list(Vote.objects.values_list("role", "choice")) == [(Role.PARENT_CARER, "pass")]


def test_a_session_from_before_votes_knew_the_event_still_votes(client):
    event = EventFactory()
    s = statement(event)
    url = join(client, event)
    assert client.post(url, {"statement": s.pk, "choice": "pass"}).status_code == 302
    session = client.session
    del session[f"coproduce:attending:{event.pk}"]
    del session[f"coproduce:joined:{event.pk}"]  # as a session from before joining was lazy
    session.save()
    assert client.post(url, {"statement": s.pk, "choice": "agree"}).status_code == 302
    assert Vote.objects.get().role == Role.VCS_PROVIDER
    assert Vote.objects.get().choice == "agree"


def test_a_first_vote_that_is_refused_records_nobody_and_the_next_vote_still_counts(client):
    """A person and attendance are written with their first vote, in one transaction: a vote refused
    because voting closed leaves no person behind, and the browser can vote once voting reopens."""
    from coproduce.directory.models import Person
    from coproduce.engagement.models import Attendance

    event = EventFactory()
    s = statement(event)
    url = join(client, event)
    event.status = EventStatus.CLOSED
    event.save()
    response = client.post(url, {"statement": s.pk, "choice": "agree"})
    assert response.status_code == 400
    assert not Person.objects.filter(area=event.area).exists()
    assert not Attendance.objects.filter(event=event).exists()

    event.status = EventStatus.OPEN
    event.save()
    response = client.post(url, {"statement": s.pk, "choice": "agree"})
    assert response.status_code == 302
    vote = Vote.objects.get()
    assert vote.person.attendances.filter(event=event).exists()
