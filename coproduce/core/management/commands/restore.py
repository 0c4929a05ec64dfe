"""``manage.py restore FILE``: put a backup back, replacing everything in the database (``make restore``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coproduce.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace the database's contents with a backup made by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--no-input", action="store_true", help="Do not ask before replacing the data.")

    def handle(self, *args, file: Path, no_input: bool = False, **options):
        if not no_input and input(f"Replace everything in the database with {file}? [y/N] ").lower() != "y":
            raise CommandError("Nothing restored.")
        try:
            restore(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"restored from {file}")
