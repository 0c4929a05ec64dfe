"""Background work: the action owners' daily digest is sent by the task worker, never in a web request."""

from django_tasks import task

from coproduce.kpis.notifications import digest_send


@task()
def send_action_digest() -> int:
    """Send today's digests; returns how many emails went."""
    return digest_send()
