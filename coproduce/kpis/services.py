"""Writing KPIs and their values: typed in one at a time or imported from a CSV file, all or nothing.

Services check what they are given (a link to another area's proposal, a period of the wrong kind) and
raise ``ValidationError`` naming the field, so a form or the API shows it and nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from coproduce.analysis import kpi_values
from coproduce.appraisal.models import Criterion
from coproduce.kpis.models import Kpi, KpiValue
from coproduce.programmes.models import Area
from coproduce.proposals.models import Action, Proposal
from coproduce.themes.models import Theme

TEXT_FIELDS = ("name", "why", "measure", "unit", "source")
FIELD_WORDS = {
    "name": "the KPI's name",
    "why": "why it matters",
    "measure": "how it is measured",
    "unit": "the unit, such as % or families",
    "source": "where the figures come from",
}
LINKS: dict[str, Any] = {"proposals": Proposal, "actions": Action, "criteria": Criterion, "themes": Theme}
# How each linked kind reaches its area.
LINK_AREA = {
    "proposals": "area",
    "actions": "proposal__area",
    "criteria": "appraisal__area",
    "themes": "run__area",
}


def _links_check(area: Area, links: dict[str, Iterable[Any]], problems: dict[str, str]) -> dict[str, list]:
    checked = {}
    for name, items in links.items():
        items = list(items)
        ids = {getattr(item, "pk", item) for item in items}
        found = list(LINKS[name].objects.filter(pk__in=ids, **{LINK_AREA[name]: area}))
        if len(found) != len(ids):
            problems[name] = f"Choose {name} of {area.name} only"
        checked[name] = found
    return checked


def _kpi_fields(area: Area, fields: dict[str, Any], problems: dict[str, str]) -> dict[str, Any]:
    clean = dict(fields)
    for name in TEXT_FIELDS:
        if name in clean:
            clean[name] = (clean[name] or "").strip()
            if not clean[name]:
                problems[name] = f"Enter {FIELD_WORDS[name]}"
    if clean.get("target") is not None:
        clean["target"] = Decimal(clean["target"])
    return clean


def kpi_create(*, area: Area, links: dict[str, Iterable[Any]] | None = None, **fields: Any) -> Kpi:
    problems: dict[str, str] = {}
    clean = _kpi_fields(area, fields, problems)
    checked = _links_check(area, links or {}, problems)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        kpi = Kpi.objects.create(area=area, **clean)
        for name, items in checked.items():
            getattr(kpi, name).set(items)
    return kpi


def kpi_update(*, kpi: Kpi, links: dict[str, Iterable[Any]] | None = None, **fields: Any) -> Kpi:
    problems: dict[str, str] = {}
    clean = _kpi_fields(kpi.area, fields, problems)
    checked = _links_check(kpi.area, links or {}, problems)
    stored = (
        Kpi.objects.filter(pk=kpi.pk).values_list("frequency", flat=True).first()
    )  # a form may have set it
    if "frequency" in clean and clean["frequency"] != stored and kpi.values.exists():
        problems["frequency"] = (
            "This KPI already has figures for its periods: the reporting frequency cannot change now"
        )
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        for name, value in clean.items():
            setattr(kpi, name, value)
        kpi.save()
        for name, items in checked.items():
            getattr(kpi, name).set(items)
    return kpi


def kpi_publish(*, kpi: Kpi, publish: bool) -> Kpi:
    kpi.is_published = publish
    kpi.save(update_fields=["is_published"])
    return kpi


def _value_check(
    kpi: Kpi, period: str, value: str, explanation: str
) -> tuple[kpi_values.Period, Decimal, str]:
    problems: dict[str, str] = {}
    parsed_period = parsed_value = None
    try:
        parsed_period = kpi_values.period_parse(period, kpi.frequency)
    except kpi_values.PeriodError as error:
        problems["period"] = str(error)
    try:
        parsed_value = kpi_values.value_parse(str(value))
    except ValueError as error:
        problems["value"] = str(error)
    explanation = (explanation or "").strip()
    if len(explanation) > kpi_values.MAX_EXPLANATION:
        problems["explanation"] = f"Keep the explanation to {kpi_values.MAX_EXPLANATION} characters"
    if problems:
        raise ValidationError(problems)
    assert parsed_period is not None and parsed_value is not None
    return parsed_period, parsed_value, explanation


def kpi_value_add(*, kpi: Kpi, period: str, value: str, explanation: str = "") -> KpiValue:
    parsed_period, parsed_value, explanation = _value_check(kpi, period, value, explanation)
    if kpi.values.filter(period_start=parsed_period.start).exists():
        raise ValidationError(
            {"period": f"There is already a figure for {parsed_period.label}: change that one instead"}
        )
    return KpiValue.objects.create(
        kpi=kpi, period_start=parsed_period.start, value=parsed_value, explanation=explanation
    )


def kpi_value_update(*, kpi_value: KpiValue, value: str, explanation: str = "") -> KpiValue:
    kpi = kpi_value.kpi
    _, parsed_value, explanation = _value_check(kpi, kpi_value.period.code, value, explanation)
    kpi_value.value = parsed_value
    kpi_value.explanation = explanation
    kpi_value.save()
    return kpi_value


def kpi_value_delete(*, kpi_value: KpiValue) -> None:
    """Remove a figure typed in by mistake; its history keeps what it was."""
    kpi_value.delete()


class ImportRefused(Exception):
    """The file had problems, so nothing was imported; ``problems`` lists each with its row and column."""

    def __init__(self, problems: list[kpi_values.Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass(frozen=True)
class Imported:
    added: int
    changed: int


def kpi_values_import(*, kpi: Kpi, data: bytes) -> Imported:
    """Every row of the file, or none: a period already recorded gets the file's value and explanation."""
    read = kpi_values.values_file_read(data, kpi.frequency)
    if read.problems:
        raise ImportRefused(read.problems)
    added = changed = 0
    with transaction.atomic():
        existing = {v.period_start: v for v in kpi.values.select_for_update()}
        for row in read.rows:
            current = existing.get(row.period.start)
            if current is None:
                KpiValue.objects.create(
                    kpi=kpi, period_start=row.period.start, value=row.value, explanation=row.explanation
                )
                added += 1
            elif current.value != row.value or current.explanation != row.explanation:
                current.value = row.value
                current.explanation = row.explanation
                current.save()
                changed += 1
    return Imported(added, changed)
