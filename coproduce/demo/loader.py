"""Load the demo programme: the London Borough of Bexley case study and the fictional Riverside.

``load_demo()`` is idempotent: an area whose slug already exists is left exactly as it is, and so are
existing user accounts and memberships, so running it again changes nothing. ``load_demo(reset=True)``
first deletes the demo areas (slugs ``bexley`` and ``riverside``) with everything in them, then loads
them afresh; other areas, the programme row and user accounts are kept.

Rows are written in bulk for speed. History rows are written in bulk too (``bulk_history_create``), so the
audit trail is complete; comments, proposals and actions get history dated when the story says they
happened (the event, the proposals' agreement) rather than the moment the demo was loaded.
"""

from __future__ import annotations

import datetime
import re
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone

from coproduce.accounts.models import Membership
from coproduce.analysis.comments_file import CommentsFileError, csv_records
from coproduce.consensus.models import Statement, Vote, VoteChoice
from coproduce.directory.models import Organisation, Person, Role
from coproduce.engagement.comment_text import CommentTextError, comment_text_clean
from coproduce.engagement.models import (
    Attendance,
    Comment,
    CommentSource,
    CommentStatus,
    Event,
    MethodStep,
)
from coproduce.engagement.selectors import participants_in
from coproduce.methods.models import MethodSession
from coproduce.methods.steps import steps_of
from coproduce.programmes.models import Area, Challenge, Programme
from coproduce.proposals.models import Action, ProgressNote, Proposal
from coproduce.reports.models import Report
from coproduce.reports.services import report_publish
from coproduce.surveys.models import (
    Answer,
    Question,
    QuestionKind,
    Response,
    ResponseSource,
    Survey,
    SurveyStatus,
    Wave,
)

from . import appraisal
from .commissioning import link_appraisal, load_commissioning
from .cpd import load_cpd_demo
from .data import bexley, riverside
from .data.spec import AreaSpec, EventSpec, ProposalSpec, SurveySpec
from .data.users import SUPERUSER, USERS
from .kpis import load_kpis
from .marketplace import load_marketplace_demo
from .qanda import load_qanda_demo
from .service_directory import load_service_directory_demo
from .stages import load_challenge_stages
from .vcs import load_vcs_demo

# The published sign-in for every demo account (see the Makefile's "run" target); not a secret.
DEMO_PASSWORD = "coproduce-demo"  # noqa: S105
DATA_DIR = Path(__file__).resolve().parent / "data"
PROGRAMME_NAME = bexley.PROGRAMME_NAME
AREAS: tuple[AreaSpec, ...] = (bexley.AREA, riverside.AREA)
DEMO_SLUGS = tuple(spec.slug for spec in AREAS)
LIVE_EVENT_TITLE = bexley.LIVE_EVENT.title
COMMENT_COLUMNS = ["event", "role", "method_step", "text"]
MINUTES_BETWEEN_COMMENTS = 2

# People are named by their role and a number, e.g. "VCS provider 07": plainly made up, easy to follow.
PERSON_NAMES: dict[str, str] = {
    Role.LA_PROFESSIONAL: "LA professional",
    Role.CC_MANAGER: "Centre manager",
    Role.CC_STAFF: "Centre staff",
    Role.VCS_PROVIDER: "VCS provider",
}


class DemoDataError(ValueError):
    """The demo content contradicts itself (an unknown event key, role, organisation …)."""


@dataclass(frozen=True)
class CommentRow:
    line: int
    event: str
    role: str
    method_step: str
    text: str


