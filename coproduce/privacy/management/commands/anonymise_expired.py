"""Anonymise participants whose last event is older than PARTICIPANT_RETENTION_DAYS. Run it daily."""

from django.conf import settings
from django.core.management.base import BaseCommand

from coproduce.privacy.services import people_anonymise_expired


class Command(BaseCommand):
    help = "Anonymise participants of events older than PARTICIPANT_RETENTION_DAYS (run daily, e.g. by cron)."

    def handle(self, *args, **options):
        done = people_anonymise_expired()
        self.stdout.write(
            f"anonymised {len(done)} participant(s) past {settings.PARTICIPANT_RETENTION_DAYS} days"
        )
