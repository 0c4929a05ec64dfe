"""Bring a Pol.is conversation into an event: its statements, and every vote with each Pol.is participant
as an anonymous participant of the event. The files are read by analysis.polis_files and checked while the
facilitator waits (a bad file gets one message, and nothing changes); the rows are then written by the task
worker, all or nothing, since a large conversation (vTaiwan's 49,443 votes) takes longer than a request."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coproduce.analysis import polis_files
from coproduce.consensus.models import (
    STATEMENT_MAX_LENGTH,
    PolisImport,
    PolisImportStatus,
    Statement,
    StatementStatus,
    Vote,
    VoteChoice,
)
from coproduce.core.heartbeat import STOPPED_REASON, stale_after
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
UNFINISHED = (PolisImportStatus.QUEUED, PolisImportStatus.RUNNING)


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


def polis_conversation_check(
    *,
    event: Event,
    votes: bytes,
    comments: bytes | None = None,
    names: dict[str, str] | None = None,
    job: PolisImport | None = None,
) -> polis_files.PolisConversation:
    """The conversation the files hold, or one ValidationError (on ``votes`` or ``comments``) naming the
    file, row and column of the problem. ``job`` is the import doing the check, not one in the way."""
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
                "comments": f"Comment {too_long[0].id} is {len(too_long[0].text)} characters: a statement "
                f"here must be {STATEMENT_MAX_LENGTH} or fewer."
            }
        )
    unfinished = event.polis_imports.filter(status__in=UNFINISHED)  # type: ignore[attr-defined]
    busy = (unfinished.exclude(pk=job.pk) if job else unfinished).exists()
    if busy or event.statements.filter(polis_comment_id__isnull=False).exists():
        raise ValidationError(
            {"votes": "This event already holds an imported Pol.is conversation. Import into a new event."}
        )
    return conversation


def _import_dir() -> Path:
    path = Path(settings.IMPORT_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def polis_import_queue(
    *, event: Event, votes: bytes, comments: bytes | None, names: dict[str, str], created_by=None
) -> tuple[PolisImport, polis_files.PolisConversation]:
    """Check the files now, keep them on disk and queue the import for the worker."""
    from coproduce.consensus.tasks import import_polis

    conversation = polis_conversation_check(event=event, votes=votes, comments=comments, names=names)
    files: dict[str, str | None] = {"comments": None}
    for key, data in (("votes", votes), ("comments", comments)):
        if data is not None:
            path = _import_dir() / f"polis-{uuid.uuid4().hex}.csv"
            path.write_bytes(data)
            files[key] = str(path)
    job = PolisImport.objects.create(
        event=event,
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
        files=files,
        names=names,
    )
    # Requests autocommit (no ATOMIC_REQUESTS), so the queued import is visible to the worker already.
    import_polis.enqueue(job.pk)
    return job, conversation


def _write(event: Event, conversation: polis_files.PolisConversation) -> tuple[int, int, int, int]:
    """Every row in one transaction: (statements, moderated out, participants, votes)."""
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
            ],
            batch_size=BATCH,
        )
        people = Person.objects.bulk_create(
            [Person(area_id=event.area_id, role=IMPORTED_ROLE) for _ in voters], batch_size=BATCH
        )
        Attendance.objects.bulk_create([Attendance(event=event, person=p) for p in people], batch_size=BATCH)
        person_of = {polis_id: person.pk for polis_id, person in zip(voters, people, strict=True)}
        statement_of = {s.polis_comment_id: s.pk for s in statements}
        made = Vote.objects.bulk_create(
            [
                Vote(
                    statement_id=statement_of[statement],
                    person_id=person_of[participant],
                    role=IMPORTED_ROLE,
                    choice=CHOICE[vote],
                )
                for participant, statement, vote in conversation.iter_votes()
            ],
            batch_size=BATCH,
        )
    left_out = sum(1 for s in conversation.statements if s.moderated_out)
    return len(statements), left_out, len(people), len(made)


def polis_import_carry_out(*, job_id: int) -> str:
    """The worker's part: read the kept files again and write every row, or none and say why."""
    job = PolisImport.objects.select_related("event").get(pk=job_id)
    if job.status != PolisImportStatus.QUEUED:
        return str(job.status)  # already taken by another worker
    job.status = PolisImportStatus.RUNNING
    job.started_at = timezone.now()
    job.save(update_fields=["status", "started_at"])
    paths = {key: Path(path) for key, path in job.files.items() if path}
    try:
        if not all(path.exists() for path in paths.values()):
            raise ValidationError("The uploaded files are no longer kept. Upload them again.")
        data = {key: path.read_bytes() for key, path in paths.items()}
        # Checked again: another import may have finished into the event meanwhile.
        conversation = polis_conversation_check(
            event=job.event, votes=data["votes"], comments=data.get("comments"), names=job.names, job=job
        )
        job.statements, job.left_out, job.participants, job.votes = _write(job.event, conversation)
        job.status = PolisImportStatus.DONE
    except ValidationError as error:
        job.status, job.error = PolisImportStatus.FAILED, " ".join(error.messages)
    job.finished_at = timezone.now()
    job.save()
    for path in paths.values():
        path.unlink(missing_ok=True)
    return str(job.status)


def latest_polis_import(event: Event) -> PolisImport | None:
    """The event's latest import; one still running long after its worker's last heartbeat is marked
    failed (the worker was stopped), so the page never says "importing" forever."""
    job = event.polis_imports.first()  # type: ignore[attr-defined]
    if job is None or job.status != PolisImportStatus.RUNNING:
        return job
    beat = job.heartbeat_at or job.started_at
    if beat is None or beat < timezone.now() - stale_after():
        PolisImport.objects.filter(pk=job.pk, status=PolisImportStatus.RUNNING).update(
            status=PolisImportStatus.FAILED, error=STOPPED_REASON, finished_at=timezone.now()
        )
        job.refresh_from_db()
    return job
