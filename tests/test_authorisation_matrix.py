"""Who may read and who may write, for every URL pattern and API endpoint, for every role and anonymous.

Every named URL in the project must have an entry in ACCESS; adding a URL without one fails
test_every_url_has_an_entry. Entries say which area roles may use the URL; everybody else must be
refused: anonymous visitors are sent to sign in (401 from the API), people with no role in the area get
404 (the back office does not confirm the object exists), members without the right get 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from coproduce.accounts.models import ApiToken, AreaRole
from coproduce.engagement.models import CommentStatus
from coproduce.themes.models import RunStatus, Theme
from tests.factories import (
    ActionFactory,
    AnalysisRunFactory,
    AreaFactory,
    CommentFactory,
    CommissioningProcessFactory,
    EventFactory,
    MilestoneFactory,
    OrganisationFactory,
    ProposalFactory,
    QuestionFactory,
    StatementFactory,
    SurveyFactory,
    UserFactory,
    member,
)
from tests.once import built_once

ANONYMOUS = "anonymous"
OUTSIDER = "outsider"  # has a role, but in another area
ROLES = [r.value for r in AreaRole]
EVERYONE = frozenset([ANONYMOUS, OUTSIDER, *ROLES])
MEMBERS = frozenset(ROLES)
RUN_EVENTS = frozenset([AreaRole.PROGRAMME_LEAD, AreaRole.FACILITATOR])
SHAPE_PROPOSALS = frozenset([AreaRole.PROGRAMME_LEAD, AreaRole.FACILITATOR, AreaRole.COMMISSIONER])
# The VCS member speaks for the organisation that owns the world's action.
UPDATE_ACTION = SHAPE_PROPOSALS | {AreaRole.VCS_MEMBER}
SIGNED_IN = frozenset([OUTSIDER, *ROLES])


@dataclass
class Access:
    kwargs: Callable[[World], dict] = lambda w: {}
    read: frozenset = frozenset()  # who may GET
    write: frozenset = frozenset()  # who may POST (PATCH for the API)
    public: bool = False  # anonymous access is by design: no sign-in redirect expected
    api: bool = False
    write_method: str = "post"
    write_body: dict | Callable[[World], dict] = field(default_factory=dict)

    def body(self, world: World) -> dict:
        return self.write_body(world) if callable(self.write_body) else self.write_body


@dataclass
class World:
    area: object
    event: object
    comment: object
    held_comment: object
    proposal: object
    action: object
    statement: object
    run: object
    theme: object
    token: object
    users: dict
    survey: object  # taking "before" answers, with one scale question


def ev(w: World) -> dict:
    return {"pk": w.event.pk}


def pr(w: World) -> dict:
    return {"pk": w.proposal.pk}


def ac(w: World) -> dict:
    return {"pk": w.action.pk}


def cm(w: World) -> dict:
    return {"pk": w.comment.pk}


def slug(w: World) -> dict:
    return {"slug": w.area.slug}


def code(w: World) -> dict:
    return {"code": w.event.join_code}


def pe(w: World) -> dict:
    """A named person of the world's area (made on first use), for the personal-data pages."""
    from coproduce.directory.models import Person

    person, _ = Person.objects.get_or_create(area=w.area, name="Matrix Person", role="vcs_provider")
    return {"pk": person.pk}


def process_of(w: World):
    """The world area's published commissioning process with one milestone (made on first use)."""
    from coproduce.commissioning.models import CommissioningProcess

    process = CommissioningProcess.objects.filter(area=w.area, title="Matrix process").first()
    if process is None:
        process = CommissioningProcessFactory(area=w.area, title="Matrix process", is_published=True)
        MilestoneFactory(process=process, title="Matrix milestone")
    return process


def cp(w: World) -> dict:
    return {"pk": process_of(w).pk}


def six_hats(w: World) -> dict:
    """A six-hats session running on the world's event (made on first use)."""
    from coproduce.methods.models import MethodSession

    session, _ = MethodSession.objects.get_or_create(
        event=w.event, method="six_hats", defaults={"step": "white", "status": "running"}
    )
    return {"pk": session.pk}


def register_entry(w: World) -> dict:
    """A name on the world's event's register (made on first use, again after a removal)."""
    from coproduce.engagement.models import RegisterEntry

    entry, _ = RegisterEntry.objects.get_or_create(event=w.event, name="Amina Patel", role="cc_manager")
    return {"pk": entry.pk}


# --- cpd: a training event's attendee in the organisation the world's VCS member speaks for ---
def cpd_person(w: World):
    from coproduce.directory.models import Person

    person, _ = Person.objects.get_or_create(
        area=w.area, name="Matrix Attendee", role="vcs_provider", defaults={"organisation": w.action.owner}
    )
    return person


def cpd_training(w: World) -> dict:
    from coproduce.engagement.models import Attendance, Event

    event, _ = Event.objects.get_or_create(
        area=w.area, kind="training", title="Matrix training", defaults={"date": "2012-02-13"}
    )
    Attendance.objects.get_or_create(event=event, person=cpd_person(w))
    return {"pk": event.pk}


def cpd_record_obj(w: World):
    from coproduce.cpd.models import CpdRecord

    record, _ = CpdRecord.objects.get_or_create(
        person=cpd_person(w),
        title="Matrix course",
        defaults={"date": "2012-03-01", "hours": 2, "topic": "Commissioning"},
    )
    return record


def cpd_record(w: World) -> dict:
    return {"pk": cpd_record_obj(w).pk}


def cpd_need(w: World) -> dict:
    from coproduce.cpd.models import TrainingNeed

    need, _ = TrainingNeed.objects.get_or_create(
        organisation=w.action.owner, need="Matrix need", defaults={"raised_on": "2011-11-01"}
    )
    return {"pk": need.pk}


# Every member reads the area's CPD page; a centre manager or VCS member only their own organisation's
# people (the world's VCS member speaks for the attendee's organisation; its centre manager for none).
CPD_READERS = frozenset(
    [
        AreaRole.PROGRAMME_LEAD,
        AreaRole.FACILITATOR,
        AreaRole.COMMISSIONER,
        AreaRole.VIEWER,
        AreaRole.VCS_MEMBER,
    ]
)
TRAINING_NEEDS = SHAPE_PROPOSALS | {AreaRole.VCS_MEMBER}
NEED_BODY = {"need": "Procurement options", "priority": "high", "raised_on": "2012-01-05"}
# --- end of cpd helpers ---


# --- vcs: the organisation the world's VCS member speaks for, its health check, and a link to a centre ---
def vcs_centre(w: World):
    from coproduce.directory.models import Organisation

    centre, _ = Organisation.objects.get_or_create(
        area=w.area, name="Matrix Children's Centre", defaults={"kind": "childrens_centre"}
    )
    return centre


def vcs_check(w: World) -> dict:
    from coproduce.vcs.models import HealthCheck

    check = HealthCheck.objects.filter(organisation=w.action.owner).first()
    if check is None:
        check = HealthCheck.objects.create(organisation=w.action.owner, taken_on="2011-10-28")
    return {"pk": check.pk}


def vcs_link(w: World) -> dict:
    from coproduce.vcs.models import OrganisationLink

    first, second = sorted((w.action.owner, vcs_centre(w)), key=lambda o: o.pk)
    link, _ = OrganisationLink.objects.get_or_create(
        area=w.area, organisation_a=first, organisation_b=second, kind="referral", defaults={"strength": 2}
    )
    return {"pk": link.pk}


def vcs_link_body(w: World) -> dict:
    return {
        "organisation_a": w.action.owner_id,
        "organisation_b": vcs_centre(w).pk,
        "kind": "referral",
        "strength": "3",
    }


