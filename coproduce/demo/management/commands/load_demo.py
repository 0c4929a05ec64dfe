"""``manage.py load_demo [--reset]``: load the demo programme (Bexley and Riverside). Safe to run again."""

from django.core.management.base import BaseCommand
from django.urls import reverse

from coproduce.demo.loader import DEMO_PASSWORD, DEMO_SLUGS, load_demo
from coproduce.demo.tasks import analyse_and_publish
from coproduce.programmes.models import Area
from coproduce.themes.models import AnalysisRun
from coproduce.themes.services import run_start

# The case study found six common emerging themes in Bexley; elsewhere the engine chooses how many.
DEMO_THEMES = {"bexley": 6}


class Command(BaseCommand):
    help = (
        "Load the demo programme: the London Borough of Bexley case study and a fictional second area "
        "(Riverside). Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help=(
                f"Delete the demo areas ({', '.join(DEMO_SLUGS)}) and everything in them, then load them "
                "afresh. Other areas and existing user accounts are left alone."
            ),
        )
        parser.add_argument(
            "--no-analysis",
            action="store_true",
            help="Do not queue a theme analysis of the demo areas that have none.",
        )

    def handle(self, *args, reset: bool = False, no_analysis: bool = False, **options):
        summary = load_demo(reset=reset)
        out = self.stdout
        if summary["already_loaded"]:
            out.write("The demo is already loaded; nothing changed (use --reset to reload it).")
        else:
            verb = "Reloaded" if reset else "Loaded"
            out.write(self.style.SUCCESS(f"{verb} the demo programme in {summary['seconds']:.1f} s."))
        out.write(f"Programme: {summary['programme']}")
        for area in summary["areas"]:
            out.write(
                f"  {area['name']} ({area['url']}): {area['events']} events, {area['people']} people, "
                f"{area['comments']} comments, {area['proposals']} proposals, {area['actions']} actions "
                f"({area['overdue_actions']} overdue)"
            )
        totals = summary["totals"]
        out.write(
            f"  In all: {len(summary['areas'])} areas, {totals['events']} events, {totals['people']} people, "
            f"{totals['comments']} comments, {totals['proposals']} proposals, {totals['actions']} actions"
        )
        live = summary["open_event"]
        if live:
            out.write(
                f"Open event today: {live['title']}, join code {live['join_code']} at {reverse('public:join')}"
            )
        out.write(f"Sign in as {', '.join(summary['usernames'])}; password for all: {DEMO_PASSWORD}")
        if not no_analysis:
            self.queue_analyses()

    def queue_analyses(self) -> None:
        """The themes the reports show come from an analysis: queue one for each demo area without one.
        The task worker (`make worker`, started by `make run`) carries it out in a few seconds, then
        publishes the area's report again so the public one shows its themes."""
        for area in Area.objects.filter(slug__in=DEMO_SLUGS).order_by("slug"):
            if AnalysisRun.objects.filter(area=area).exists():
                continue
            run_start(area=area, filters={}, n_themes=DEMO_THEMES.get(area.slug), task=analyse_and_publish)
            self.stdout.write(f"Queued the theme analysis of {area.name}; the task worker carries it out.")
