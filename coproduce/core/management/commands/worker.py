"""`manage.py worker`: django-tasks-db's db_worker, kept alive through database errors.

db_worker only tolerates "database is locked" while claiming a task; any other OperationalError or
InterfaceError (the database restarted, a connection dropped, a lock outside the claim) ends the process and
queued runs then wait forever. This worker logs the error, drops the broken connection, backs off and goes on.
"""

import contextlib
import logging
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

from coproduce.core.heartbeat import fail_stale_work

logger = logging.getLogger("coproduce.worker")

# Seconds to wait after a database error, doubling up to the ceiling while errors go on.
BACKOFF_START = 0.5
BACKOFF_CEILING = 30.0


# How often the worker looks for runs whose worker vanished (a killed or restarted process): once a minute,
# or more often when work counts as stale sooner, so a stopped run is marked within about the stale limit.
def sweep_seconds() -> float:
    return min(60.0, max(1.0, settings.WORKER_STALE_AFTER / 2))


class ResilientWorker(Worker):
    """db_worker's loop, surviving database errors and marking failed the runs whose worker vanished."""

    # db_worker's loop has no hook of its own, but it reads self.running at the top of every iteration (and
    # before it sleeps): that read is where the sweep for stale runs happens, at most once a minute.
    @property
    def running(self) -> bool:
        if self._running:
            self._sweep_if_due()
        return self._running

    @running.setter
    def running(self, value: bool) -> None:
        self._running = value

    def _sweep_if_due(self) -> None:
        now = time.monotonic()
        every = sweep_seconds()
        if now - getattr(self, "_swept_at", -every) < every:
            return
        self._swept_at = now
        try:
            fail_stale_work()
        except (OperationalError, InterfaceError):
            # The sweep waits for the next minute; the loop's own queries meet the error and back off.
            logger.exception("The worker could not look for stopped runs")

    def run(self) -> None:
        backoff = BACKOFF_START
        while self.running:
            try:
                super().run()
                return  # batch or max-tasks finished normally, or a signal stopped it
            except (OperationalError, InterfaceError):
                logger.exception("The worker hit a database error; retrying in %.1f s", backoff)
                for connection in connections.all():
                    with contextlib.suppress(OperationalError, InterfaceError):
                        connection.close()
                time.sleep(backoff)
                backoff = min(backoff * 2, BACKOFF_CEILING)
                close_old_connections()
                self.startup_delay = False


class Command(DbWorkerCommand):
    help = "Run the background-task worker, surviving database errors (wraps django-tasks-db's db_worker)."

    def handle(self, *args, **options):
        import django_tasks_db.management.commands.db_worker as db_worker

        # db_worker builds its Worker by name inside handle(); point that name at ours for this process.
        db_worker.Worker = ResilientWorker
        return super().handle(*args, **options)
