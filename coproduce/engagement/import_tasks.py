"""Background work: a comment import saves its rows in the task worker, not in the web request."""

from django_tasks import task


@task()
def import_comments(job_id: int) -> str:
    from coproduce.engagement.import_services import import_job_carry_out

    return import_job_carry_out(job_id=job_id)
