"""Write an area's case-study report as a tagged PDF, e.g. for a printer or an archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coproduce.programmes.models import Area
from coproduce.reports.pdf import area_report_pdf
from coproduce.themes.models import RunStatus
from coproduce.themes.selectors import current_run
from coproduce.themes.services import run_carry_out, run_start


class Command(BaseCommand):
    help = "Write the case-study report of an area to a PDF file."

    def add_arguments(self, parser):
        parser.add_argument("area", help="the area's slug, e.g. bexley")
        parser.add_argument("output", type=Path, help="where to write the PDF")
        parser.add_argument(
            "--analyse",
            type=int,
            metavar="THEMES",
            help="first run the theme analysis with this many themes when the area has no finished run",
        )

    def handle(self, *args, area: str, output: Path, analyse: int | None, **options):
        found = Area.objects.filter(slug=area).first()
        if found is None:
            raise CommandError(f"No area has the slug {area!r}.")
        if analyse and current_run(found) is None:
            run = run_carry_out(run_start(area=found, filters={}, n_themes=analyse))
            if run.status != RunStatus.DONE:
                raise CommandError(f"The analysis failed: {run.error}")
            self.stdout.write(f"Analysed {found.name}'s comments into {run.themes.count()} themes.")
        output.write_bytes(area_report_pdf(found))
        self.stdout.write(f"Wrote {output} ({output.stat().st_size:,} bytes).")