def load_demo(*, reset: bool = False) -> dict[str, Any]:
    """Load whatever part of the demo is missing (all of it with ``reset``) and return a summary."""
    started = time.monotonic()
    today = timezone.localdate()
    with transaction.atomic():
        if reset:
            Area.objects.filter(slug__in=DEMO_SLUGS).delete()
        programme, programme_created = Programme.objects.get_or_create(
            name=PROGRAMME_NAME, defaults={"description": bexley.PROGRAMME_DESCRIPTION}
        )
        users, users_created = _ensure_users()
        loaded = []
        for spec in AREAS:
            if not Area.objects.filter(slug=spec.slug).exists():
                _load_area(programme, spec, users=users, today=today)
                loaded.append(spec.slug)
        memberships_created = _ensure_memberships(users)
        process = load_commissioning(today=today)  # Bexley's commissioning timetable (demo/commissioning.py)
        demo_appraisal = appraisal.load_appraisal(users)  # Bexley's illustrative options appraisal
        if process is not None and demo_appraisal is not None:
            link_appraisal(process, demo_appraisal)  # the timetable carries out the appraisal's chosen model
        load_cpd_demo()  # CPD for Bexley's training workshop (coproduce/demo/cpd.py)
        load_service_directory_demo()  # Bexley's VCS services in Open Referral UK (demo/service_directory.py)
        load_marketplace_demo()  # Bexley's centres' needs, matches and market place (demo/marketplace.py)
        load_vcs_demo()  # Bexley's VCS profiles, health checks and network (coproduce/demo/vcs.py)
        load_kpis()  # Bexley's six KPIs with four quarters of figures (coproduce/demo/kpis.py)
        load_challenge_stages()  # Bexley's challenges agreed by vote, then solutions (coproduce/demo/stages.py)
        load_qanda_demo()  # Bexley's illustrative questions and answers (coproduce/demo/qanda.py)
    summary = summarise()
    summary.update(
        already_loaded=not (programme_created or users_created or loaded or memberships_created),
        reset=reset,
        loaded_areas=loaded,
        created_users=users_created,
        seconds=round(time.monotonic() - started, 2),
    )
    return summary


def summarise() -> dict[str, Any]:
    """Counts for the demo areas as they stand, and the live event's join code."""
    areas = []
    for area in sorted(Area.objects.filter(slug__in=DEMO_SLUGS), key=lambda a: DEMO_SLUGS.index(a.slug)):
        actions = Action.objects.filter(proposal__area=area)
        areas.append(
            {
                "name": area.name,
                "slug": area.slug,
                "url": area.get_absolute_url(),
                "events": area.events.count(),
                "people": participants_in(area).count(),
                "comments": Comment.objects.filter(event__area=area).count(),
                "proposals": area.proposals.count(),
                "actions": actions.count(),
                "overdue_actions": actions.overdue().count(),
            }
        )
    live = Event.objects.filter(area__slug=bexley.AREA.slug, title=LIVE_EVENT_TITLE).first()
    return {
        "programme": PROGRAMME_NAME,
        "areas": areas,
        "totals": {
            key: sum(area[key] for area in areas)
            for key in ("events", "people", "comments", "proposals", "actions", "overdue_actions")
        },
        "open_event": (
            {"title": live.title, "join_code": live.join_code, "date": live.date, "status": live.status}
            if live
            else None
        ),
        "usernames": [spec.username for spec in USERS] + [SUPERUSER],
    }


# --- users -------------------------------------------------------------------------------------------


def _ensure_users() -> tuple[dict[str, Any], list[str]]:
    """The demo accounts, created if missing. An existing account is never changed (nor its password)."""
    user_model = get_user_model()
    existing = {
        user.username: user for user in user_model.objects.filter(username__in=[u.username for u in USERS])
    }
    users, created = {}, []
    for spec in USERS:
        user = existing.get(spec.username)
        if user is None:
            user = user_model(username=spec.username, first_name=spec.first_name, last_name=spec.last_name)
            user.set_password(DEMO_PASSWORD)
            user.save()
            created.append(spec.username)
        users[spec.username] = user
    if not user_model.objects.filter(username=SUPERUSER).exists():
        user_model.objects.create_superuser(username=SUPERUSER, email="", password=DEMO_PASSWORD)
        created.append(SUPERUSER)
    return users, created


def _ensure_memberships(users: dict[str, Any]) -> int:
    """Each demo account's role in the demo areas; a user who already has a role in an area keeps it."""
    areas = {area.slug: area for area in Area.objects.filter(slug__in=DEMO_SLUGS)}
    created = 0
    for spec in USERS:
        for membership in spec.memberships:
            area = areas[membership.area]
            if Membership.objects.filter(user=users[spec.username], area=area).exists():
                continue
            organisation = None
            if membership.organisation:
                organisation = Organisation.objects.filter(area=area, name=membership.organisation).first()
            Membership.objects.create(
                user=users[spec.username], area=area, role=membership.role, organisation=organisation
            )
            created += 1
    return created