# Profiles and health checks: those who read the whole area, and the VCS member who speaks for the
# organisation (the world's centre manager speaks for none); written by that VCS member and those who run
# events. Links: those who shape proposals, and the VCS member for their own organisation's.
VCS_READERS = CPD_READERS
VCS_WRITERS = RUN_EVENTS | {AreaRole.VCS_MEMBER}
VCS_LINKERS = SHAPE_PROPOSALS | {AreaRole.VCS_MEMBER}
HEALTH_CHECK_BODY = {"taken_on": "2012-01-05"} | {
    f"score_{topic}": "2"
    for topic in (
        "governance",
        "finance",
        "safeguarding",
        "workforce",
        "quality",
        "partnership",
        "digital",
        "bidding",
    )
}


# --- end of vcs helpers ---
# --- programmes and consensus: challenges and their stages (issue 16) ---
def challenge_of(w: World) -> dict:
    """A challenge of the world's area (made on first use)."""
    from coproduce.programmes.models import Challenge

    challenge, _ = Challenge.objects.get_or_create(
        area=w.area, number=1, defaults={"text": "How to improve engagement of the local VCS?"}
    )
    return {"pk": challenge.pk}


def programme_of(w: World) -> dict:
    return {"pk": w.area.programme_id}


# --- end of challenges helpers ---
# --- qanda: an answered and a pending question of the world's area, and a follower (made on first use) ---
def qa_answered(w: World):
    from coproduce.qanda.models import Answer, Question

    question, made = Question.objects.get_or_create(
        area=w.area, text="Matrix answered question", defaults={"status": "published"}
    )
    if made:
        Answer.objects.create(question=question, text="Matrix answer", answered_as="Commissioner")
    return question


def qa_pending(w: World) -> dict:
    from coproduce.qanda.models import Question

    return {"pk": Question.objects.get_or_create(area=w.area, text="Matrix pending question")[0].pk}


def qa_published(w: World) -> dict:
    """A published question with no answer yet, so that answering it is allowed."""
    from coproduce.qanda.models import Question

    question, _ = Question.objects.get_or_create(
        area=w.area, text="Matrix unanswered question", defaults={"status": "published"}
    )
    return {"pk": question.pk}


def qa_token(w: World) -> dict:
    from coproduce.qanda.models import Follower

    follower, _ = Follower.objects.get_or_create(question=qa_answered(w), email="matrix@example.org")
    return {"token": follower.token}


MODERATE_QUESTIONS = SHAPE_PROPOSALS
ANSWER_QUESTIONS = frozenset([AreaRole.PROGRAMME_LEAD, AreaRole.COMMISSIONER])
# --- end of qanda helpers ---


