"""What is held about one person, found from the relations that point at Person (so a new one is not missed)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from coproduce.directory.models import Person
from coproduce.engagement.selectors import participants_by_role
from coproduce.programmes.models import Area

# Friendlier names than the models' verbose names, for the page and the JSON.
LABELS = {
    "engagement.Attendance": "Attendances",
    "engagement.Comment": "Comments",
    "consensus.Vote": "Votes",
    "surveys.Response": "Survey responses",
    "methods.KJDot": "KJ dots",
    "methods.OpenSpaceTopic": "Open Space topics convened",
    "methods.OpenSpaceInterest": "Open Space interests",
    "methods.SpeedDatingMeeting": "Speed-dating meetings",
}
# Fields that say nothing about the person, left out of the readable page and the JSON.
SKIPPED = {"id"}


def person_relations() -> list[models.ForeignObjectRel]:
    """Every foreign key or one-to-one that points at Person, hidden ones (related_name="+") included;
    the history tables are left out: they are purged on erasure rather than exported."""
    return [
        f  # type: ignore[misc]
        for f in Person._meta.get_fields(include_hidden=True)
        if f.auto_created
        and not f.concrete
        and (f.one_to_many or f.one_to_one)
        and not f.related_model._meta.model_name.startswith("historical")  # type: ignore[union-attr]
    ]


def _value(obj: models.Model, field: models.Field) -> Any:
    value = getattr(obj, field.name)
    if value is None:
        return None
    if isinstance(field, models.ForeignKey):
        return str(value)
    if field.choices:
        return getattr(obj, f"get_{field.name}_display")()
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def _row(obj: models.Model, skip: Iterable[str] = ()) -> dict[str, Any]:
    fields = [f for f in obj._meta.concrete_fields if f.name not in SKIPPED and f.name not in skip]
    row = {str(f.verbose_name): _value(obj, f) for f in fields}
    answers = getattr(obj, "answers", None)
    if answers is not None and hasattr(answers, "select_related"):
        # A survey response's answers hang off the response, not the person.
        row["answers"] = [
            {
                "question": a.question.text,
                "answer": a.get_scale_display() if a.scale is not None else a.text,
            }
            for a in answers.select_related("question").order_by("question__number")
        ]
    return row


@dataclass
class SubjectAccess:
    person: Person
    details: dict[str, Any]
    records: dict[str, list[dict[str, Any]]]

    def as_json(self) -> dict[str, Any]:
        return {
            "generated_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "person": self.details,
            "records": self.records,
        }


def subject_access(person: Person) -> SubjectAccess:
    """Everything held about ``person``: their details and every record that points at them."""
    details = {
        "id": person.pk,
        "name": person.name,
        "role": person.get_role_display(),
        "organisation": str(person.organisation) if person.organisation else None,
        "area": str(person.area),
        "created_at": person.created_at.isoformat(),
    }
    records: dict[str, list[dict[str, Any]]] = {}
    for relation in person_relations():
        model = relation.related_model
        label = LABELS.get(model._meta.label, str(model._meta.verbose_name_plural).capitalize())
        rows = model._default_manager.filter(**{relation.field.name: person}).order_by("pk")
        for obj in rows:
            # The person themselves is the subject of every row: naming them again says nothing.
            row = _row(obj, skip=[relation.field.name])
            if row not in records.setdefault(label, []):
                records[label].append(row)
    return SubjectAccess(person, details, {k: v for k, v in records.items() if v})


def people_of(area: Area, query: str = "") -> models.QuerySet[Person]:
    """The people an area holds a name or an organisation for: the ones a request can be about."""
    people = area.people.filter(~Q(name="") | Q(organisation__isnull=False)).select_related("organisation")
    if query:
        people = people.filter(Q(name__icontains=query) | Q(organisation__name__icontains=query))
    return people.order_by("name", "pk")


def people_past_retention(today: datetime.date | None = None) -> models.QuerySet[Person]:
    """Named people whose last event is older than PARTICIPANT_RETENTION_DAYS (or, with no event, who
    were recorded that long ago). Made-up demo people are left alone."""
    today = today or datetime.date.today()
    cutoff = today - datetime.timedelta(days=settings.PARTICIPANT_RETENTION_DAYS)
    return (
        Person.objects.filter(is_illustrative=False)
        .filter(~Q(name="") | Q(organisation__isnull=False))
        .exclude(attendances__event__date__gte=cutoff)
        .exclude(comments__event__date__gte=cutoff)
        .filter(
            Q(attendances__event__date__lt=cutoff)
            | Q(comments__event__date__lt=cutoff)
            | Q(created_at__date__lt=cutoff)
        )
        .distinct()
    )


def small_roles(area: Area) -> set[str]:
    """Roles with fewer than SMALL_GROUP_MIN people taking part in the area: a quote shown with one of
    these roles could point at one person, so it is shown without it."""
    return {code for code, _label, n in participants_by_role(area) if n < settings.SMALL_GROUP_MIN}
