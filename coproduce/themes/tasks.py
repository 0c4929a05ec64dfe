"""Background work: an analysis runs in the task worker, not in the web request."""

from django_tasks import task

from coproduce.themes.models import AnalysisRun, RunStatus


@task()
def analyse_area(run_id: int) -> str:
    from coproduce.themes.services import run_carry_out

    run = AnalysisRun.objects.get(pk=run_id)
    if run.status != RunStatus.QUEUED:
        return run.status  # already taken by another worker
    return run_carry_out(run).status