ACCESS: dict[str, Access] = {
    # Public site: anyone, no account.
    "public:home": Access(read=EVERYONE, public=True),
    "public:area": Access(slug, read=EVERYONE, public=True),
    "public:join": Access(read=EVERYONE, write=EVERYONE, public=True),
    "public:join_event": Access(code, read=EVERYONE, write=EVERYONE, public=True),
    "public:participate": Access(code, read=EVERYONE, write=EVERYONE, public=True),
    # Voting needs the participant to have joined the event (tested in tests/consensus); anyone may reach it.
    "public:vote": Access(code, read=EVERYONE, write=EVERYONE, public=True),
    # The world's event publishes its results; unpublished results are 404 (tested in tests/consensus).
    "public:vote_results": Access(code, read=EVERYONE, public=True),
    "public:vote_results_feed": Access(code, read=EVERYONE, public=True),
    "core:health": Access(read=EVERYONE, public=True),
    "core:favicon": Access(read=EVERYONE, public=True),
    # Accounts.
    "accounts:login": Access(read=EVERYONE, write=EVERYONE, public=True),
    "accounts:logout": Access(write=EVERYONE, public=True),
    "accounts:tokens": Access(read=SIGNED_IN, write=SIGNED_IN),
    # A token can only be revoked by its owner (the lead, here); anyone else gets 404.
    "accounts:token_revoke": Access(lambda w: {"pk": w.token.pk}, write=frozenset([AreaRole.PROGRAMME_LEAD])),
    # Back office: reading an area.
    "programmes:home": Access(read=SIGNED_IN),
    "programmes:area": Access(slug, read=MEMBERS),
    "engagement:event": Access(ev, read=MEMBERS),
    "engagement:comment": Access(cm, read=MEMBERS),
    "proposals:list": Access(slug, read=MEMBERS),
    "proposals:proposal": Access(pr, read=MEMBERS),
    "proposals:action": Access(ac, read=MEMBERS),
    # Running events.
    "engagement:event_create": Access(slug, read=RUN_EVENTS, write=RUN_EVENTS),
    "engagement:event_edit": Access(ev, read=RUN_EVENTS, write=RUN_EVENTS),
    "engagement:event_status": Access(ev, write=RUN_EVENTS, write_body={"status": "open"}),
    "engagement:capture": Access(ev, read=RUN_EVENTS, write=RUN_EVENTS),
    "engagement:capture_feed": Access(ev, read=RUN_EVENTS),
    "engagement:register": Access(
        ev, read=RUN_EVENTS, write=RUN_EVENTS, write_body={"name": "Amina Patel", "role": "cc_manager"}
    ),
    "engagement:register_entry": Access(
        register_entry,
        read=RUN_EVENTS,
        write=RUN_EVENTS,
        write_body={"name": "A. Patel", "role": "cc_manager"},
    ),
    "engagement:register_entry_remove": Access(register_entry, write=RUN_EVENTS),
    "engagement:comment_accept": Access(lambda w: {"pk": w.held_comment.pk}, write=RUN_EVENTS),
    "engagement:comment_discard": Access(lambda w: {"pk": w.held_comment.pk}, write=RUN_EVENTS),
    "engagement:held_all": Access(ev, write=RUN_EVENTS, write_body={"action": "accept"}),
    # Moderating comments: edit, hide (with a reason), remove, undo.
    "engagement:comment_edit": Access(cm, write=RUN_EVENTS, write_body={"text": "Corrected words"}),
    "engagement:comment_hide": Access(cm, write=RUN_EVENTS, write_body={"reason": "Names a child"}),
    "engagement:comment_remove": Access(cm, write=RUN_EVENTS),
    "engagement:comment_undo": Access(cm, write=RUN_EVENTS),
    "imports:upload": Access(ev, read=RUN_EVENTS, write=RUN_EVENTS),
    "imports:map": Access(ev, read=RUN_EVENTS, write=RUN_EVENTS),
    "imports:progress": Access(ev, read=RUN_EVENTS),
    # Live statements and consensus.
    "consensus:statements": Access(ev, read=RUN_EVENTS, write=RUN_EVENTS, write_body={"text": "A statement"}),
    "consensus:from_comments": Access(ev, write=RUN_EVENTS),
    "consensus:statement_open": Access(lambda w: {"pk": w.statement.pk}, write=RUN_EVENTS),
    "consensus:results": Access(ev, read=MEMBERS),
    "consensus:results_feed": Access(ev, read=MEMBERS),
    "consensus:export": Access(lambda w: {"pk": w.event.pk, "fmt": "xlsx"}, read=MEMBERS),
    # The analysis workspace: themes of the area's comments.
    "themes:workspace": Access(slug, read=MEMBERS),
    "themes:run_create": Access(slug, write=RUN_EVENTS),
    "themes:run_progress": Access(slug, read=MEMBERS),
    "themes:matrix": Access(slug, read=MEMBERS),
    "themes:export": Access(lambda w: {"slug": w.area.slug, "fmt": "json"}, read=MEMBERS),
    "themes:theme": Access(lambda w: {"pk": w.theme.pk}, read=MEMBERS),
    "themes:cell": Access(lambda w: {"pk": w.theme.pk}, read=MEMBERS),
    "themes:link": Access(
        lambda w: {"pk": w.theme.pk}, write=SHAPE_PROPOSALS, write_body=lambda w: {"proposal": w.proposal.pk}
    ),
    "themes:to_statement": Access(
        lambda w: {"pk": w.theme.pk},
        write=RUN_EVENTS,
        write_body=lambda w: {"event": w.event.pk, "text": "A claim"},
    ),
    # Theme 999 does not exist: the edit is refused with a message, after the permission check.
    "themes:edit": Access(
        lambda w: {"pk": w.run.pk}, write=SHAPE_PROPOSALS, write_body={"op": "agree", "theme": "999"}
    ),
    "themes:undo": Access(lambda w: {"pk": w.run.pk}, write=SHAPE_PROPOSALS),
    # Proposals and actions.
    "proposals:proposal_create": Access(slug, read=SHAPE_PROPOSALS, write=SHAPE_PROPOSALS),
    "proposals:proposal_edit": Access(pr, read=SHAPE_PROPOSALS, write=SHAPE_PROPOSALS),
    "proposals:cite": Access(cm, write=SHAPE_PROPOSALS),
    "proposals:uncite": Access(
        lambda w: {"pk": w.proposal.pk, "comment_pk": w.comment.pk}, write=SHAPE_PROPOSALS
    ),
    "proposals:action_create": Access(pr, read=SHAPE_PROPOSALS, write=SHAPE_PROPOSALS),
    "proposals:action_edit": Access(ac, read=SHAPE_PROPOSALS, write=SHAPE_PROPOSALS),
    "proposals:action_progress": Access(ac, write=UPDATE_ACTION),
    # Methods: the core (coproduce/methods). The session is made on the world's event, which is open.
    "methods:create": Access(
        ev, read=RUN_EVENTS, write=RUN_EVENTS, write_body={"method": "six_hats", "step_minutes": 5}
    ),
    "methods:session": Access(six_hats, read=RUN_EVENTS),
    "methods:step": Access(six_hats, write=RUN_EVENTS, write_body={"step": "red"}),
    "methods:capture": Access(
        six_hats,
        write=RUN_EVENTS,
        write_body={"text": "From a sticky note", "role": "vcs_provider", "step": "white"},
    ),
    "methods:prompts": Access(
        six_hats, write=RUN_EVENTS, write_body={"white": "What do we know about Saturdays?"}
    ),
    "methods:stage_feed": Access(six_hats, read=RUN_EVENTS),
    "methods:present": Access(six_hats, read=RUN_EVENTS),
    "methods:present_feed": Access(six_hats, read=RUN_EVENTS),
    "methods:summary": Access(six_hats, read=MEMBERS),
    "methods:export": Access(lambda w: {**six_hats(w), "fmt": "csv"}, read=MEMBERS),
    # A participant who has not joined the event is sent to join it (tested in tests/methods).
    "methods_public:take_part": Access(
        lambda w: {"code": w.event.join_code, **six_hats(w)}, read=EVERYONE, public=True
    ),
    "methods_public:status": Access(
        lambda w: {"code": w.event.join_code, **six_hats(w)}, read=EVERYONE, public=True
    ),
    # -- end of the methods core --
    # Methods: kj (coproduce/methods/kj). A KJ session on the world's event, and a group on its board.
    "kj:board": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="kj")[0].pk}, read=RUN_EVENTS
    ),
    "kj:board_feed": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="kj")[0].pk}, read=RUN_EVENTS
    ),
    # No note is named: the move is refused with a message, after the permission check.
    "kj:move": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="kj")[0].pk}, write=RUN_EVENTS
    ),
    "kj:group_create": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="kj")[0].pk},
        write=RUN_EVENTS,
        write_body={"name": "Weekends"},
    ),
    # Too few notes: the engine is not run, and the facilitator is told why.
    "kj:suggest": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="kj")[0].pk}, write=RUN_EVENTS
    ),
    "kj:accept_all": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="kj")[0].pk}, write=RUN_EVENTS
    ),
    # The progress of a "Suggest groups" running in the worker; with none asked, back to the board (302).
    "kj:suggestion": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="kj")[0].pk}, read=RUN_EVENTS
    ),
    "kj:group_rename": Access(
        lambda w: {
            "pk": w.event.method_sessions.get_or_create(method="kj")[0]
            .kj_groups.get_or_create(number=1)[0]
            .pk
        },
        write=RUN_EVENTS,
        write_body={"name": "Weekend opening"},
    ),
    "kj:group_accept": Access(
        lambda w: {
            "pk": w.event.method_sessions.get_or_create(method="kj")[0]
            .kj_groups.get_or_create(number=1)[0]
            .pk
        },
        write=RUN_EVENTS,
    ),
    "kj:group_delete": Access(
        lambda w: {
            "pk": w.event.method_sessions.get_or_create(method="kj")[0]
            .kj_groups.get_or_create(number=1)[0]
            .pk
        },
        write=RUN_EVENTS,
    ),
    # -- end of kj --
    # Methods: boardstorm (coproduce/methods/boardstorm). A board on the world's event, with one heading.
    "boardstorm:heading_add": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="boardstorm")[0].pk},
        read=RUN_EVENTS,
        write=RUN_EVENTS,
        write_body={"heading-title": "Working with schools"},
    ),
    "boardstorm:heading_edit": Access(
        lambda w: {
            "pk": w.event.method_sessions.get_or_create(method="boardstorm")[0]
            .headings.get_or_create(number=1, defaults={"title": "Schools"})[0]
            .pk
        },
        read=RUN_EVENTS,
        write=RUN_EVENTS,
        write_body={"title": "Working with schools", "number": 1},
    ),
    "boardstorm:heading_delete": Access(
        lambda w: {
            "pk": w.event.method_sessions.get_or_create(method="boardstorm")[0]
            .headings.get_or_create(number=1, defaults={"title": "Schools"})[0]
            .pk
        },
        read=RUN_EVENTS,
        write=RUN_EVENTS,
    ),
    "boardstorm:idea_add": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="boardstorm")[0].pk},
        read=RUN_EVENTS,
        write=RUN_EVENTS,
        write_body={"idea-text": "Joint training days", "idea-heading": "none", "idea-role": "vcs_provider"},
    ),
    # No idea is named: the move is refused with a message, after the permission check.
    "boardstorm:idea_move": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="boardstorm")[0].pk}, write=RUN_EVENTS
    ),
    "boardstorm:board_feed": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="boardstorm")[0].pk}, read=RUN_EVENTS
    ),
    # -- end of boardstorm --
    # Methods: force_field (coproduce/methods/force_field). An analysis on the world's event; the world's
    # comment is made one of its forces where a force is needed.
    "force_field:change": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="force_field")[0].pk},
        read=RUN_EVENTS,
        write=RUN_EVENTS,
        write_body={"change-change": "Open the centres on Saturdays"},
    ),
    "force_field:force_add": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="force_field")[0].pk},
        read=RUN_EVENTS,
        write=RUN_EVENTS,
        write_body={
            "force-direction": "driving",
            "force-strength": "4",
            "force-text": "Parents ask for it",
            "force-role": "parent_carer",
        },
    ),
    "force_field:raise": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="force_field")[0].pk},
        read=RUN_EVENTS,
        write=RUN_EVENTS,
        write_body=lambda w: {"comment": w.comment.pk, "direction": "restraining", "strength": "2"},
    ),
    "force_field:feed": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="force_field")[0].pk}, read=RUN_EVENTS
    ),
    "force_field:force_edit": Access(
        lambda w: {
            "pk": w.event.method_sessions.get_or_create(method="force_field")[0]
            .forces.get_or_create(comment=w.comment, defaults={"direction": "driving", "strength": 3})[0]
            .pk
        },
        read=RUN_EVENTS,
        write=RUN_EVENTS,
        write_body={"strength": "5"},
    ),
    "force_field:force_delete": Access(
        lambda w: {
            "pk": w.event.method_sessions.get_or_create(method="force_field")[0]
            .forces.get_or_create(comment=w.comment, defaults={"direction": "driving", "strength": 3})[0]
            .pk
        },
        read=RUN_EVENTS,
        write=RUN_EVENTS,
    ),
    # -- end of force_field --
    # Methods: open_space (coproduce/methods/open_space). An Open Space on the world's event, with no topics:
    # scheduling it is refused with a message, after the permission check.
    "open_space:setup": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="open_space")[0].pk},
        write=RUN_EVENTS,
        write_body={"rooms": "Hall, 20", "slots": "10:00", "time_limit": "1"},
    ),
    "open_space:schedule": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="open_space")[0].pk}, write=RUN_EVENTS
    ),
    # No topic is named: the form comes back with its problem, after the permission check.
    "open_space:move": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="open_space")[0].pk}, write=RUN_EVENTS
    ),
    "open_space:topic_add": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="open_space")[0].pk},
        write=RUN_EVENTS,
        write_body={"add-title": "Opening on Saturdays"},
    ),
    "open_space:note_add": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="open_space")[0].pk}, write=RUN_EVENTS
    ),
    # -- end of open_space --
    # Methods: speed_dating (coproduce/methods/speed_dating). A session on the world's event, where nobody
    # of the two roles is present: making the plan is refused with a message, after the permission check.
    "speed_dating:plan": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="speed_dating")[0].pk},
        write=RUN_EVENTS,
        write_body={"first_role": "vcs_provider", "second_role": "cc_manager"},
    ),
    "speed_dating:next_round": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="speed_dating")[0].pk}, write=RUN_EVENTS
    ),
    "speed_dating:changes": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="speed_dating")[0].pk}, write=RUN_EVENTS
    ),
    "speed_dating:person_add": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="speed_dating")[0].pk},
        write=RUN_EVENTS,
        write_body={"add-role": "cc_manager"},
    ),
    "speed_dating:cards": Access(
        lambda w: {"pk": w.event.method_sessions.get_or_create(method="speed_dating")[0].pk}, read=RUN_EVENTS
    ),
    # -- end of speed_dating --
    # Surveys and impact (coproduce/surveys).
    "surveys:list": Access(slug, read=MEMBERS),
    "surveys:create": Access(slug, read=RUN_EVENTS, write=RUN_EVENTS),
    "surveys:survey": Access(lambda w: {"pk": w.survey.pk}, read=MEMBERS),
    "surveys:edit": Access(lambda w: {"pk": w.survey.pk}, read=RUN_EVENTS, write=RUN_EVENTS),
    "surveys:status": Access(lambda w: {"pk": w.survey.pk}, write=RUN_EVENTS, write_body={"status": "after"}),
    "surveys:question_create": Access(lambda w: {"pk": w.survey.pk}, read=RUN_EVENTS, write=RUN_EVENTS),
    "surveys:question_edit": Access(
        lambda w: {"pk": w.survey.questions.get().pk}, read=RUN_EVENTS, write=RUN_EVENTS
    ),
    "surveys:question_delete": Access(
        lambda w: {"pk": w.survey.questions.get().pk}, read=RUN_EVENTS, write=RUN_EVENTS
    ),
    "surveys:paper": Access(lambda w: {"pk": w.survey.pk}, read=RUN_EVENTS, write=RUN_EVENTS),
    "surveys:responses": Access(lambda w: {"pk": w.survey.pk}, read=MEMBERS),
    # A response made here, for the URL to delete: the world's survey has none.
    "surveys:response_delete": Access(
        lambda w: {
            "pk": w.survey.responses.get_or_create(
                wave="before", role="vcs_provider", pairing_code="MATRIX01"
            )[0].pk
        },
        read=RUN_EVENTS,
        write=RUN_EVENTS,
    ),
    "surveys:results": Access(lambda w: {"pk": w.survey.pk}, read=MEMBERS),
    "surveys:export": Access(lambda w: {"pk": w.survey.pk, "fmt": "xlsx"}, read=MEMBERS),
    # Anyone answers the survey without an account; a draft survey is 404 (tested in tests/surveys).
    "surveys_public:answer": Access(
        lambda w: {"code": w.survey.join_code}, read=EVERYONE, write=EVERYONE, public=True
    ),
    "surveys_public:thanks": Access(lambda w: {"code": w.survey.join_code}, read=EVERYONE, public=True),
    # -- end of surveys --
    # Case-study reports and the programme roll-up (coproduce/reports).
    "reports:area_report": Access(slug, read=MEMBERS),
    # The published report's PDF; with nothing published, members are sent back to the report (302).
    "reports:area_pdf": Access(slug, read=MEMBERS),
    "reports:draft_pdf": Access(slug, read=MEMBERS),
    "reports:edit": Access(
        slug, read=RUN_EVENTS, write=RUN_EVENTS, write_body={"introduction": "Why Bexley took part."}
    ),
    "reports:publish": Access(slug, write=RUN_EVENTS, write_body={"publish": "yes"}),
    "directory:organisation_list": Access(slug, read=MEMBERS),
    "directory:organisation_create": Access(
        slug,
        read=SHAPE_PROPOSALS,
        write=SHAPE_PROPOSALS,
        write_body={"name": "Bexley Parents' Forum", "kind": "parents_forum"},
    ),
    "directory:organisation_edit": Access(
        lambda w: {"pk": w.action.owner_id},
        read=SHAPE_PROPOSALS,
        write=SHAPE_PROPOSALS,
        write_body={"name": "Renamed organisation", "kind": "vcs"},
    ),
    "reports:unpublish": Access(slug, read=RUN_EVENTS, write=RUN_EVENTS),
    # With nothing taken down, undo changes nothing and says so (a redirect to the report).
    "reports:restore": Access(slug, write=RUN_EVENTS),
    # The roll-up covers the programme's areas the user may view: an outsider (no role in any of them) gets 404.
    "reports:programme": Access(lambda w: {"pk": w.area.programme_id}, read=MEMBERS),
    "reports:programme_pdf": Access(lambda w: {"pk": w.area.programme_id}, read=MEMBERS),
    # The world's report is not published, so it is 404 for everyone; published reports are tested in
    # tests/reports.
    "reports_public:area_report": Access(slug, public=True),
    "reports_public:area_pdf": Access(slug, public=True),
    # -- end of reports --
    # Personal data (coproduce/privacy): the notice is public; subject access and erasure are for those
    # who run the area's events. No mode is chosen: the erasure is refused with a message, after the check.
    "privacy_public:notice": Access(read=EVERYONE, public=True),
    "privacy:people": Access(slug, read=RUN_EVENTS),
    "privacy:person": Access(pe, read=RUN_EVENTS),
    "privacy:person_export": Access(pe, read=RUN_EVENTS),
    "privacy:person_erase": Access(pe, write=RUN_EVENTS),
    # -- end of privacy --
    # Commissioning (coproduce/commissioning): members read processes, their timeline, calendar and draft
    # OCDS; programme lead, facilitator and commissioner write them and publish. The world's process is
    # published (and publishing it again keeps it so), so the public OCDS and calendar URLs answer everyone.
    "commissioning:list": Access(slug, read=MEMBERS),
    "commissioning:process_create": Access(slug, read=SHAPE_PROPOSALS, write=SHAPE_PROPOSALS),
    "commissioning:process": Access(cp, read=MEMBERS),
    "commissioning:process_edit": Access(cp, read=SHAPE_PROPOSALS, write=SHAPE_PROPOSALS),
    "commissioning:timeline": Access(cp, read=MEMBERS),
    "commissioning:calendar": Access(cp, read=MEMBERS),
    "commissioning:release_package": Access(cp, read=MEMBERS),
    "commissioning:record_package": Access(cp, read=MEMBERS),
    "commissioning:publish": Access(cp, write=SHAPE_PROPOSALS, write_body={"publish": "yes"}),
    "commissioning:milestone_create": Access(cp, read=SHAPE_PROPOSALS, write=SHAPE_PROPOSALS),
    "commissioning:milestone_edit": Access(
        lambda w: {"pk": process_of(w).milestones.first().pk}, read=SHAPE_PROPOSALS, write=SHAPE_PROPOSALS
    ),
    "commissioning_public:area": Access(
        lambda w: {"slug": process_of(w).area.slug}, read=EVERYONE, public=True
    ),
    "commissioning_public:calendar": Access(
        lambda w: {"slug": process_of(w).area.slug}, read=EVERYONE, public=True
    ),
    "commissioning_public:release_package": Access(
        lambda w: {"slug": process_of(w).area.slug}, read=EVERYONE, public=True
    ),
    "commissioning_public:record_package": Access(
        lambda w: {"slug": process_of(w).area.slug}, read=EVERYONE, public=True
    ),
    "api:area_process_list": Access(slug, read=MEMBERS, api=True),
    "api:process_detail": Access(lambda w: {"process_id": process_of(w).pk}, read=MEMBERS, api=True),
    "api:process_milestone_list": Access(lambda w: {"process_id": process_of(w).pk}, read=MEMBERS, api=True),
    "api:process_milestone_create": Access(
        lambda w: {"process_id": process_of(w).pk},
        write=SHAPE_PROPOSALS,
        api=True,
        write_body={"kind": "other", "title": "Matrix milestone", "due_date": "2012-06-01"},
    ),
    # -- end of commissioning --
    # CPD in commissioning (coproduce/cpd).
    "cpd:area": Access(slug, read=MEMBERS),
    "cpd:record_create": Access(slug, read=RUN_EVENTS, write=RUN_EVENTS),
    "cpd:event": Access(
        cpd_training, read=RUN_EVENTS, write=RUN_EVENTS, write_body={"hours": "3", "topic": "Commissioning"}
    ),
    "cpd:record": Access(cpd_record, read=CPD_READERS),
    "cpd:record_edit": Access(cpd_record, read=RUN_EVENTS, write=RUN_EVENTS),
    "cpd:reflection": Access(
        cpd_record, read=RUN_EVENTS, write=RUN_EVENTS, write_body={"reflection": "I learned a lot."}
    ),
    "cpd:certificate": Access(cpd_record, read=CPD_READERS),
    "cpd:person": Access(lambda w: {"pk": cpd_person(w).pk}, read=CPD_READERS),
    "cpd:person_csv": Access(lambda w: {"pk": cpd_person(w).pk}, read=CPD_READERS),
    "cpd:organisation": Access(lambda w: {"pk": w.action.owner_id}, read=CPD_READERS),
    "cpd:organisation_csv": Access(lambda w: {"pk": w.action.owner_id}, read=CPD_READERS),
    "cpd:need_create": Access(
        lambda w: {"pk": w.action.owner_id}, read=TRAINING_NEEDS, write=TRAINING_NEEDS, write_body=NEED_BODY
    ),
    "cpd:need_edit": Access(cpd_need, read=TRAINING_NEEDS, write=TRAINING_NEEDS, write_body=NEED_BODY),
    "api:area_cpd_record_list": Access(slug, read=MEMBERS, api=True),
    "api:cpd_record_detail": Access(
        lambda w: {"record_id": cpd_record_obj(w).pk}, read=CPD_READERS, api=True
    ),
    "api:cpd_record_reflection": Access(
        lambda w: {"record_id": cpd_record_obj(w).pk},
        write=RUN_EVENTS,
        api=True,
        write_method="patch",
        write_body={"reflection": "I learned a lot."},
    ),
    "api:area_training_need_list": Access(slug, read=MEMBERS, api=True),
    "api:training_need_detail": Access(lambda w: {"need_id": cpd_need(w)["pk"]}, read=CPD_READERS, api=True),
    # The attendee's own reflection page: the secret link is the key, no account (tested in tests/cpd).
    "cpd_public:reflection": Access(
        lambda w: {"code": cpd_record_obj(w).reflection_code},
        read=EVERYONE,
        write=EVERYONE,
        public=True,
        write_body={"reflection": "What I learned."},
    ),
    # -- end of cpd --
    # Understanding the VCS (coproduce/vcs).
    "vcs:area": Access(slug, read=MEMBERS),
    "vcs:network": Access(slug, read=MEMBERS),
    "vcs:link_create": Access(slug, read=VCS_LINKERS, write=VCS_LINKERS, write_body=vcs_link_body),
    "vcs:link_edit": Access(vcs_link, read=VCS_LINKERS, write=VCS_LINKERS, write_body=vcs_link_body),
    "vcs:link_remove": Access(vcs_link, write=VCS_LINKERS),
    "vcs:organisation": Access(lambda w: {"pk": w.action.owner_id}, read=VCS_READERS),
    "vcs:profile_edit": Access(
        lambda w: {"pk": w.action.owner_id},
        read=VCS_WRITERS,
        write=VCS_WRITERS,
        write_body={"needs": "A room"},
    ),
    "vcs:health_check_create": Access(
        lambda w: {"pk": w.action.owner_id}, read=VCS_WRITERS, write=VCS_WRITERS, write_body=HEALTH_CHECK_BODY
    ),
    "vcs:health_check": Access(vcs_check, read=VCS_READERS),
    "api:area_network": Access(slug, read=MEMBERS, api=True),
    # -- end of vcs --
    # Questions and answers (coproduce/qanda). The public asks, reads, follows and reads the feed with no
    # account; the API's published questions are what the public site shows, so any token reads them (the
    # API has no anonymous operations). The back office's queue
    # and questions are for those who shape proposals; official answers for commissioners and programme
    # leads. The follow links' token is the key (tested in tests/qanda); POSTing one here stops following.
    "qanda_public:area": Access(slug, read=EVERYONE, public=True),
    "qanda_public:ask": Access(
        slug, read=EVERYONE, write=EVERYONE, public=True, write_body={"text": "Matrix question?"}
    ),
    "qanda_public:asked": Access(slug, read=EVERYONE, public=True),
    "qanda_public:feed": Access(slug, read=EVERYONE, public=True),
    "qanda_public:question": Access(
        lambda w: {"slug": w.area.slug, "pk": qa_published(w)["pk"]},
        read=EVERYONE,
        write=EVERYONE,
        public=True,
        write_body={"email": "matrix.follower@example.org"},
    ),
    "qanda_public:follow_confirm": Access(qa_token, read=EVERYONE, write=EVERYONE, public=True),
    "qanda_public:follow_stop": Access(qa_token, read=EVERYONE, public=True),
    "qanda:list": Access(slug, read=MODERATE_QUESTIONS),
    "qanda:question": Access(qa_pending, read=MODERATE_QUESTIONS),
    "qanda:question_approve": Access(qa_pending, write=MODERATE_QUESTIONS),
    "qanda:question_edit": Access(
        qa_pending,
        read=MODERATE_QUESTIONS,
        write=MODERATE_QUESTIONS,
        write_body={"text": "Matrix edited question", "reason": "Clearer"},
    ),
    # No reason is given: the rejection is refused with a message (400), after the permission check.
    "qanda:question_reject": Access(qa_pending, read=MODERATE_QUESTIONS, write=MODERATE_QUESTIONS),
    "qanda:question_answer": Access(
        qa_published, write=ANSWER_QUESTIONS, write_body={"text": "Matrix answer"}
    ),
    "api:area_question_list": Access(slug, read=SIGNED_IN, api=True),
    "api:question_detail": Access(lambda w: {"question_id": qa_answered(w).pk}, read=SIGNED_IN, api=True),
    # -- end of qanda --
    # The API, called with a bearer token. Lists of areas are filtered rather than refused.
    "api:api-root": Access(public=True, api=True),
    "api:openapi-json": Access(read=EVERYONE, public=True, api=True),
    "api:openapi-view": Access(read=EVERYONE, public=True, api=True),
    "api:area_list": Access(read=SIGNED_IN, api=True),
    "api:area_detail": Access(slug, read=MEMBERS, api=True),
    "api:area_event_list": Access(slug, read=MEMBERS, api=True),
    "api:area_event_create": Access(
        slug,
        write=RUN_EVENTS,
        api=True,
        write_body={"title": "New", "kind": "workshop", "date": "2012-01-01"},
    ),
    "api:event_detail": Access(lambda w: {"event_id": w.event.pk}, read=MEMBERS, api=True),
    "api:event_update": Access(
        lambda w: {"event_id": w.event.pk},
        write=RUN_EVENTS,
        api=True,
        write_method="patch",
        write_body={"venue": "Hall"},
    ),
    "api:event_comment_list": Access(lambda w: {"event_id": w.event.pk}, read=MEMBERS, api=True),
    "api:event_comment_create": Access(
        lambda w: {"event_id": w.event.pk},
        write=RUN_EVENTS,
        api=True,
        write_body={"text": "Typed at the event", "author_role": "vcs_provider"},
    ),
    "api:comment_detail": Access(lambda w: {"comment_id": w.comment.pk}, read=MEMBERS, api=True),
    "api:area_proposal_list": Access(slug, read=MEMBERS, api=True),
    "api:area_proposal_create": Access(
        slug, write=SHAPE_PROPOSALS, api=True, write_body={"title": "New", "summary": "A proposal"}
    ),
    "api:proposal_detail": Access(lambda w: {"proposal_id": w.proposal.pk}, read=MEMBERS, api=True),
    "api:proposal_update": Access(
        lambda w: {"proposal_id": w.proposal.pk},
        write=SHAPE_PROPOSALS,
        api=True,
        write_method="patch",
        write_body={"summary": "Changed"},
    ),
    "api:proposal_action_list": Access(lambda w: {"proposal_id": w.proposal.pk}, read=MEMBERS, api=True),
    "api:proposal_action_create": Access(
        lambda w: {"proposal_id": w.proposal.pk}, write=SHAPE_PROPOSALS, api=True, write_body={"title": "New"}
    ),
    "api:action_detail": Access(lambda w: {"action_id": w.action.pk}, read=MEMBERS, api=True),
    "api:action_update": Access(
        lambda w: {"action_id": w.action.pk},
        write=UPDATE_ACTION,
        api=True,
        write_method="patch",
        write_body={"status": "in_progress"},
    ),
    # The same readers as the themes, survey results and vote results pages.
    "api:area_theme_list": Access(slug, read=MEMBERS, api=True),
    "api:theme_detail": Access(lambda w: {"theme_id": w.theme.pk}, read=MEMBERS, api=True),
    "api:area_survey_list": Access(slug, read=MEMBERS, api=True),
    "api:survey_detail": Access(lambda w: {"survey_id": w.survey.pk}, read=MEMBERS, api=True),
    "api:event_statement_list": Access(lambda w: {"event_id": w.event.pk}, read=MEMBERS, api=True),
    # Areas, challenges and their co-production stages (programmes, consensus; issue 16). A programme lead
    # adds areas to their programme; those who run events write challenges and move them through stages.
    "programmes:area_create": Access(
        programme_of,
        read=frozenset([AreaRole.PROGRAMME_LEAD]),
        write=frozenset([AreaRole.PROGRAMME_LEAD]),
        write_body={"name": "Matrix area", "slug": "matrix-area"},
    ),
    "programmes:challenge_create": Access(
        slug, read=RUN_EVENTS, write=RUN_EVENTS, write_body={"text": "How to work collaboratively?"}
    ),
    "programmes:challenge": Access(challenge_of, read=MEMBERS),
    "programmes:challenge_edit": Access(
        challenge_of,
        read=RUN_EVENTS,
        write=RUN_EVENTS,
        write_body={"text": "How to improve engagement of the local VCS?"},
    ),
    "programmes:challenge_stage": Access(challenge_of, write=RUN_EVENTS, write_body={"stage": "agreeing"}),
    "programmes:challenge_put_to_vote": Access(challenge_of, write=RUN_EVENTS),
    "programmes:challenge_agree": Access(challenge_of, write=RUN_EVENTS),
    "consensus:statement_review": Access(
        lambda w: {"pk": w.statement.pk}, write=RUN_EVENTS, write_body={"decision": "approve"}
    ),
    "consensus:polis_import": Access(ev, write=RUN_EVENTS),
    # Participants add statements from their phones by join code, no account (tests/consensus).
    "public:statement_submit": Access(code, read=EVERYONE, write=EVERYONE, public=True),
}


