"""Importing a Pol.is conversation into an event: statements, anonymous participants and their votes, all
or nothing; a bad file gets one clear message naming where, and changes nothing. The real files are a
slice of Pol.is's open brexit-consensus conversation (tests/consensus/data/polis-brexit/README.md)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.consensus.models import PolisImport, PolisImportStatus, Statement, StatementStatus, Vote
from coproduce.consensus.polis_import import latest_polis_import, polis_import_carry_out
from coproduce.consensus.selectors import event_consensus
from coproduce.directory.models import Person, Role
from coproduce.engagement.models import Attendance
from tests.factories import EventFactory, StatementFactory, member

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data" / "polis-brexit"


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, content if content is not None else (DATA / name).read_bytes(), "text/csv"
    )


def post(event, **files):
    client = Client()
    client.force_login(member(event.area, AreaRole.FACILITATOR))
    return client.post(reverse("consensus:polis_import", args=[event.pk]), files)


def nothing_imported(event) -> bool:
    return not (
        event.statements.exists()
        or Person.objects.filter(area=event.area).exists()
        or Vote.objects.exists()
        or PolisImport.objects.exists()
    )


def test_comments_and_votes_csv_become_statements_participants_and_votes():
    event = EventFactory()

    response = post(event, comments=upload("comments.csv"), votes=upload("votes.csv"))

    assert response.status_code == 302
    statements = list(event.statements.order_by("polis_comment_id"))
    assert [s.polis_comment_id for s in statements] == list(range(10))
    assert statements[0].text == "I voted to Leave."  # Pol.is's own words
    assert all(s.status == StatementStatus.APPROVED and not s.is_open for s in statements)
    people = Person.objects.filter(area=event.area)
    assert people.count() == 30 and set(people.values_list("role", "name").distinct()) == {(Role.OTHER, "")}
    assert Attendance.objects.filter(event=event).count() == 30
    # 272 rows, one of them a participant changing their vote: the later one counts, as in Pol.is.
    assert Vote.objects.filter(statement__event=event).count() == 271
    assert event_consensus(event).result.participants == 30
    # The rows were written by the task worker (run at once in tests), which says so on the page.
    job = PolisImport.objects.get()
    assert (job.status, job.statements, job.participants, job.votes) == (PolisImportStatus.DONE, 10, 30, 271)
    assert job.created_by is not None and not any(Path(p).exists() for p in job.files.values() if p)
    client = Client()
    client.force_login(member(event.area, AreaRole.FACILITATOR))
    page = client.get(reverse("consensus:statements", args=[event.pk])).content.decode()
    assert "10 statements (0 moderated out on Pol.is, kept closed), 30 participants and 271 votes" in page


def test_participants_votes_csv_gives_the_same_votes():
    by_votes, by_table = EventFactory(), EventFactory()
    post(by_votes, comments=upload("comments.csv"), votes=upload("votes.csv"))
    post(by_table, comments=upload("comments.csv"), votes=upload("participants-votes.csv"))

    def votes_of(event):
        numbers = {}
        return sorted(
            (numbers.setdefault(p, len(numbers)), s, c)
            for p, s, c in Vote.objects.filter(statement__event=event)
            .order_by("person_id")
            .values_list("person_id", "statement__polis_comment_id", "choice")
        )

    assert len(votes_of(by_table)) == 271
    assert votes_of(by_table) == votes_of(by_votes)


def test_a_statement_pols_moderated_out_is_kept_rejected_and_out_of_the_results():
    event = EventFactory()
    comments = b"comment-id,moderated,comment-body\n0,1,Buses should run later\n1,-1,Spam\n"
    votes = b"timestamp,comment-id,voter-id,vote\n1,0,7,1\n2,1,7,-1\n3,0,8,-1\n"
    assert (
        post(event, comments=upload("comments.csv", comments), votes=upload("votes.csv", votes)).status_code
        == 302
    )
    spam = event.statements.get(polis_comment_id=1)
    assert spam.status == StatementStatus.REJECTED
    assert [row.statement.text for row in event_consensus(event).rows] == ["Buses should run later"]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"votes": ("votes.csv", b"timestamp,comment-id,voter-id,vote\n1,0,7,1\n2,0,8,5\n")},
            "votes.csv, row 3, column &#x27;vote&#x27;: a vote is 1 (agree), -1 (disagree) or 0 (pass), found 5",
        ),
        (
            {
                "comments": ("comments.csv", b"comment-id,comment-body\n0,Buses\n"),
                "votes": ("votes.csv", b"comment-id,voter-id,vote\n0,7,1\n3,7,1\n"),
            },
            "votes on comment 3, which comments.csv does not list",
        ),
        (
            {"votes": ("votes.csv", b"comment-id,comment-body\n0,Buses\n")},
            "this is a comments.csv",
        ),
        ({"votes": ("photo.csv", b"\x89PNG not a csv at all")}, "the header is neither"),
        (
            {
                "comments": ("comments.csv", b"comment-id,comment-body\n0,Buses\n0,Trains\n"),
                "votes": ("votes.csv", b"comment-id,voter-id,vote\n0,7,1\n"),
            },
            "comments.csv, row 3, column &#x27;comment-id&#x27;: comment 0 appears twice",
        ),
        (
            {
                "comments": ("comments.csv", b"comment-id,comment-body\n0," + b"x" * 401 + b"\n"),
                "votes": ("votes.csv", b"comment-id,voter-id,vote\n0,7,1\n"),
            },
            "Comment 0 is 401 characters",
        ),
        ({}, "Choose the votes file to import"),
    ],
)
def test_a_bad_file_gets_one_clear_message_and_nothing_changes(files, message):
    event = EventFactory()
    response = post(event, **{field: upload(name, content) for field, (name, content) in files.items()})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert nothing_imported(event)


def test_a_second_import_into_the_same_event_is_refused():
    event = EventFactory()
    post(event, comments=upload("comments.csv"), votes=upload("votes.csv"))
    response = post(event, comments=upload("comments.csv"), votes=upload("votes.csv"))
    assert (
        response.status_code == 400
        and "already holds an imported Pol.is conversation" in response.content.decode()
    )
    assert event.statements.count() == 10 and Vote.objects.count() == 271


def test_the_facilitators_own_statements_stay_as_they_were():
    event = EventFactory()
    own = StatementFactory(event=event, text="Our own statement")
    post(event, comments=upload("comments.csv"), votes=upload("votes.csv"))
    assert Statement.objects.get(pk=own.pk).text == "Our own statement" and event.statements.count() == 11


def test_an_import_whose_files_are_gone_fails_and_says_so(tmp_path):
    event = EventFactory()
    job = PolisImport.objects.create(
        event=event, files={"votes": str(tmp_path / "gone.csv"), "comments": None}
    )
    assert polis_import_carry_out(job_id=job.pk) == PolisImportStatus.FAILED
    job.refresh_from_db()
    assert "no longer kept" in job.error
    assert not (event.statements.exists() or Vote.objects.exists())


def test_an_import_whose_worker_stopped_is_marked_failed_not_importing_forever():
    import datetime

    event = EventFactory()
    old = datetime.datetime(2011, 1, 1, tzinfo=datetime.UTC)
    job = PolisImport.objects.create(
        event=event, status=PolisImportStatus.RUNNING, started_at=old, heartbeat_at=old
    )
    assert latest_polis_import(event).status == PolisImportStatus.FAILED
    job.refresh_from_db()
    assert "worker stopped" in job.error
