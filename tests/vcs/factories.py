"""Factories for the VCS app's tests (profiles, health checks, links)."""

import datetime

import factory

from coproduce.directory.models import OrganisationKind
from coproduce.vcs.models import HealthTopic, LinkKind, OrganisationLink
from coproduce.vcs.services import health_check_take
from tests.factories import AreaFactory, OrganisationFactory


class CentreFactory(OrganisationFactory):
    kind = OrganisationKind.CHILDRENS_CENTRE
    name = factory.Sequence(lambda n: f"Centre {n}")


class LinkFactory(factory.django.DjangoModelFactory):
    """A link between two new organisations of one area (lower id first, as the model requires)."""

    class Meta:
        model = OrganisationLink

    area = factory.SubFactory(AreaFactory)
    organisation_a = factory.SubFactory(OrganisationFactory, area=factory.SelfAttribute("..area"))
    organisation_b = factory.SubFactory(OrganisationFactory, area=factory.SelfAttribute("..area"))
    kind = LinkKind.PARTNERSHIP
    strength = 2

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        first, second = sorted((kwargs["organisation_a"], kwargs["organisation_b"]), key=lambda o: o.pk)
        return super()._create(
            model_class, *args, **{**kwargs, "organisation_a": first, "organisation_b": second}
        )


def ratings(default: int = 3, **scores: int) -> dict[str, tuple[int, str]]:
    """A rating of every area of the health check: ``default`` unless named (``finance=1``)."""
    return {topic.value: (scores.get(topic.value, default), "") for topic in HealthTopic}


def take(organisation, on: datetime.date, default: int = 3, **scores: int):
    return health_check_take(organisation=organisation, taken_on=on, ratings=ratings(default, **scores))
