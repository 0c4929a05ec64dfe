"""``manage.py backup [--directory DIR]``: a copy of the database in backups/ (``make backup``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coproduce.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (SQLite or PostgreSQL, from DATABASE_URL) into backups/."

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory", type=Path, default=None, help="Where to write it (default backups/)."
        )

    def handle(self, *args, directory=None, **options):
        try:
            path = backup(directory=directory)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"backed up to {path}")
