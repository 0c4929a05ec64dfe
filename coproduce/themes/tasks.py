"""Background work: an analysis runs in the task worker, not in the web request."""

from django_tasks import task

from coproduce.themes.models import AnalysisRun, RunStatus


@task()
def analyse_area(run_id: int) -> str:
    from coproduce.core.heartbeat import beating
    from coproduce.themes.services import run_carry_out

    run = AnalysisRun.objects.get(pk=run_id)
    if run.status != RunStatus.QUEUED:
        return run.status  # already taken by another worker
    # The engine reports progress at most once a second and not at all inside a long step: a thread beats too.
    with beating(AnalysisRun, run.pk):
        return run_carry_out(run).status