# --- one area ----------------------------------------------------------------------------------------


def _bulk_create(model: type[models.Model], objs: list, *, default_date=None) -> list:
    """Insert ``objs`` in one go, with a history row for each (``bulk_create`` alone would skip them)."""
    model._default_manager.bulk_create(objs)
    if any(obj.pk is None for obj in objs):  # pragma: no cover - SQLite ≥ 3.35 and PostgreSQL return ids
        raise RuntimeError(f"{model.__name__}: the database did not return the new rows' ids")
    model.history.bulk_history_create(objs, default_date=default_date)  # type: ignore[attr-defined]
    return objs


def _aware(day: datetime.date, at: datetime.time = datetime.time(9, 0)) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, at))


def _load_area(programme: Programme, spec: AreaSpec, *, users: dict[str, Any], today: datetime.date) -> Area:
    rows = read_comments(spec)
    area = Area.objects.create(
        programme=programme, name=spec.name, slug=spec.slug, description=spec.description, is_published=True
    )
    challenges = {
        challenge.number: challenge
        for challenge in _bulk_create(
            Challenge,
            [Challenge(area=area, number=n, text=text) for n, text in enumerate(spec.challenges, 1)],
        )
    }
    organisations = {
        org.name: org
        for org in _bulk_create(
            Organisation, [Organisation(area=area, name=name, kind=kind) for name, kind in spec.organisations]
        )
    }
    people = _create_people(area, spec, organisations)
    events, attendees = _create_events(area, spec, people, today)
    comments = _create_comments(spec, rows, events, attendees, users)
    _create_proposals(area, spec, comments, challenges, organisations, users)
    _create_statements(spec, events, attendees)
    for survey_spec in spec.surveys:
        _create_survey(area, survey_spec, people, users)
    for session_spec in spec.method_sessions:
        event = events[session_spec.event]
        session = MethodSession.objects.create(
            event=event,
            method=session_spec.method,
            title=session_spec.title,
            status=session_spec.status,
            step=session_spec.step or steps_of(session_spec.method)[0].key,
            setup=session_spec.setup,
            created_by=users.get("facilitator"),
        )
        method_steps = {step.method_step for step in steps_of(session_spec.method) if step.method_step}
        Comment.objects.filter(event=event, method_step__in=method_steps).update(method_session=session)
    if spec.report is not None:
        Report.objects.create(
            area=area,
            introduction=spec.report.introduction,
            process=spec.report.process,
            themes_commentary=spec.report.themes_commentary,
            impact_commentary=spec.report.impact_commentary,
            next_steps=spec.report.next_steps,
            updated_by=users.get("facilitator"),
        )
        if spec.report.is_published:
            # Published as a facilitator would: a frozen copy of the report as it stands once loaded.
            report_publish(area=area, user=users.get("facilitator"), publish=True)
    return area


# Answers before, on a five-point scale: people start spread over "fairly negative" to "fairly positive".
BEFORE_SCORES = (2, 3, 2, 4, 3)


def survey_scores(index: int, more: int, less: int) -> tuple[int, int]:
    """The (before, after) answers of a role's ``index``-th person, given how many grew more or less
    positive. Deterministic, and always on the scale."""
    before = BEFORE_SCORES[index % len(BEFORE_SCORES)]
    if index < more:
        return before, min(5, before + 1 + index % 2)
    if index < more + less:
        return before, before - 1
    return before, before


