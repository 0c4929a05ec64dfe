"""On PostgreSQL two workers (as on two machines) never carry out the same task twice."""

import threading

import pytest
from django.conf import settings
from django.db import connections
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from coproduce.core.management.commands.worker import ResilientWorker
from tests.ops.probe_tasks import record

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="SQLite has one writer at a time; concurrent claims (SELECT ... FOR UPDATE SKIP LOCKED) need PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_two_workers_over_forty_tasks_run_each_exactly_once(tmp_path):
    log = tmp_path / "ran.txt"
    for number in range(40):
        record.enqueue(str(log), number)

    def work(worker_id):
        try:
            ResilientWorker(
                queue_names=["default"],
                interval=0,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id=worker_id,
                excluded_queue_names=[],
            ).run()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(f"machine-{n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    ran = sorted(int(line) for line in log.read_text().split())
    assert ran == list(range(40))
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 40
