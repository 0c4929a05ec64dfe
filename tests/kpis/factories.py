"""Factories for KPIs and their values."""

import datetime
from decimal import Decimal

import factory

from coproduce.kpis.models import Direction, Frequency, Kpi, KpiValue
from tests.factories import AreaFactory


class KpiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kpi

    area = factory.SubFactory(AreaFactory, is_published=True)
    name = factory.Sequence(lambda n: f"Take-up of the 2-year-old offer {n}")
    why = "A place nobody takes up helps no one."
    measure = "Eligible two-year-olds in a funded place, as a share of those eligible."
    unit = "%"
    direction = Direction.HIGHER
    target = Decimal("65")
    frequency = Frequency.QUARTERLY
    source = "Early-years funding records"
    is_published = True


class KpiValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KpiValue

    kpi = factory.SubFactory(KpiFactory)
    period_start = datetime.date(2012, 1, 1)
    value = Decimal("66")


def kpi_with_quarters(values: list[str], explanations: dict[int, str] | None = None, **kwargs) -> Kpi:
    """A quarterly KPI with a value for each quarter of 2012 in turn (Q1 first)."""
    kpi = KpiFactory(**kwargs)
    for i, value in enumerate(values):
        KpiValueFactory(
            kpi=kpi,
            period_start=datetime.date(2012 + i // 4, 3 * (i % 4) + 1, 1),
            value=Decimal(value),
            explanation=(explanations or {}).get(i, ""),
        )
    return kpi
