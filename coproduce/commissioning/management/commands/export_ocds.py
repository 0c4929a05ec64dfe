"""manage.py export_ocds AREA FILE: write an area's published processes as an OCDS release package."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coproduce.commissioning.ocds import releases as ocds
from coproduce.commissioning.ocds.validate import codelist_errors, release_package_errors
from coproduce.programmes.models import Area


class Command(BaseCommand):
    help = (
        "Write the OCDS 1.1.5 release package (or, with --records, the record package) of an area's "
        "published commissioning processes to FILE ('-' for standard output). The same bytes every time "
        "while nothing changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("area", help="The area's slug, e.g. bexley")
        parser.add_argument("file", help="Where to write the JSON; '-' for standard output")
        parser.add_argument("--records", action="store_true", help="Write the record package instead")
        parser.add_argument(
            "--all",
            action="store_true",
            help="Include unpublished processes (for checking before publishing)",
        )

    def handle(self, *args, area: str, file: str, records: bool, all: bool, **options):
        found = Area.objects.filter(slug=area).first()
        if found is None:
            raise CommandError(f"No area with the slug {area!r}")
        queryset = found.commissioning_processes.order_by("pk")
        processes = list(queryset if all else queryset.filter(is_published=True))
        if not processes:
            raise CommandError(
                f"{found.name} has no {'' if all else 'published '}commissioning process to export"
            )
        package = ocds.release_package(found, processes)
        problems = release_package_errors(package) + [
            error for release in package["releases"] for error in codelist_errors(release)
        ]
        if problems:
            raise CommandError("The release package is not valid OCDS 1.1.5:\n" + "\n".join(problems))
        document = ocds.record_package(found, processes) if records else package
        body = ocds.dumps(document)
        if file == "-":
            self.stdout.write(body.decode("utf-8"), ending="")
        else:
            Path(file).write_bytes(body)
            what = "records" if records else "releases"
            count = len(document["records"] if records else document["releases"])
            self.stderr.write(f"Wrote {count} {what} of {len(processes)} process(es) to {file}")