def _create_survey(
    area: Area, spec: SurveySpec, people: dict[tuple[str, int], Person], users: dict[str, Any]
) -> Survey:
    """Everyone in the area answers before (typed in from paper forms) and after (online)."""
    facilitator = users.get("facilitator")
    survey = Survey.objects.create(
        area=area, title=spec.title, introduction=spec.introduction, status=SurveyStatus.CLOSED
    )
    questions = _bulk_create(
        Question,
        [
            Question(survey=survey, number=n, kind=q.kind, text=q.text, topic=q.topic)
            for n, q in enumerate(spec.questions, 1)
        ],
    )
    by_role: dict[str, list[Person]] = defaultdict(list)
    for (role, _number), person in sorted(people.items(), key=lambda item: (item[0][0], item[0][1])):
        by_role[role].append(person)
    responses: dict[tuple[str, int], Response] = {}
    for wave, day in ((Wave.BEFORE, spec.before), (Wave.AFTER, spec.after)):
        for role, group in by_role.items():
            for person in group:
                response = Response(
                    survey=survey,
                    wave=wave,
                    role=role,
                    person=person,
                    source=ResponseSource.PAPER if wave == Wave.BEFORE else ResponseSource.ONLINE,
                    entered_by=facilitator if wave == Wave.BEFORE else None,
                    is_illustrative=True,
                )
                response._history_date = _aware(day)  # type: ignore[attr-defined]
                responses[(wave, person.pk)] = response
    objs = list(responses.values())
    Response.objects.bulk_create(objs)
    for response in objs:  # created_at is auto_now_add: back-date it to the wave.
        response.created_at = response._history_date  # type: ignore[attr-defined]
    Response.objects.bulk_update(objs, ["created_at"], batch_size=200)
    Response.history.bulk_history_create(objs)  # type: ignore[attr-defined]

    answers = []
    for question, question_spec in zip(questions, spec.questions, strict=True):
        for role, group in by_role.items():
            if question.kind == QuestionKind.TEXT:
                texts = question_spec.answers.get(role, ())
                answers += [
                    Answer(response=responses[(Wave.AFTER, person.pk)], question=question, text=text)
                    for person, text in zip(group, texts, strict=False)
                ]
                continue
            more, less = question_spec.change.get(role, (0, 0))
            if more + less > len(group):
                raise DemoDataError(f"{spec.title}: more {role} changes than {role} people")
            for index, person in enumerate(group):
                before, after = survey_scores(index, more, less)
                answers.append(
                    Answer(response=responses[(Wave.BEFORE, person.pk)], question=question, scale=before)
                )
                answers.append(
                    Answer(response=responses[(Wave.AFTER, person.pk)], question=question, scale=after)
                )
    Answer.objects.bulk_create(answers)
    return survey


def _create_statements(
    spec: AreaSpec, events: dict[str, Event], attendees: dict[tuple[str, str], list[Person]]
) -> None:
    """Statements put to the room and everyone's vote on them, exactly as the spec counts them."""
    for key in spec.published_results:
        events[key].results_published = True
        events[key].save(update_fields=["results_published"])
    votes = []
    for statement_spec in spec.statements:
        event = events[statement_spec.event]
        statement = Statement.objects.create(
            event=event, text=statement_spec.text, is_open=False, is_illustrative=True
        )
        for role, (agree, disagree) in statement_spec.votes.items():
            people = attendees.get((statement_spec.event, role), [])
            if agree + disagree > len(people):
                raise DemoDataError(
                    f"{spec.slug}: more {role} votes than {role} attendees on {statement.text!r}"
                )
            choices = [VoteChoice.AGREE] * agree + [VoteChoice.DISAGREE] * disagree
            choices += [VoteChoice.PASS] * (len(people) - len(choices))
            votes += [
                Vote(statement=statement, person=person, role=role, choice=choice)
                for person, choice in zip(people, choices, strict=True)
            ]
    Vote.objects.bulk_create(votes)


def _organisation(organisations: dict[str, Organisation], name: str, spec: AreaSpec) -> Organisation:
    try:
        return organisations[name]
    except KeyError:
        raise DemoDataError(f"{spec.slug}: no organisation called {name!r}") from None


def _create_people(
    area: Area, spec: AreaSpec, organisations: dict[str, Organisation]
) -> dict[tuple[str, int], Person]:
    people: dict[tuple[str, int], Person] = {}
    for role, count in spec.people.items():
        names = spec.person_organisations.get(role, ())
        for number in range(1, count + 1):
            organisation = (
                _organisation(organisations, names[(number - 1) % len(names)], spec) if names else None
            )
            people[(role, number)] = Person(
                area=area,
                name=f"{PERSON_NAMES[role]} {number:02d}",
                role=role,
                organisation=organisation,
                is_illustrative=True,
            )
    _bulk_create(Person, list(people.values()))
    return people


