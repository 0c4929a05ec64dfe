"""Background work: an analysis runs in the task worker, not in the web request.

Tasks call services; services never import tasks. ``run_start`` queues ``analyse_area`` because this
module registers it (``run_task_register``) when it is imported, which ``ThemesConfig.ready`` makes sure of.
"""

from django_tasks import task

from coproduce.core.heartbeat import beating
from coproduce.themes.models import AnalysisRun, RunStatus
from coproduce.themes.services import run_carry_out, run_task_register


@task()
def analyse_area(run_id: int) -> str:
    run = AnalysisRun.objects.get(pk=run_id)
    if run.status != RunStatus.QUEUED:
        return run.status  # already taken by another worker
    # The engine reports progress at most once a second and not at all inside a long step: a thread beats too.
    with beating(AnalysisRun, run.pk):
        return run_carry_out(run).status


run_task_register(analyse_area)
