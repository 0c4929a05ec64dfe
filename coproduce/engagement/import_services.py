"""Writes for a comment import: keep the upload on disk, queue the import, carry it out in the worker.

The upload is a file under ``IMPORT_DIR`` (never the session); every read of its rows parses that file.
The rows are saved all or none; rows already in the event are recognised by a fingerprint and, unless
the facilitator says otherwise, skipped.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from coproduce.engagement import imports
from coproduce.engagement.models import Event, ImportJob, ImportStatus

KEEP_FILES_SECONDS = 24 * 60 * 60


def import_dir() -> Path:
    path = Path(settings.IMPORT_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def fingerprint(*, event_id: int, text: str, author_role: str) -> str:
    """The same words from the same kind of person at the same event, however spaced or capitalised."""
    key = f"{event_id}\x1f{imports.normalise(text)}\x1f{author_role}"
    return hashlib.sha256(key.encode()).hexdigest()


def import_job_create(*, event: Event, created_by: Any, filename: str, data: bytes) -> ImportJob:
    suffix = Path(filename).suffix.lower()
    path = import_dir() / f"{uuid.uuid4().hex}{suffix}"
    path.write_bytes(data)
    return ImportJob.objects.create(
        event=event,
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
        filename=filename[:255],
        file_path=str(path),
        file_sha256=hashlib.sha256(data).hexdigest(),
    )


def import_job_parsed(job: ImportJob) -> imports.ParsedFile:
    """The file's rows, read again from disk; raises ImportFileError if it is gone or unreadable."""
    path = Path(job.file_path)
    if not path.exists():
        raise imports.ImportFileError(
            imports.ImportProblem(None, None, "The uploaded file is no longer kept. Upload it again.")
        )
    return imports.parse_file(
        job.filename,
        path.read_bytes(),
        max_bytes=settings.IMPORT_MAX_BYTES,
        max_rows=settings.IMPORT_MAX_ROWS,
        max_unzipped_bytes=settings.IMPORT_MAX_UNZIPPED_BYTES,
        max_cell_chars=settings.IMPORT_MAX_CELL_CHARS,
    )


@dataclass(frozen=True)
class Copies:
    count: int
    earlier: ImportJob | None  # the latest import that brought in one of these rows, if any
    same_file: ImportJob | None  # an earlier import of byte-for-byte this file


def import_job_copies(job: ImportJob, drafts: list[imports.CommentDraft]) -> Copies:
    """How many drafts are already comments of the event, and which import brought them in."""
    event = job.event
    existing = {
        fingerprint(event_id=event.pk, text=text, author_role=role)
        for text, role in event.comments.values_list("text", "author_role")
    }
    prints = {fingerprint(event_id=event.pk, text=d.text, author_role=d.author_role) for d in drafts}
    copies = prints & existing
    done = ImportJob.objects.filter(event=event, status=ImportStatus.DONE).exclude(pk=job.pk)
    earlier = next((j for j in done if copies & set(j.fingerprints)), None) if copies else None
    same_file = done.filter(file_sha256=job.file_sha256).first()
    count = sum(
        1 for d in drafts if fingerprint(event_id=event.pk, text=d.text, author_role=d.author_role) in copies
    )
    return Copies(count=count, earlier=earlier, same_file=same_file)


def import_job_start(*, job: ImportJob, mapping: imports.ColumnMapping, skip_copies: bool) -> None:
    from coproduce.engagement.import_tasks import import_comments

    job.mapping = dict(mapping)
    job.skip_copies = skip_copies
    job.status = ImportStatus.QUEUED
    job.queued_at = timezone.now()
    job.save(update_fields=["mapping", "skip_copies", "status", "queued_at"])
    # Requests autocommit (no ATOMIC_REQUESTS), so the queued job is visible to the worker already.
    import_comments.enqueue(job.pk)


def import_job_restart(*, job: ImportJob) -> bool:
    """Queue again an import whose worker stopped, from the file kept on disk; False if it cannot be.

    The rows are saved in one transaction, so a worker killed mid-import saved none of them."""
    from coproduce.engagement.import_tasks import import_comments

    if not job.worker_stopped or not Path(job.file_path).exists():
        return False
    updated = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.FAILED).update(
        status=ImportStatus.QUEUED, problems=[], queued_at=timezone.now(), heartbeat_at=None, finished_at=None
    )
    if updated:  # not already restarted from another tab
        import_comments.enqueue(job.pk)
    return bool(updated)


def import_job_carry_out(*, job_id: int) -> str:
    job = ImportJob.objects.select_related("event", "created_by").get(pk=job_id)
    if job.status != ImportStatus.QUEUED:
        return str(job.status)  # already taken by another worker
    job.status = ImportStatus.RUNNING
    job.heartbeat_at = timezone.now()
    job.save(update_fields=["status", "heartbeat_at"])
    try:
        parsed = import_job_parsed(job)
        mapping: imports.ColumnMapping = {t: job.mapping.get(t) for t in imports.TARGETS}
        result = imports.validate_rows(parsed, mapping)
    except imports.ImportFileError as exc:
        return _finish(job, ImportStatus.FAILED, problems=[str(exc.problem)])
    job.rows_total = len(parsed.rows)
    if result.problems:
        return _finish(job, ImportStatus.FAILED, problems=[str(p) for p in result.problems])
    drafts = result.drafts
    skipped = 0
    if job.skip_copies:
        copies = import_job_copies(job, drafts)
        if copies.count:
            seen = {
                fingerprint(event_id=job.event_id, text=t, author_role=r)
                for t, r in job.event.comments.values_list("text", "author_role")
            }
            kept = [
                d
                for d in drafts
                if fingerprint(event_id=job.event_id, text=d.text, author_role=d.author_role) not in seen
            ]
            skipped, drafts = len(drafts) - len(kept), kept
    saved = imports.save_drafts(event=job.event, drafts=drafts, captured_by=job.created_by)
    job.created_count = len(saved)
    job.skipped_count = skipped
    job.rows_done = job.rows_total
    job.fingerprints = sorted(
        {fingerprint(event_id=job.event_id, text=d.text, author_role=d.author_role) for d in result.drafts}
    )
    return _finish(job, ImportStatus.DONE)


def _finish(job: ImportJob, status: str, *, problems: list[str] | None = None) -> str:
    job.status = status
    job.problems = problems or []
    job.finished_at = timezone.now()
    job.save()
    delete_old_import_files()
    return status


def delete_old_import_files(*, older_than_seconds: int = KEEP_FILES_SECONDS) -> int:
    """Uploads are kept a day, for the facilitator to come back to; then deleted."""
    cutoff = time.time() - older_than_seconds
    deleted = 0
    for path in import_dir().iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            deleted += 1
    return deleted