# --- appraisal ---
SCORE_APPRAISAL = MEMBERS - {AreaRole.VIEWER}


def appraisal_of(w: World):
    """An options appraisal of the world's area, open for scoring (made on first use)."""
    from coproduce.appraisal.models import Appraisal, Criterion, Option

    appraisal, made = Appraisal.objects.get_or_create(
        area=w.area, title="Matrix appraisal", defaults={"status": "scoring"}
    )
    if made:
        Option.objects.create(appraisal=appraisal, title="In-house")
        Option.objects.create(appraisal=appraisal, title="Mixed economy")
        Criterion.objects.create(appraisal=appraisal, title="Strategic fit")
    return appraisal


def published_appraisal_of(w: World):
    """An agreed options appraisal of the world's area with its record on the public site."""
    from coproduce.appraisal.models import Appraisal, Option

    appraisal, made = Appraisal.objects.get_or_create(
        area=w.area, title="Matrix published appraisal", defaults={"status": "agreed", "is_published": True}
    )
    if made:
        appraisal.preferred_option = Option.objects.create(appraisal=appraisal, title="Mixed economy")
        appraisal.save()
    return appraisal


def ap(w: World) -> dict:
    return {"pk": appraisal_of(w).pk}


def ap_option(w: World) -> dict:
    return {"pk": appraisal_of(w).options.get(title="Mixed economy").pk}


