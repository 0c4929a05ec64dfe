"""Background work: a Pol.is conversation's rows are written in the task worker, not in the web request."""

from django_tasks import task


@task()
def import_polis(job_id: int) -> str:
    from coproduce.consensus.models import PolisImport
    from coproduce.consensus.polis_import import polis_import_carry_out
    from coproduce.core.heartbeat import beating

    # Writing the rows is one long transaction with nothing to report on the way: a thread beats meanwhile.
    with beating(PolisImport, job_id):
        return polis_import_carry_out(job_id=job_id)