def _create_events(
    area: Area, spec: AreaSpec, people: dict[tuple[str, int], Person], today: datetime.date
) -> tuple[dict[str, Event], dict[tuple[str, str], list[Person]]]:
    events = {
        event_spec.key: Event(
            area=area,
            kind=event_spec.kind,
            title=event_spec.title,
            date=event_spec.date or today,
            venue=event_spec.venue,
            methods=list(event_spec.methods),
            status=event_spec.status,
        )
        for event_spec in spec.events
    }
    _bulk_create(Event, list(events.values()))
    attendees: dict[tuple[str, str], list[Person]] = {}
    attendances = []
    for event_spec in spec.events:
        for role, numbers in event_spec.attendees.items():
            try:
                group = [people[(role, number)] for number in numbers]
            except KeyError as exc:
                raise DemoDataError(f"{spec.slug}/{event_spec.key}: no person {exc.args[0]}") from None
            attendees[(event_spec.key, role)] = group
            attendances += [Attendance(event=events[event_spec.key], person=person) for person in group]
    Attendance.objects.bulk_create(attendances)
    return events, attendees


def read_comments(spec: AreaSpec) -> list[CommentRow]:
    """The area's comments file, checked row by row against the area's events and the known roles."""
    keys = {event.key for event in spec.events}
    path = DATA_DIR / spec.comments_file
    rows = []
    try:
        # The one reader of comment files, as the CLI and the import read them.
        records = iter(csv_records(path.read_bytes()))
        header = next(records, (1, []))[1]
        if header != COMMENT_COLUMNS:
            raise DemoDataError(f"{path.name}: the columns must be {','.join(COMMENT_COLUMNS)}")
        read = [(line, cells) for line, cells in records if cells]
    except CommentsFileError as error:
        raise DemoDataError(f"{path.name} {error}") from error
    for line, cells in read:
        cells = cells + [""] * (len(COMMENT_COLUMNS) - len(cells))
        row = CommentRow(line, *(cell.strip() for cell in cells[: len(COMMENT_COLUMNS)]))
        problem = (
            f"unknown event {row.event!r}"
            if row.event not in keys
            else f"unknown role {row.role!r}"
            if row.role not in Role.values
            else f"unknown method step {row.method_step!r}"
            if row.method_step and row.method_step not in MethodStep.values
            else _text_problem(row.text)
        )
        if problem:
            raise DemoDataError(f"{path.name} line {line}: {problem}")
        rows.append(row)
    return rows


def _text_problem(text: str) -> str:
    try:
        comment_text_clean(text, empty="no text", too_long="text too long")
    except CommentTextError as error:
        return error.message
    return ""


def _create_comments(
    spec: AreaSpec,
    rows: list[CommentRow],
    events: dict[str, Event],
    attendees: dict[tuple[str, str], list[Person]],
    users: dict[str, Any],
) -> list[tuple[str, Comment]]:
    """Every row into its event. A comment is attributed in turn to the event's attendees of its role;
    with nobody of that role there (parents, a head teacher, a health visitor …) it stays anonymous."""
    event_specs: dict[str, EventSpec] = {event.key: event for event in spec.events}
    facilitator = users.get("facilitator")
    turns: dict[tuple[str, str], int] = defaultdict(int)
    made: dict[str, int] = defaultdict(int)
    comments: list[tuple[str, Comment]] = []
    for row in rows:
        event_spec, event = event_specs[row.event], events[row.event]
        group = attendees.get((row.event, row.role), [])
        author = group[turns[(row.event, row.role)] % len(group)] if group else None
        turns[(row.event, row.role)] += 1
        flipchart = event_spec.comment_source == CommentSource.FLIPCHART
        comment = Comment(
            event=event,
            text=row.text,
            author_role=row.role,
            author=author,
            source=event_spec.comment_source,
            method_step=row.method_step,
            status=CommentStatus.ACCEPTED,
            is_illustrative=True,
            captured_by=facilitator if flipchart else None,
        )
        minutes = MINUTES_BETWEEN_COMMENTS * made[row.event]
        made[row.event] += 1
        # simple_history reads these when it writes the history row: when it was said, who typed it up.
        comment._history_date = _aware(event.date, event_spec.start) + datetime.timedelta(minutes=minutes)  # type: ignore[attr-defined]
        if flipchart and facilitator is not None:
            comment._history_user = facilitator  # type: ignore[attr-defined]
        comments.append((row.event, comment))
    objs = [comment for _, comment in comments]
    Comment.objects.bulk_create(objs)
    # created_at is auto_now_add, so it can only be back-dated to the event after the insert.
    for comment in objs:
        comment.created_at = comment._history_date  # type: ignore[attr-defined]
    Comment.objects.bulk_update(objs, ["created_at"], batch_size=200)
    Comment.history.bulk_history_create(objs)  # type: ignore[attr-defined]
    return comments


