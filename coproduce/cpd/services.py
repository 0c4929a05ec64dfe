"""Writes for CPD: a training event's CPD content, giving CPD to its attendees, records by hand,
reflections, and training needs. Each refusal is a ValidationError keyed by the field it is about."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from coproduce.cpd.models import (
    HOURS_MAX,
    HOURS_MIN,
    OBJECTIVE_MAX_LENGTH,
    OBJECTIVES_MAX,
    REFLECTION_MAX_LENGTH,
    CpdRecord,
    NeedPriority,
    TrainingContent,
    TrainingNeed,
)
from coproduce.directory.models import Organisation, Person
from coproduce.engagement.models import Event, EventKind
from coproduce.engagement.services import register_entry_save

TEXT_MAX = 200
NEED_MAX = 300
HOW_MET_MAX = 2000


def _hours(value: object, problems: dict[str, str]) -> Decimal:
    try:
        hours = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        problems["hours"] = "Enter the hours as a number, like 3 or 1.5"
        return Decimal(0)
    if not hours.is_finite():
        problems["hours"] = "Enter the hours as a number, like 3 or 1.5"
    elif hours < HOURS_MIN or hours > HOURS_MAX:
        problems["hours"] = f"The hours must be between {HOURS_MIN} and {HOURS_MAX:.0f}"
    elif hours != hours.quantize(Decimal("0.01")):
        problems["hours"] = "The hours can have at most 2 decimal places"
    return hours


def _text(value: str, field: str, what: str, problems: dict[str, str], *, required: bool = True) -> str:
    text = " ".join((value or "").split())
    if required and not text:
        problems[field] = f"Enter {what}"
    elif len(text) > TEXT_MAX:
        problems[field] = f"{what[0].upper()}{what[1:]} must be {TEXT_MAX} characters or fewer"
    return text


def _objectives(values: Iterable[str], problems: dict[str, str]) -> list[str]:
    objectives = [" ".join(v.split()) for v in values if v and v.strip()]
    if len(objectives) > OBJECTIVES_MAX:
        problems["learning_objectives"] = f"List at most {OBJECTIVES_MAX} learning objectives"
    elif any(len(o) > OBJECTIVE_MAX_LENGTH for o in objectives):
        problems["learning_objectives"] = (
            f"Each learning objective must be {OBJECTIVE_MAX_LENGTH} characters or fewer"
        )
    return objectives


def training_content_set(
    *, event: Event, hours: object, topic: str, learning_objectives: Sequence[str]
) -> TrainingContent:
    """Say what CPD a training event gives: its hours, topic and learning objectives."""
    problems: dict[str, str] = {}
    if event.kind != EventKind.TRAINING:
        problems["__all__"] = "Only a training session gives CPD; change the event's kind first"
    checked_hours = _hours(hours, problems)
    topic = _text(topic, "topic", "the topic", problems)
    objectives = _objectives(learning_objectives, problems)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        content, _ = TrainingContent.objects.update_or_create(
            event=event,
            defaults={"hours": checked_hours, "topic": topic, "learning_objectives": objectives},
        )
    return content


def _people_for_register_names(event: Event) -> None:
    """A person for each name on the register that is nobody's yet (people who came without a phone), so
    a record can be theirs; linked from the entry, they are still counted once (engagement/selectors.py)."""
    organisations = {o.name.lower(): o for o in Organisation.objects.filter(area_id=event.area_id)}
    for entry in event.register.filter(person__isnull=True).exclude(name=""):
        entry.person = Person.objects.create(
            area_id=event.area_id,
            name=entry.name,
            role=entry.role,
            organisation=organisations.get(entry.organisation.strip().lower()),
        )
        register_entry_save(entry=entry)


def cpd_people(event: Event) -> QuerySet[Person]:
    """Who gets CPD for the event: every named attendee (those who joined by code without a name cannot be
    given a record until the register names them)."""
    return Person.objects.filter(attendances__event=event).exclude(name="").distinct()


def cpd_give_for_event(*, event: Event, is_illustrative: bool = False) -> list[CpdRecord]:
    """A CPD record for each named attendee of the training event (the names on its register included) who
    has none for it yet; returns the new ones.

    Run again after more people are registered, it adds only theirs: existing records, and the
    reflections on them, are never touched."""
    content = TrainingContent.objects.filter(event=event).first()
    if content is None:
        raise ValidationError({"__all__": "Say what CPD the event gives (hours and topic) first"})
    with transaction.atomic():
        _people_for_register_names(event)
        has_record = CpdRecord.objects.filter(event=event).values("person_id")
        people = cpd_people(event).exclude(pk__in=has_record)
        new = [
            CpdRecord(
                person=person,
                event=event,
                title=event.title,
                provider=event.area.name,
                date=event.date,
                hours=content.hours,
                topic=content.topic,
                learning_objectives=list(content.learning_objectives),
                is_illustrative=is_illustrative,
            )
            for person in people.order_by("pk")
        ]
        for record in new:
            try:
                with transaction.atomic():
                    record.save()
            except IntegrityError:  # given at the same moment in another request: theirs stands
                record.pk = None
    return [record for record in new if record.pk is not None]


def _record_fields(
    *, title: str, provider: str, date: datetime.date | None, hours: object, topic: str
) -> dict[str, object]:
    problems: dict[str, str] = {}
    fields = {
        "title": _text(title, "title", "the training's title", problems),
        "provider": _text(provider, "provider", "the provider", problems, required=False),
        "topic": _text(topic, "topic", "the topic", problems),
        "hours": _hours(hours, problems),
        "date": date,
    }
    if date is None:
        problems["date"] = "Enter the date of the training"
    elif date > datetime.date.today() + datetime.timedelta(days=366):
        problems["date"] = "The date of the training must be within the next year"
    if problems:
        raise ValidationError(problems)
    return fields


def cpd_record_create(
    *,
    person: Person,
    title: str,
    provider: str,
    date: datetime.date | None,
    hours: object,
    topic: str,
    learning_objectives: Sequence[str] = (),
    reflection: str = "",
) -> CpdRecord:
    """A record by hand, for training outside coproduce."""
    fields = _record_fields(title=title, provider=provider, date=date, hours=hours, topic=topic)
    problems: dict[str, str] = {}
    objectives = _objectives(learning_objectives, problems)
    reflection = _reflection(reflection, problems)
    if problems:
        raise ValidationError(problems)
    return CpdRecord.objects.create(
        person=person, learning_objectives=objectives, reflection=reflection, **fields
    )


def cpd_record_update(
    *,
    record: CpdRecord,
    title: str,
    provider: str,
    date: datetime.date | None,
    hours: object,
    topic: str,
    learning_objectives: Sequence[str],
) -> CpdRecord:
    """Correct a record (its reflection is changed only by cpd_reflection_set)."""
    fields = _record_fields(title=title, provider=provider, date=date, hours=hours, topic=topic)
    problems: dict[str, str] = {}
    objectives = _objectives(learning_objectives, problems)
    if problems:
        raise ValidationError(problems)
    for name, value in fields.items():
        setattr(record, name, value)
    record.learning_objectives = objectives
    record.save()
    return record


def _reflection(text: str, problems: dict[str, str]) -> str:
    text = (text or "").strip().replace("\r\n", "\n")
    if len(text) > REFLECTION_MAX_LENGTH:
        problems["reflection"] = (
            f"The reflection must be {REFLECTION_MAX_LENGTH:,} characters or fewer (it has {len(text):,})"
        )
    return text


def cpd_reflection_set(*, record: CpdRecord, reflection: str) -> CpdRecord:
    """Add or change the attendee's reflection; each version is kept in the record's history."""
    problems: dict[str, str] = {}
    text = _reflection(reflection, problems)
    if problems:
        raise ValidationError(problems)
    if text != record.reflection:
        record.reflection = text
        record.save(update_fields=["reflection"])
    return record


def _need_fields(
    *,
    organisation: Organisation,
    need: str,
    priority: str,
    raised_on: datetime.date | None,
    met_on: datetime.date | None,
    met_by_event: Event | None,
    met_by_records: Iterable[CpdRecord],
    how_met: str,
) -> tuple[dict[str, object], list[CpdRecord]]:
    problems: dict[str, str] = {}
    text = " ".join((need or "").split())
    if not text:
        problems["need"] = "Enter the training need"
    elif len(text) > NEED_MAX:
        problems["need"] = f"The training need must be {NEED_MAX} characters or fewer"
    if priority not in NeedPriority.values:
        problems["priority"] = "Choose the need's priority"
    if raised_on is None:
        problems["raised_on"] = "Enter the date the need was raised"
    records = list(met_by_records)
    if met_by_event is not None and met_by_event.area_id != organisation.area_id:
        problems["met_by_event"] = "Choose a training event of this area"
    if any(record.person.organisation_id != organisation.pk for record in records):
        problems["met_by_records"] = "Choose CPD records of this organisation's people"
    how_met = (how_met or "").strip()
    if len(how_met) > HOW_MET_MAX:
        problems["how_met"] = f"How it was met must be {HOW_MET_MAX:,} characters or fewer"
    if met_on is None and (met_by_event is not None or records):
        problems["met_on"] = "Enter the date the need was met, or leave what met it empty"
    if met_on is not None and raised_on is not None and met_on < raised_on:
        problems["met_on"] = "The date it was met must be on or after the date it was raised"
    if problems:
        raise ValidationError(problems)
    fields: dict[str, object] = {
        "need": text,
        "priority": priority,
        "raised_on": raised_on,
        "met_on": met_on,
        "met_by_event": met_by_event,
        "how_met": how_met,
    }
    return fields, records


def training_need_create(
    *,
    organisation: Organisation,
    need: str,
    priority: str,
    raised_on: datetime.date | None,
    met_on: datetime.date | None = None,
    met_by_event: Event | None = None,
    met_by_records: Iterable[CpdRecord] = (),
    how_met: str = "",
    is_illustrative: bool = False,
) -> TrainingNeed:
    fields, records = _need_fields(
        organisation=organisation,
        need=need,
        priority=priority,
        raised_on=raised_on,
        met_on=met_on,
        met_by_event=met_by_event,
        met_by_records=met_by_records,
        how_met=how_met,
    )
    with transaction.atomic():
        training_need = TrainingNeed.objects.create(
            organisation=organisation, is_illustrative=is_illustrative, **fields
        )
        training_need.met_by_records.set(records)
    return training_need


def training_need_update(
    *,
    training_need: TrainingNeed,
    need: str,
    priority: str,
    raised_on: datetime.date | None,
    met_on: datetime.date | None,
    met_by_event: Event | None,
    met_by_records: Iterable[CpdRecord],
    how_met: str,
) -> TrainingNeed:
    """Change a need, or record that it was met (and by what)."""
    fields, records = _need_fields(
        organisation=training_need.organisation,
        need=need,
        priority=priority,
        raised_on=raised_on,
        met_on=met_on,
        met_by_event=met_by_event,
        met_by_records=met_by_records,
        how_met=how_met,
    )
    with transaction.atomic():
        for name, value in fields.items():
            setattr(training_need, name, value)
        training_need.save()
        training_need.met_by_records.set(records)
    return training_need
