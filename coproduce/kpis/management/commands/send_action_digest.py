"""Queue the action owners' daily digest for the background worker (run it once a day, e.g. from cron)."""

from django.core.management.base import BaseCommand

from coproduce.kpis.notifications import digest_send
from coproduce.kpis.tasks import send_action_digest


class Command(BaseCommand):
    help = (
        "Queue today's action digest for the worker (manage.py worker sends it). Run daily from cron, e.g. "
        "'0 7 * * * manage.py send_action_digest'. --now sends it in this process instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Send in this process instead of the worker.")

    def handle(self, *args, now: bool = False, **options):
        if now:
            self.stdout.write(f"Sent {digest_send()} digest email(s).")
            return
        result = send_action_digest.enqueue()
        self.stdout.write(f"Queued the action digest for the worker (task {result.id}).")
