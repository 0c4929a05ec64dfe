"""``manage.py load_demo [--reset]``: load the demo programme (Bexley and Riverside). Safe to run again."""

from django.core.management.base import BaseCommand
from django.urls import reverse

from coproduce.demo.loader import DEMO_PASSWORD, DEMO_SLUGS, load_demo


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

    def handle(self, *args, reset: bool = False, **options):
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
