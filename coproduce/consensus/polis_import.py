"""Bring a Pol.is conversation into an event: its statements, and every vote with each Pol.is participant
as an anonymous participant of the event. All or nothing; the files are read by analysis.polis_files."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from coproduce.analysis import polis_files
from coproduce.consensus.models import STATEMENT_MAX_LENGTH, Statement, StatementStatus, Vote, VoteChoice
from coproduce.directory.models import Person, Role
from coproduce.engagement.models import Attendance, Event

CHOICE = {
    polis_files.AGREE: VoteChoice.AGREE,
    polis_files.DISAGREE: VoteChoice.DISAGREE,
    polis_files.PASS: VoteChoice.PASS,
}
# Pol.is does not ask which role anyone speaks from.
IMPORTED_ROLE = Role.OTHER
BATCH = 2000


@dataclass(frozen=True)
class PolisImported:
    statements: int
    left_out: int  # statements Pol.is's moderator took out: imported closed, and rejected
    participants: int
    votes: int


def votes_kind(data: bytes) -> str:
    """Which Pol.is file the votes upload is, from its header: "votes" or "participants_votes"."""
    first = data.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace")
    header = {cell.strip().strip('"').lower() for cell in first.split(",")}
    if "participant" in header:
        return "participants_votes"
    if {"voter-id", "vote"} <= header:
        return "votes"
    if "comment-body" in header:
        raise polis_files.PolisFileError(
            "this is a comments.csv: choose the votes.csv or participants-votes.csv here",
            file="the votes file",
            row=1,
        )
    raise polis_files.PolisFileError(
        "the header is neither Pol.is's votes.csv (comment-id, voter-id, vote) nor its participants-votes.csv "
        "(participant, group-id, then one column per comment)",
        file="the votes file",
        row=1,
    )


def polis_conversation_import(
    *, event: Event, votes: bytes, comments: bytes | None = None, names: dict[str, str] | None = None
) -> PolisImported:
    """Import the conversation into ``event``, or raise one ValidationError (on ``votes`` or ``comments``)
    naming the file, row and column of the problem, having changed nothing."""
    names = names or {}
    comments_name = names.get("comments", polis_files.COMMENTS_FILE)
    try:
        kind = votes_kind(votes)
        file_names = {"comments": comments_name, kind: names.get("votes", kind)}
        conversation = polis_files.conversation(comments=comments, names=file_names, **{kind: votes})
    except polis_files.PolisFileError as error:
        field = "comments" if comments is not None and error.file == comments_name else "votes"
        raise ValidationError({field: str(error)}) from error
    too_long = [s for s in conversation.statements if len(s.text) > STATEMENT_MAX_LENGTH]
    if too_long:
        raise ValidationError(
            {
                "comments": f"Comment {too_long[0].id} is {len(too_long[0].text)} characters: a statement here must be {STATEMENT_MAX_LENGTH} or fewer."
            }
        )
    if event.statements.filter(polis_comment_id__isnull=False).exists():
        raise ValidationError(
            {"votes": "This event already holds an imported Pol.is conversation. Import into a new event."}
        )
    voters = sorted({participant for participant, _, _ in conversation.iter_votes()})
    with transaction.atomic():
        statements = Statement.objects.bulk_create(
            [
                Statement(
                    event=event,
                    text=s.text or f"Pol.is statement {s.id} (its text was not in the import)",
                    polis_comment_id=s.id,
                    status=StatementStatus.REJECTED if s.moderated_out else StatementStatus.APPROVED,
                    is_open=False,
                )
                for s in conversation.statements
            ]
        )
        people = Person.objects.bulk_create(
            [Person(area_id=event.area_id, role=IMPORTED_ROLE) for _ in voters]
        )
        Attendance.objects.bulk_create([Attendance(event=event, person=p) for p in people], batch_size=BATCH)
        person_of = {polis_id: person.pk for polis_id, person in zip(voters, people, strict=True)}
        statement_of = {s.polis_comment_id: s.pk for s in statements}
        made = Vote.objects.bulk_create(
            (
                Vote(
                    statement_id=statement_of[statement],
                    person_id=person_of[participant],
                    role=IMPORTED_ROLE,
                    choice=CHOICE[vote],
                )
                for participant, statement, vote in conversation.iter_votes()
            ),
            batch_size=BATCH,
        )
    return PolisImported(
        statements=len(statements),
        left_out=sum(1 for s in conversation.statements if s.moderated_out),
        participants=len(people),
        votes=len(made),
    )
