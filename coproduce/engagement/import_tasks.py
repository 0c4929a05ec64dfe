"""Background work: a comment import saves its rows in the task worker, not in the web request."""

from django_tasks import task


@task()
def import_comments(job_id: int) -> str:
    from coproduce.core.heartbeat import beating
    from coproduce.engagement.import_services import import_job_carry_out
    from coproduce.engagement.models import ImportJob, ImportStatus

    if not ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).exists():
        return import_job_carry_out(job_id=job_id)  # taken by another worker: say how it stands, no beat
    # Saving the rows is one long transaction with nothing to report on the way: a thread beats meanwhile.
    with beating(ImportJob, job_id):
        return import_job_carry_out(job_id=job_id)