def ap_criterion(w: World) -> dict:
    return {"pk": appraisal_of(w).criteria.get().pk}


APPRAISAL_ACCESS: dict[str, Access] = {
    # Reading an appraisal, its results and its record: every member.
    "appraisal:list": Access(slug, read=MEMBERS),
    "appraisal:detail": Access(ap, read=MEMBERS),
    "appraisal:results": Access(ap, read=MEMBERS),
    "appraisal:record": Access(ap, read=MEMBERS),
    "appraisal:record_pdf": Access(ap, read=MEMBERS),
    # Publishing the agreed record on the public site: those who build it (refused unless agreed; the
    # refusal is a redirect with a message, so the matrix sees the permission, not the rule).
    "appraisal:publish": Access(ap, write=SHAPE_PROPOSALS, write_body={"publish": "0"}),
    # The published record: anyone, with no sign-in.
    "appraisal_public:record": Access(
        lambda w: {"slug": published_appraisal_of(w).area.slug, "pk": published_appraisal_of(w).pk},
        read=EVERYONE,
        public=True,
    ),
    # Building it and agreeing it: those who shape proposals.
    "appraisal:create": Access(slug, read=SHAPE_PROPOSALS, write=SHAPE_PROPOSALS),
    "appraisal:status": Access(ap, write=SHAPE_PROPOSALS, write_body={"status": "scoring"}),
    "appraisal:option_create": Access(ap, read=SHAPE_PROPOSALS, write=SHAPE_PROPOSALS),
    "appraisal:option_exclude": Access(ap_option, read=SHAPE_PROPOSALS, write=SHAPE_PROPOSALS),
    "appraisal:option_restore": Access(ap_option, write=SHAPE_PROPOSALS),
    "appraisal:criterion_create": Access(ap, read=SHAPE_PROPOSALS, write=SHAPE_PROPOSALS),
    "appraisal:criterion_edit": Access(ap_criterion, read=SHAPE_PROPOSALS, write=SHAPE_PROPOSALS),
    "appraisal:agree": Access(ap, read=SHAPE_PROPOSALS, write=SHAPE_PROPOSALS),
    # Scoring and proposing weights: every role but the viewer.
    "appraisal:score": Access(ap, read=SCORE_APPRAISAL, write=SCORE_APPRAISAL),
    "api:area_appraisal_list": Access(slug, read=MEMBERS, api=True),
    "api:appraisal_detail": Access(lambda w: {"appraisal_id": appraisal_of(w).pk}, read=MEMBERS, api=True),
}
ACCESS.update(APPRAISAL_ACCESS)


