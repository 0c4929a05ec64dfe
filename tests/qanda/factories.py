"""Factories for questions and answers (coproduce/qanda)."""

import factory
from django.utils import timezone

from coproduce.qanda.models import Answer, Follower, Question, QuestionStatus
from tests.factories import AreaFactory


class AskedQuestionFactory(factory.django.DjangoModelFactory):
    """A question waiting for moderation, in a published area."""

    class Meta:
        model = Question

    area = factory.SubFactory(AreaFactory, is_published=True)
    text = factory.Sequence(lambda n: f"When are the children's centres open on Saturdays? ({n})")


class PublishedQuestionFactory(AskedQuestionFactory):
    status = QuestionStatus.PUBLISHED
    moderated_at = factory.LazyFunction(timezone.now)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    question = factory.SubFactory(PublishedQuestionFactory)
    text = "Two centres open on Saturday mornings from September."
    answered_as = "Commissioner"


class FollowerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follower

    question = factory.SubFactory(PublishedQuestionFactory)
    email = factory.Sequence(lambda n: f"follower{n}@example.org")
    confirmed_at = factory.LazyFunction(timezone.now)


def api_headers() -> dict:
    """An API token of a user with no role anywhere: the published questions are anyone's to read."""
    from coproduce.accounts.models import ApiToken
    from tests.factories import UserFactory

    _, raw = ApiToken.issue(user=UserFactory(), name="qanda tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
