"""Background work that says it is alive, and work whose worker vanished marked failed instead of running forever.

A task touches its row's ``heartbeat_at`` when it starts and, through ``beating()``, every
WORKER_HEARTBEAT_SECONDS while it works (a thread, since one step of the work may run for minutes without
reporting). A row still "running" whose heartbeat is older than WORKER_STALE_AFTER seconds belongs to a
worker that was killed or restarted: ``fail_stale_work()`` marks it failed, from the page that shows it and
from the worker loop. A row still "queued" that long means no worker is taking work: ``waiting_too_long()``
lets the page say so.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, connection, models
from django.utils import timezone

logger = logging.getLogger("coproduce.worker")

STOPPED_REASON = "The worker stopped while this was running (it may have been restarted). Nothing was lost: start it again."


def stale_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.WORKER_STALE_AFTER)


def waiting_too_long(queued_at: datetime.datetime | None) -> bool:
    """Queued for longer than a worker would take to pick it up."""
    return queued_at is not None and queued_at < timezone.now() - stale_after()


class ProgressedWork(models.Model):
    """What background work with a progress bar keeps: when it ran, how far it got, why it failed, and the
    heartbeat that says its worker is alive (an analysis run, a KJ suggestion)."""

    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    progress_stage = models.CharField(max_length=32, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    # Touched by the worker while it works; an old one means the worker stopped.
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def progress_percent(self) -> int:
        return int(100 * self.progress_done / self.progress_total) if self.progress_total else 0


@dataclass
class Beater:
    model: type[models.Model]
    pk: int
    every: float
    stop: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None

    def touch(self) -> None:
        self.model._default_manager.filter(pk=self.pk).update(heartbeat_at=timezone.now())

    def _run(self) -> None:
        try:
            while not self.stop.wait(self.every):
                try:
                    self.touch()
                except DatabaseError:
                    # A busy or restarting database: the next beat will do; the work itself goes on.
                    logger.warning("Could not record the heartbeat of %s %s", self.model.__name__, self.pk)
        finally:
            # This thread has its own connection; close it rather than leave it to the garbage collector.
            connection.close()


@contextlib.contextmanager
def beating(model: type[models.Model], pk: int) -> Iterator[Beater]:
    """Touch the row's heartbeat now and every WORKER_HEARTBEAT_SECONDS until the block ends."""
    beater = Beater(model=model, pk=pk, every=float(settings.WORKER_HEARTBEAT_SECONDS))
    beater.touch()
    beater.thread = threading.Thread(target=beater._run, name=f"heartbeat-{model.__name__}-{pk}", daemon=True)
    beater.thread.start()
    try:
        yield beater
    finally:
        beater.stop.set()
        beater.thread.join(timeout=10)


def progress_writer(model: type[models.Model], pk: int) -> Callable[[str, int, int], None]:
    """The engine's ``progress`` callback for a row with progress_stage/done/total and heartbeat_at fields."""
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        # At most one write a second: the page polls, and the database has better things to do.
        now = time.monotonic()
        if now - last[0] < 1.0 and done < total:
            return
        last[0] = now
        model._default_manager.filter(pk=pk).update(
            progress_stage=stage,
            progress_done=done,
            progress_total=max(total, 1),
            heartbeat_at=timezone.now(),
        )

    return progress


def _fail_stale(model: type[models.Model], running: str, failed: str, **why) -> int:
    cutoff = timezone.now() - stale_after()
    rows = model._default_manager.filter(status=running).filter(
        models.Q(heartbeat_at__lt=cutoff) | models.Q(heartbeat_at__isnull=True)
    )
    # Read first: most of the time nothing is stale, and an UPDATE would take SQLite's write lock anyway.
    ids = list(rows.values_list("pk", flat=True))
    if not ids:
        return 0
    return rows.filter(pk__in=ids).update(status=failed, finished_at=timezone.now(), **why)


def fail_stale_work() -> int:
    """Mark failed every analysis run, comment import and KJ suggestion whose worker stopped; how many."""
    from coproduce.engagement.models import ImportJob, ImportStatus
    from coproduce.methods.models import KJSuggestion, KJSuggestionStatus
    from coproduce.themes.models import AnalysisRun, RunStatus

    marked = _fail_stale(AnalysisRun, RunStatus.RUNNING, RunStatus.FAILED, error=STOPPED_REASON)
    marked += _fail_stale(ImportJob, ImportStatus.RUNNING, ImportStatus.FAILED, problems=[STOPPED_REASON])
    marked += _fail_stale(
        KJSuggestion, KJSuggestionStatus.RUNNING, KJSuggestionStatus.FAILED, error=STOPPED_REASON
    )
    if marked:
        logger.warning("Marked %d background run(s) failed: their worker stopped", marked)
    return marked