# --- service_directory ---
# The world's VCS member speaks for the action's owner; the service and its pending change are the owner's.
PROPOSE_LISTING = RUN_EVENTS | {AreaRole.VCS_MEMBER}


def listed_service(w: World):
    """A published service of the owner with one location and a pending change (made on first use)."""
    from coproduce.service_directory import oruk
    from coproduce.service_directory.models import Location, Service, ServiceAtLocation, ServiceChange

    service, made = Service.objects.get_or_create(
        organisation=w.action.owner, name="Matrix stay and play", defaults={"is_published": True}
    )
    if made:
        location = Location.objects.create(organisation=w.action.owner, name="Matrix hall")
        ServiceAtLocation.objects.create(service=service, location=location)
        ServiceChange.objects.create(
            service=service, proposed=oruk.service_json(service) | {"name": "Changed"}
        )
    return service


def sd_service(w: World) -> dict:
    return {"pk": listed_service(w).pk}


def sd_change(w: World) -> dict:
    return {"pk": listed_service(w).changes.get().pk}


def oruk_term() -> str:
    from coproduce.service_directory import taxonomy_seed

    return str(taxonomy_seed.term_id("play-and-learning"))


def oruk_taxonomy() -> str:
    from coproduce.service_directory import taxonomy_seed

    return str(taxonomy_seed.taxonomy_id())


