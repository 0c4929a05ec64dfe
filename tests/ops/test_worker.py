"""The task worker goes on after a database error instead of dying and leaving every run queued."""

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from tests.ops.probe_tasks import probe


class FailFirstQueries:
    """Fails the first few queries as a restarting or locked database would (Django's execute_wrapper hook)."""

    def __init__(self, failures):
        self.failures = failures

    def __call__(self, execute, sql, params, many, context):
        if self.failures:
            self.failures -= 1
            raise OperationalError("disk I/O error")
        return execute(sql, params, many, context)


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}})
def test_the_worker_survives_a_database_error_and_then_runs_the_task():
    result = probe.enqueue()
    with connection.execute_wrapper(FailFirstQueries(2)):
        call_command("worker", "--batch", "--interval", "0", "--no-startup-delay")
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"


def test_the_worker_looks_for_stopped_runs_within_about_the_stale_limit(settings):
    from coproduce.core.management.commands.worker import sweep_seconds

    settings.WORKER_STALE_AFTER = 10
    assert sweep_seconds() == 5
    settings.WORKER_STALE_AFTER = 120
    assert sweep_seconds() == 60
    settings.WORKER_STALE_AFTER = 3600
    assert sweep_seconds() == 60
