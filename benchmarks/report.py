"""Benchmark: the case-study report of a large area, as HTML and as a tagged PDF.

Builds, in a fresh PostgreSQL database of its own, one area with 10,000 comments over four events, 300
people, six proposals with actions, a finished theme analysis of every comment, and a before-and-after
survey with 500 responses (250 people, each answering three scale questions and one free-text question
in both waves). Then it times what a facilitator waits for: gathering the report from the data,
rendering its HTML page and rendering its PDF. Setting up (and the analysis, which `make bench-themes`
measures) is timed separately and left out.

Its last line reads: report: comments=N answers=N seconds=X pages=N
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import os
import random
import sys
import time
from pathlib import Path

from benchdb import fresh_database

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "coproduce" / "demo" / "data"
DOC = ROOT / "docs" / "benchmarks-report.md"


def seed_texts() -> list[str]:
    """The demo's comments: realistic sentences to vary into a large area's worth."""
    texts = []
    for name in ("bexley_comments.csv", "riverside_comments.csv"):
        with (DATA / name).open(newline="", encoding="utf-8") as file:
            texts += [row["text"] for row in csv.DictReader(file)]
    return texts


def build_area(*, comments: int, responses: int, seed: int):
    """The large area, written in bulk. Returns the area."""
    from django.contrib.auth import get_user_model

    from coproduce.directory.models import Organisation, OrganisationKind, Person, Role
    from coproduce.engagement.models import Attendance, Comment, CommentStatus, Event, EventKind, Method
    from coproduce.programmes.models import Area, Challenge, Programme
    from coproduce.proposals.models import Action, ActionStatus, Proposal
    from coproduce.surveys.models import Answer, Question, QuestionKind, Response, Survey, SurveyStatus, Wave

    rng = random.Random(seed)
    programme = Programme.objects.create(name="Report benchmark")
    area = Area.objects.create(
        programme=programme, name="Benchmark borough", slug="benchmark", is_published=True
    )
    for n, text in enumerate(("How to engage the VCS?", "How to work together on centres?"), 1):
        Challenge.objects.create(area=area, number=n, text=text)
    council = Organisation.objects.create(
        area=area, name="Benchmark council", kind=OrganisationKind.LOCAL_AUTHORITY
    )
    roles = [Role.LA_PROFESSIONAL, Role.CC_MANAGER, Role.CC_STAFF, Role.VCS_PROVIDER]
    people = Person.objects.bulk_create(
        [Person(area=area, name=f"Person {i:03d}", role=roles[i % len(roles)]) for i in range(300)]
    )
    methods = [Method.SIX_HATS, Method.KJ, Method.ORID, Method.FORCE_FIELD]
    events = Event.objects.bulk_create(
        [
            Event(
                area=area,
                kind=EventKind.WORKSHOP,
                title=f"Workshop {n + 1}",
                date=datetime.date(2025, 1 + 2 * n, 10),
                methods=[methods[n]],
            )
            for n in range(4)
        ]
    )
    Attendance.objects.bulk_create(
        [Attendance(event=event, person=person) for event in events for person in rng.sample(people, 120)]
    )
    texts = seed_texts()
    extra = ("at the centre", "for families", "this year", "in the north", "with parents", "before tender")
    Comment.objects.bulk_create(
        [
            Comment(
                event=events[i % len(events)],
                text=f"{texts[i % len(texts)]} {rng.choice(extra)}",
                author_role=roles[i % len(roles)],
                status=CommentStatus.ACCEPTED,
            )
            for i in range(comments)
        ],
        batch_size=2000,
    )
    for n in range(6):
        proposal = Proposal.objects.create(
            area=area, title=f"Proposal {n + 1}", summary="A proposal.", owner=council
        )
        proposal.evidence.set(Comment.objects.filter(event__area=area).order_by("pk")[n * 8 : n * 8 + 8])
        Action.objects.bulk_create(
            [
                Action(
                    proposal=proposal,
                    title=f"Action {n + 1}.{k + 1}",
                    owner=council,
                    due_date=datetime.date(2026, 1 + k, 1),
                    status=rng.choice(list(ActionStatus)),
                )
                for k in range(5)
            ]
        )

    survey = Survey.objects.create(area=area, title="Before and after", status=SurveyStatus.CLOSED)
    questions = [
        Question.objects.create(
            survey=survey, number=n, text=f"How positive do you feel about {topic}?", topic=topic
        )
        for n, topic in enumerate(("tackling key challenges", "contract competition", "working together"), 1)
    ]
    questions.append(
        Question.objects.create(survey=survey, number=4, kind=QuestionKind.TEXT, text="What would help?")
    )
    answering = people[: responses // 2]
    made = Response.objects.bulk_create(
        [Response(survey=survey, wave=wave, role=p.role, person=p) for wave in Wave.values for p in answering]
    )
    answers = []
    for response in made:
        for question in questions[:3]:
            answers.append(Answer(response=response, question=question, scale=rng.randint(1, 5)))
        answers.append(Answer(response=response, question=questions[3], text="Earlier notice of tenders."))
    Answer.objects.bulk_create(answers, batch_size=2000)
    get_user_model().objects.create_user("bench-facilitator")
    return area


def analyse(area) -> None:
    """A finished theme analysis of every comment, as the worker would make it."""
    from coproduce.themes.models import RunStatus
    from coproduce.themes.services import run_carry_out, run_start

    run = run_start(area=area, filters={}, n_themes=8)
    run = run_carry_out(run)
    if run.status != RunStatus.DONE:
        raise SystemExit(f"the analysis failed: {run.error}")


def generate(area) -> tuple[int, int]:
    """Everything a facilitator waits for: the report's HTML page and its PDF. Returns (html bytes, pages)."""
    from pypdf import PdfReader

    from coproduce.reports.pdf import area_report_html, area_report_pdf

    html = area_report_html(area)
    pdf = area_report_pdf(area)
    return len(html), len(PdfReader(io.BytesIO(pdf)).pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=10_000)
    parser.add_argument("--responses", type=int, default=500, help="survey responses, both waves together")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-doc", action="store_true", help="do not rewrite docs/benchmarks-report.md")
    args = parser.parse_args(argv)

    import django

    fresh_database(os.environ.get("DATABASE_URL", ""))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    started = time.monotonic()
    area = build_area(comments=args.comments, responses=args.responses, seed=args.seed)
    built = time.monotonic() - started
    started = time.monotonic()
    analyse(area)
    analysed = time.monotonic() - started

    from coproduce.engagement.models import Comment
    from coproduce.surveys.models import Response

    comments = Comment.objects.filter(event__area=area).count()
    answers = Response.objects.filter(survey__area=area).count()
    connection.queries_log.clear()
    started = time.monotonic()
    html_bytes, pages = generate(area)
    seconds = time.monotonic() - started
    print(
        f"set-up: built the area in {built:.1f} s and analysed its comments in {analysed:.1f} s (not counted)"
    )
    print(f"html: {html_bytes} bytes")
    if not args.no_doc:
        write_doc(comments, answers, seconds, pages, built, analysed)
    print(f"report: comments={comments} answers={answers} seconds={seconds:.1f} pages={pages}")
    return 0 if seconds < 60 else 1


def write_doc(comments: int, answers: int, seconds: float, pages: int, built: float, analysed: float) -> None:
    import platform

    DOC.write_text(
        "# Benchmark: the case-study report of a large area\n\n"
        "Written by `make bench-report` (benchmarks/report.py); one run on PostgreSQL on this machine "
        f"({os.cpu_count()} cores, Python {platform.python_version()}), on {datetime.date.today():%-d %B %Y}.\n\n"
        f"An area with {comments:,} comments over four events, 300 people, six proposals with 30 actions, a "
        f"finished theme analysis, and a before-and-after survey with {answers} responses (each with three "
        "scale answers and one free-text answer).\n\n"
        "| what | seconds |\n| --- | ---: |\n"
        f"| the report gathered from the data, its HTML page and its tagged PDF ({pages} pages) | {seconds:.1f} |\n"
        f"| (not counted) building the area | {built:.1f} |\n"
        f"| (not counted) the theme analysis, TF-IDF embedder | {analysed:.1f} |\n\n"
        "The target is under a minute for the report.\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    sys.exit(main())