SERVICE_DIRECTORY_ACCESS: dict[str, Access] = {
    # The back office: every member reads the directory; the organisation's people and those who run the
    # programme propose listings; those who run the programme review them and import feeds. Empty posts are
    # refused with a message after the permission check, and change nothing.
    "service_directory:area": Access(slug, read=MEMBERS),
    "service_directory:reviews": Access(slug, read=RUN_EVENTS),
    "service_directory:import": Access(slug, read=RUN_EVENTS, write=RUN_EVENTS),
    "service_directory:organisation": Access(lambda w: {"pk": w.action.owner_id}, read=MEMBERS),
    "service_directory:service_create": Access(
        lambda w: {"pk": w.action.owner_id}, read=PROPOSE_LISTING, write=PROPOSE_LISTING
    ),
    "service_directory:service": Access(sd_service, read=MEMBERS),
    "service_directory:service_edit": Access(sd_service, read=PROPOSE_LISTING, write=PROPOSE_LISTING),
    "service_directory:review": Access(sd_change, read=RUN_EVENTS, write=RUN_EVENTS),
    # The Open Referral UK API: public, no key, published services only (tested in tests/service_directory).
    "oruk:meta": Access(read=EVERYONE, public=True),
    "oruk:openapi": Access(read=EVERYONE, public=True),
    "oruk:services": Access(read=EVERYONE, public=True),
    "oruk:service": Access(lambda w: {"id": str(listed_service(w).pk)}, read=EVERYONE, public=True),
    "oruk:taxonomies": Access(read=EVERYONE, public=True),
    "oruk:taxonomy": Access(lambda w: {"id": oruk_taxonomy()}, read=EVERYONE, public=True),
    "oruk:taxonomy_terms": Access(read=EVERYONE, public=True),
    "oruk:taxonomy_term": Access(lambda w: {"id": oruk_term()}, read=EVERYONE, public=True),
    "oruk:service_at_locations": Access(read=EVERYONE, public=True),
    "oruk:service_at_location": Access(
        lambda w: {"id": str(listed_service(w).service_at_locations.get().pk)}, read=EVERYONE, public=True
    ),
}
ACCESS.update(SERVICE_DIRECTORY_ACCESS)


# --- marketplace ---
# A children's centre of the world's area with a need, a published service of the organisation the world's
# VCS member speaks for, the match between them and a market place event (made on first use, directly: these
# tests are about who may reach the pages). The world's centre manager speaks for no centre, so only those who
# shape proposals state needs; the VCS member may agree the match with their organisation's service.
def market_need_of(w: World):
    from coproduce.directory.models import Organisation
    from coproduce.marketplace.models import Match, Need
    from coproduce.service_directory.models import Service, TaxonomyTerm

    need = Need.objects.filter(area=w.area, title="Matrix need").first()
    if need is None:
        kind = TaxonomyTerm.objects.get(code="speech-and-language")
        centre = Organisation.objects.create(area=w.area, name="Matrix Centre", kind="childrens_centre")
        need = Need.objects.create(
            area=w.area, centre=centre, title="Matrix need", description="Talk", service_type=kind
        )
        service = Service.objects.create(organisation=w.action.owner, name="Matrix talk", is_published=True)
        service.taxonomy_terms.set([kind])
        Match.objects.create(need=need, service=service, rank=1, score=0.9)
    return need


def market_need(w: World) -> dict:
    return {"pk": market_need_of(w).pk}


def market_match(w: World) -> dict:
    return {"pk": market_need_of(w).matches.get().pk}


def market_event(w: World) -> dict:
    from coproduce.engagement.models import Event

    event, _ = Event.objects.get_or_create(
        area=w.area, kind="market_place", title="Matrix market place", defaults={"date": "2012-03-01"}
    )
    return {"pk": event.pk}


def market_need_body(w: World) -> dict:
    need = market_need_of(w)
    return {
        "centre": need.centre_id,
        "title": "Matrix need",
        "description": "Talk",
        "service_type": str(need.service_type_id),
        "budget_band": "no_limit",
    }


AGREE_MATCH = SHAPE_PROPOSALS | {AreaRole.VCS_MEMBER}
MARKETPLACE_ACCESS: dict[str, Access] = {
    # Reading the needs, their matches, the gaps, the map and a market place event: every member.
    "marketplace:area": Access(slug, read=MEMBERS),
    "marketplace:gaps": Access(slug, read=MEMBERS),
    "marketplace:map": Access(slug, read=MEMBERS),
    "marketplace:map_pdf": Access(slug, read=MEMBERS),
    "marketplace:need": Access(market_need, read=MEMBERS),
    "marketplace:event": Access(market_event, read=MEMBERS),
    # Stating and editing needs, and working their matches out again: those who shape proposals (and a
    # centre manager for their own centre, tested in tests/marketplace).
    "marketplace:need_create": Access(
        slug, read=SHAPE_PROPOSALS, write=SHAPE_PROPOSALS, write_body=market_need_body
    ),
    "marketplace:need_edit": Access(
        market_need, read=SHAPE_PROPOSALS, write=SHAPE_PROPOSALS, write_body=market_need_body
    ),
    "marketplace:need_rank": Access(market_need, write=SHAPE_PROPOSALS),
    "marketplace:area_rank": Access(slug, write=SHAPE_PROPOSALS),
    # Agreeing a match, or recording it discussed: also the VCS member whose organisation runs the service.
    "marketplace:match_agree": Access(
        market_match, read=AGREE_MATCH, write=AGREE_MATCH, write_body={"title": "Matrix action"}
    ),
    "marketplace:match_record": Access(market_match, write=AGREE_MATCH, write_body={"status": "discussed"}),
    "api:area_need_list": Access(slug, read=MEMBERS, api=True),
    "api:need_detail": Access(lambda w: {"need_id": market_need_of(w).pk}, read=MEMBERS, api=True),
}
ACCESS.update(MARKETPLACE_ACCESS)
# -- end of marketplace --
# --- kpis ---
# KPIs made transparent, you said we did, my actions (coproduce/kpis). Members read KPIs in the back office;
# the programme lead and commissioners write them. The world's KPI is published (publishing it again keeps
# it so), so its public pages answer everyone. "My actions" is every signed-in person's own list.
WRITE_KPIS = frozenset([AreaRole.PROGRAMME_LEAD, AreaRole.COMMISSIONER])


