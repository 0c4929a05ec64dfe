"""Factories for tests: build the objects a test needs, nothing more."""

import datetime

import factory
from django.contrib.auth import get_user_model

from coproduce.accounts.models import AreaRole, Membership
from coproduce.consensus.models import Statement
from coproduce.directory.models import Organisation, OrganisationKind, Person, Role
from coproduce.engagement.models import Attendance, Comment, Event, EventKind, EventStatus, Method
from coproduce.methods.models import MethodSession
from coproduce.programmes.models import Area, Challenge, Programme
from coproduce.proposals.models import Action, Proposal
from coproduce.surveys.models import Question, QuestionKind, Survey, SurveyStatus
from coproduce.themes.models import AnalysisRun


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = "Children's Centres and VCS Programme"


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge

    area = factory.SubFactory(AreaFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "How to work collaboratively to deliver children's centres?"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    area = factory.SubFactory(AreaFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.VCS


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    area = factory.SubFactory(AreaFactory)
    role = Role.VCS_PROVIDER


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    area = factory.SubFactory(AreaFactory)
    kind = EventKind.WORKSHOP
    title = factory.Sequence(lambda n: f"Workshop {n}")
    date = datetime.date(2011, 10, 28)
    status = EventStatus.OPEN


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory, area=factory.SelfAttribute("..event.area"))


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    event = factory.SubFactory(EventFactory)
    text = factory.Sequence(lambda n: f"We need clearer commissioning timetables ({n}).")
    author_role = Role.VCS_PROVIDER


class MethodSessionFactory(factory.django.DjangoModelFactory):
    """A workshop method's session, made directly: no step rules are applied, so a test sets the stage it needs."""

    class Meta:
        model = MethodSession

    event = factory.SubFactory(EventFactory)
    method = Method.SIX_HATS


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    event = factory.SubFactory(EventFactory)
    text = factory.Sequence(lambda n: f"Families need Saturday sessions ({n})")


class AnalysisRunFactory(factory.django.DjangoModelFactory):
    """A theme analysis, queued unless a test says otherwise, with no themes: a test adds what it needs."""

    class Meta:
        model = AnalysisRun

    area = factory.SubFactory(AreaFactory)


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    area = factory.SubFactory(AreaFactory)
    title = factory.Sequence(lambda n: f"Proposal {n}")
    summary = "Market-place events mapping what the VCS can offer children's centres."


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    proposal = factory.SubFactory(ProposalFactory)
    title = factory.Sequence(lambda n: f"Action {n}")


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    area = factory.SubFactory(AreaFactory)
    title = factory.Sequence(lambda n: f"Before and after {n}")
    status = SurveyStatus.BEFORE


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    number = factory.Sequence(lambda n: n + 1)
    kind = QuestionKind.SCALE
    text = "How positive do you feel about tackling the key challenges?"
    topic = "tackling the key challenges"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "pass-word-123")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    area = factory.SubFactory(AreaFactory)
    role = AreaRole.VIEWER


def member(area, role: str, **kwargs):
    """A user with ``role`` in ``area``."""
    return MembershipFactory(area=area, role=role, **kwargs).user


# --- commissioning ---
from coproduce.commissioning.models import (  # noqa: E402
    CommissioningProcess,
    Milestone,
    MilestoneKind,
)


class CommissioningProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommissioningProcess

    area = factory.SubFactory(AreaFactory)
    title = factory.Sequence(lambda n: f"Children's centre services {n}")
    start_date = datetime.date(2011, 10, 1)
    end_date = datetime.date(2015, 3, 31)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    process = factory.SubFactory(CommissioningProcessFactory)
    kind = MilestoneKind.OTHER
    stage = "plan"
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_date = datetime.date(2012, 6, 1)


# --- appraisal ---
def appraisal_with_options(
    area=None,
    *,
    options=("In-house", "Mixed economy"),
    criteria=("Strategic fit", "Affordability"),
    status="scoring",
    **kwargs,
):
    """An options appraisal of ``area`` with these short-listed options and criteria, open for scoring
    unless ``status`` says otherwise."""
    from coproduce.appraisal.models import Appraisal, Criterion, Option

    appraisal = Appraisal.objects.create(
        area=area or AreaFactory(),
        title=kwargs.pop("title", "Delivery of children's centre services"),
        status=status,
        **kwargs,
    )
    for title in options:
        Option.objects.create(appraisal=appraisal, title=title)
    for title in criteria:
        Criterion.objects.create(appraisal=appraisal, title=title)
    return appraisal


def appraisal_scores(appraisal, rater, role, table, weights):
    """``rater`` scores as ``table`` says ({option title: [score per criterion]}) with ``weights``
    ([weight per criterion]), through the service."""
    from coproduce.appraisal.services import ratings_record

    options = {o.title: o for o in appraisal.options.filter(is_shortlisted=True)}
    criteria = list(appraisal.criteria.all())
    scores = {
        (options[title].pk, criterion.pk): value
        for title, values in table.items()
        for criterion, value in zip(criteria, values, strict=True)
    }
    return ratings_record(
        appraisal=appraisal,
        rater=rater,
        role=role,
        scores=scores,
        weights={c.pk: w for c, w in zip(criteria, weights, strict=True)},
    )


# --- cpd ---
class TrainingEventFactory(EventFactory):
    kind = EventKind.TRAINING
    title = factory.Sequence(lambda n: f"Training session {n}")
    date = datetime.date(2012, 2, 13)


class TrainingContentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cpd.TrainingContent"

    event = factory.SubFactory(TrainingEventFactory)
    hours = "3"
    topic = "Commissioning for children's centres"
    learning_objectives = factory.LazyFunction(
        lambda: ["The commissioning cycle", "The procurement options", "Co-production"]
    )


class CpdRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cpd.CpdRecord"

    person = factory.SubFactory(PersonFactory, name=factory.Sequence(lambda n: f"Attendee {n}"))
    title = "Safeguarding refresher"
    provider = "Bexley Safeguarding Partnership"
    date = datetime.date(2012, 3, 1)
    hours = "2"
    topic = "Safeguarding"


class TrainingNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cpd.TrainingNeed"

    organisation = factory.SubFactory(OrganisationFactory)
    need = "Understanding the procurement options"
    raised_on = datetime.date(2011, 11, 1)