def pick_evidence(
    comments: list[tuple[str, Comment]], proposal: ProposalSpec, taken: set[int], fewest: int, most: int
) -> list[Comment]:
    """The comments a proposal cites: those matching its keywords, best first, taken from each event in
    turn so the evidence spans the events. Deterministic; a comment is cited by one proposal at most."""
    patterns = [re.compile(keyword, re.IGNORECASE) for keyword in proposal.keywords]
    by_event: dict[str, list[tuple[int, int, Comment]]] = defaultdict(list)
    for index, (event_key, comment) in enumerate(comments):
        if comment.pk in taken:
            continue
        score = sum(1 for pattern in patterns if pattern.search(comment.text))
        if score:
            by_event[event_key].append((-score, index, comment))
    ranked = []
    for matches in by_event.values():
        for rank, (negative_score, index, comment) in enumerate(sorted(matches, key=lambda m: m[:2])):
            ranked.append(((rank, negative_score, index), comment))
    chosen = [comment for _, comment in sorted(ranked, key=lambda r: r[0])[:most]]
    if len(chosen) < fewest:
        raise DemoDataError(f"{proposal.title}: only {len(chosen)} comments match its keywords")
    taken.update(comment.pk for comment in chosen)
    return sorted(chosen, key=lambda comment: comment.pk)


def _create_proposals(
    area: Area,
    spec: AreaSpec,
    comments: list[tuple[str, Comment]],
    challenges: dict[int, Challenge],
    organisations: dict[str, Organisation],
    users: dict[str, Any],
) -> None:
    agreed_at = _aware(spec.proposals_date)
    fewest, most = spec.evidence
    taken: set[int] = set()
    actions: list[Action] = []
    notes: list[tuple[Action, Any]] = []
    for proposal_spec in spec.proposals:
        proposal = Proposal(
            area=area,
            title=proposal_spec.title,
            summary=proposal_spec.summary,
            owner=_organisation(organisations, proposal_spec.owner, spec),
            status=proposal_spec.status,
            is_published=True,
        )
        proposal._history_date = agreed_at  # type: ignore[attr-defined]
        proposal.save()
        try:
            proposal.challenges.set([challenges[number] for number in proposal_spec.challenges])
        except KeyError as exc:
            raise DemoDataError(f"{proposal_spec.title}: no challenge {exc.args[0]}") from None
        proposal.evidence.set(pick_evidence(comments, proposal_spec, taken, fewest, most))
        for action_spec in proposal_spec.actions:
            action = Action(
                proposal=proposal,
                title=action_spec.title,
                owner=_organisation(organisations, action_spec.owner, spec),
                due_date=action_spec.due,
                status=action_spec.status,
            )
            actions.append(action)
            notes += [(action, note) for note in action_spec.notes]
    Proposal.objects.filter(area=area).update(created_at=agreed_at)
    _bulk_create(Action, actions, default_date=agreed_at)
    progress = [
        ProgressNote(action=action, text=note.text, author=users.get(note.author)) for action, note in notes
    ]
    ProgressNote.objects.bulk_create(progress)
    for obj, (_, note) in zip(progress, notes, strict=True):  # created_at is auto_now_add: back-date it.
        obj.created_at = _aware(note.date, datetime.time(16, 30))
    ProgressNote.objects.bulk_update(progress, ["created_at"])