def kpi_of(w: World):
    """The world area's published KPI with one figure (made on first use)."""
    import datetime

    from coproduce.kpis.models import Kpi, KpiValue

    kpi = Kpi.objects.filter(area=w.area, name="Matrix KPI").first()
    if kpi is None:
        kpi = Kpi.objects.create(
            area=w.area,
            name="Matrix KPI",
            why="Why",
            measure="How",
            unit="%",
            source="Records",
            target=60,
            is_published=True,
        )
        KpiValue.objects.create(kpi=kpi, period_start=datetime.date(2012, 1, 1), value=61)
    return kpi


def kp(w: World) -> dict:
    return {"pk": kpi_of(w).pk}


def kp_public(w: World) -> dict:
    return {"slug": w.area.slug, "pk": kpi_of(w).pk}


KPI_ACCESS: dict[str, Access] = {
    "kpis:list": Access(slug, read=MEMBERS),
    "kpis:detail": Access(kp, read=MEMBERS),
    "kpis:csv": Access(kp, read=MEMBERS),
    # Writing: an empty form is shown again with its errors (400), so the matrix sees the permission.
    "kpis:create": Access(slug, read=WRITE_KPIS, write=WRITE_KPIS),
    "kpis:edit": Access(kp, read=WRITE_KPIS, write=WRITE_KPIS),
    "kpis:value_add": Access(kp, read=WRITE_KPIS, write=WRITE_KPIS),
    "kpis:value_edit": Access(lambda w: {"pk": kpi_of(w).values.get().pk}, read=WRITE_KPIS, write=WRITE_KPIS),
    "kpis:value_delete": Access(lambda w: {"pk": kpi_of(w).values.get().pk}, write=WRITE_KPIS),
    "kpis:import": Access(kp, read=WRITE_KPIS, write=WRITE_KPIS),
    "kpis:publish": Access(kp, write=WRITE_KPIS, write_body={"publish": "on"}),
    "kpis:my_actions": Access(read=SIGNED_IN),
    # The public site: the published KPI of the published area, and its "you said, we did".
    "kpis_public:list": Access(slug, read=EVERYONE, public=True),
    "kpis_public:detail": Access(kp_public, read=EVERYONE, public=True),
    "kpis_public:csv": Access(kp_public, read=EVERYONE, public=True),
    "kpis_public:you_said_we_did": Access(slug, read=EVERYONE, public=True),
    "api:area_kpi_list": Access(slug, read=MEMBERS, api=True),
    "api:kpi_detail": Access(lambda w: {"kpi_id": kpi_of(w).pk}, read=MEMBERS, api=True),
}
ACCESS.update(KPI_ACCESS)
# -- end of kpis --

# URL namespaces with their own access model, checked elsewhere: Django's admin is for superusers only
# (its own staff check, tested in test_the_django_admin_is_for_staff_only).
EXCLUDED_NAMESPACES = {"admin"}


def named_urls(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full = f"{namespace}:{ns}".strip(":") if ns else namespace
            if ns in EXCLUDED_NAMESPACES:
                continue
            names |= named_urls(entry, full)
        elif isinstance(entry, URLPattern):
            if entry.name is None:
                raise AssertionError(f"URL pattern {entry.pattern} has no name, so it cannot be in ACCESS")
            names.add(f"{namespace}:{entry.name}" if namespace else entry.name)
    return names


def test_every_url_has_an_entry():
    missing = named_urls() - set(ACCESS)
    assert not missing, f"URLs with no entry in the authorisation matrix: {sorted(missing)}"
    stale = set(ACCESS) - named_urls()
    assert not stale, f"Entries for URLs that no longer exist: {sorted(stale)}"


def world_build() -> World:
    area = AreaFactory(is_published=True)
    elsewhere = AreaFactory()
    owner = OrganisationFactory(area=area)
    event = EventFactory(area=area, results_published=True)
    comment = CommentFactory(event=event)
    statement = StatementFactory(event=event, text="Families need Saturday sessions")
    held = CommentFactory(event=event, status=CommentStatus.HELD)
    proposal = ProposalFactory(area=area)
    proposal.evidence.add(comment)
    action = ActionFactory(proposal=proposal, owner=owner)
    users = {role: member(area, role) for role in ROLES}
    users[AreaRole.VCS_MEMBER].memberships.update(organisation=owner)
    users[OUTSIDER] = member(elsewhere, AreaRole.PROGRAMME_LEAD)
    token, _ = ApiToken.issue(user=users[AreaRole.PROGRAMME_LEAD], name="matrix")
    # A finished analysis, written directly: these tests are about who may reach it, not how it is made.
    run = AnalysisRunFactory(area=area, status=RunStatus.DONE, inputs=[[comment.pk, comment.text]])
    theme = Theme.objects.create(run=run, number=1, label="Saturday sessions", size=1)
    survey = SurveyFactory(area=area)
    QuestionFactory(survey=survey)
    return World(area, event, comment, held, proposal, action, statement, run, theme, token, users, survey)


@pytest.fixture(scope="module")
def world_for_module(django_db_setup, django_db_blocker):
    # Some 1,200 tests read this one world; building it for each was half of this module's time.
    yield from built_once(django_db_blocker, world_build)


@pytest.fixture
def world(db, world_for_module) -> World:
    return world_for_module


def client_for(world: World, who: str) -> Client:
    client = Client()
    if who != ANONYMOUS:
        client.force_login(world.users[who])
    return client


def assert_access(response, who: str, allowed: frozenset, entry: Access, what: str) -> None:
    status = response.status_code
    login_redirect = status == 302 and "/sign-in/" in response.get("Location", "")
    if who in allowed:
        assert status not in (401, 403, 404, 405) and not login_redirect, (
            f"{what}: {who} should be allowed, got {status}"
        )
    elif who == ANONYMOUS and not entry.public:
        assert login_redirect or status == 401, f"{what}: anonymous should be sent to sign in, got {status}"
    elif who == OUTSIDER or entry.public:
        assert status in (403, 404), f"{what}: {who} should be refused, got {status}"
    else:
        assert status == 403 or (status == 404 and entry.write == frozenset([AreaRole.PROGRAMME_LEAD])), (
            f"{what}: {who} should get 403, got {status}"
        )


@pytest.mark.parametrize("who", sorted(EVERYONE))
@pytest.mark.parametrize("name", sorted(n for n, a in ACCESS.items() if not a.api))
def test_page_access(world, name, who):
    entry = ACCESS[name]
    url = reverse(name, kwargs=entry.kwargs(world))
    client = client_for(world, who)
    if entry.read or not entry.write:
        assert_access(client.get(url), who, entry.read, entry, f"GET {name}")
    else:
        assert client.get(url).status_code in (302, 403, 404, 405), f"GET {name} must not show a page"
    if entry.write:
        assert_access(client.post(url, entry.body(world)), who, entry.write, entry, f"POST {name}")


@pytest.mark.parametrize("who", sorted(EVERYONE))
@pytest.mark.parametrize("name", sorted(n for n, a in ACCESS.items() if a.api))
def test_api_access(world, name, who):
    entry = ACCESS[name]
    url = reverse(name, kwargs=entry.kwargs(world))
    headers = {}
    if who != ANONYMOUS:
        _, raw = ApiToken.issue(user=world.users[who], name="matrix")
        headers["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    client = Client()
    if entry.read or not entry.write:
        assert_access(client.get(url, **headers), who, entry.read, entry, f"GET {name}")
    if entry.write:
        send = getattr(client, entry.write_method)
        response = send(url, entry.body(world), content_type="application/json", **headers)
        assert_access(response, who, entry.write, entry, f"{entry.write_method.upper()} {name}")


def test_the_api_lists_only_the_areas_a_user_has_a_role_in(world):
    _, raw = ApiToken.issue(user=world.users[OUTSIDER], name="matrix")
    response = Client().get(reverse("api:area_list"), HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert world.area.slug not in response.content.decode()


def test_the_django_admin_is_for_staff_only(db, client):
    assert client.get("/django-admin/").status_code == 302
    client.force_login(UserFactory())
    assert client.get("/django-admin/").status_code == 302
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/django-admin/").status_code == 200
