"""Seed an area's service directory from an Open Referral feed: ORUK JSON or a zipped HSDS CSV package."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coproduce.directory.models import Organisation
from coproduce.programmes.models import Area
from coproduce.service_directory import imports


class Command(BaseCommand):
    help = (
        "Import ORUK JSON (a /services page or pages, a list of services, one service) or the HSDS CSV data"
        " package (.zip) into an area's directory. All or nothing: every problem is listed with its row and"
        " column or JSON path, and nothing changes unless the whole file is good."
    )

    def add_arguments(self, parser):
        parser.add_argument("area", help="The area's slug, e.g. bexley")
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--organisation",
            required=True,
            help="Name of the area's organisation for services the feed names none for",
        )
        parser.add_argument("--publish", action="store_true", help="Publish the services straight away")

    def handle(self, *args, area: str, file: Path, organisation: str, publish: bool, **options):
        found_area = Area.objects.filter(slug=area).first()
        if found_area is None:
            raise CommandError(f"No area has the slug {area!r}.")
        default = Organisation.objects.filter(area=found_area, name=organisation).first()
        if default is None:
            raise CommandError(f"{found_area} has no organisation named {organisation!r}.")
        if not file.exists():
            raise CommandError(f"No such file: {file}")
        result = imports.import_upload(
            area=found_area,
            default_organisation=default,
            name=file.name,
            content=file.read_bytes(),
            publish=publish,
        )
        if result.problems:
            for problem in result.problems:
                self.stderr.write(problem)
            raise CommandError(f"Nothing was imported: {len(result.problems)} problems.")
        self.stdout.write(f"Imported {result.services} services. {result.summary()}")
