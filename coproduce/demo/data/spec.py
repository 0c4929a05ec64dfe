"""The shapes of the demo content. The area modules fill these in; the loader turns them into rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from coproduce.engagement.models import CommentSource, EventStatus


@dataclass(frozen=True)
class EventSpec:
    key: str  # the value in the comments file's ``event`` column
    kind: str
    title: str
    date: datetime.date | None  # None: the day the demo is loaded
    venue: str
    methods: tuple[str, ...]
    status: str = EventStatus.CLOSED
    comment_source: str = CommentSource.LIVE
    # Who came: role -> the numbers of the area's people in that role ("VCS provider 07" is number 7).
    attendees: dict[str, tuple[int, ...]] = field(default_factory=dict)
    start: datetime.time = datetime.time(10, 0)  # when the first comment was made


@dataclass(frozen=True)
class NoteSpec:
    text: str
    author: str  # a demo username
    date: datetime.date


@dataclass(frozen=True)
class ActionSpec:
    title: str
    owner: str  # an organisation's name in the same area
    due: datetime.date
    status: str
    notes: tuple[NoteSpec, ...] = ()


@dataclass(frozen=True)
class ProposalSpec:
    title: str
    summary: str
    challenges: tuple[int, ...]  # challenge numbers
    owner: str
    status: str
    # Regular expressions (case-insensitive); the comments that match most of them are cited as evidence.
    keywords: tuple[str, ...]
    actions: tuple[ActionSpec, ...]


@dataclass(frozen=True)
class StatementSpec:
    """A statement put to an event's participants, and how each role voted on it.

    ``votes`` maps a role to (agree, disagree) counts among that role's attendees, taken in the order of
    their numbers; the rest of the role's attendees passed.
    """

    event: str  # an EventSpec key
    text: str
    votes: dict[str, tuple[int, int]]


@dataclass(frozen=True)
class SurveyQuestionSpec:
    """A question of a before-and-after survey, and how the area's people answered it.

    For a scale question, ``change`` maps a role to (more positive, less positive): that many of the role's
    people, taken in the order of their numbers, answered more (then less) positively afterwards; the rest
    gave the same answer both times. For a free-text question, ``answers`` maps a role to what its people
    wrote afterwards, one answer each, in the order of their numbers.
    """

    text: str
    topic: str = ""
    kind: str = "scale"
    change: dict[str, tuple[int, int]] = field(default_factory=dict)
    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class SurveySpec:
    """A survey every person of the area answered before the first event and after the last."""

    title: str
    introduction: str
    before: datetime.date
    after: datetime.date
    questions: tuple[SurveyQuestionSpec, ...]


@dataclass(frozen=True)
class MethodSessionSpec:
    """A method run at an event. The event's comments made at the method's stages are the session's."""

    event: str  # an EventSpec key
    method: str  # a Method value
    title: str
    status: str  # a SessionStatus value
    step: str = ""  # the stage the room was left at; "" for the method's first
    setup: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ReportSpec:
    """What the facilitators wrote around the figures of the area's case-study report."""

    introduction: str
    process: str
    themes_commentary: str
    impact_commentary: str
    next_steps: str
    is_published: bool = True


@dataclass(frozen=True)
class AreaSpec:
    slug: str
    name: str
    description: str
    challenges: tuple[str, ...]
    organisations: tuple[tuple[str, str], ...]  # (name, OrganisationKind)
    people: dict[str, int]  # role -> how many people in that role
    # role -> organisation names; the role's people are spread over them in turn.
    person_organisations: dict[str, tuple[str, ...]]
    comments_file: str
    events: tuple[EventSpec, ...]
    proposals: tuple[ProposalSpec, ...]
    proposals_date: datetime.date
    evidence: tuple[int, int] = (5, 8)  # fewest and most comments cited per proposal
    statements: tuple[StatementSpec, ...] = ()
    # Events whose live-vote results are published (EventSpec keys).
    published_results: tuple[str, ...] = ()
    surveys: tuple[SurveySpec, ...] = ()
    report: ReportSpec | None = None
    method_sessions: tuple[MethodSessionSpec, ...] = ()


@dataclass(frozen=True)
class MembershipSpec:
    area: str  # slug
    role: str  # AreaRole
    organisation: str | None = None


@dataclass(frozen=True)
class UserSpec:
    username: str
    first_name: str
    last_name: str
    memberships: tuple[MembershipSpec, ...]
