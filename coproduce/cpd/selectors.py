"""Reads for CPD: the records a user may see, a person's and an organisation's logs, and their CSV tables."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet, Sum

from coproduce.accounts.rules import cpd_own_organisation_id, cpd_sees_all
from coproduce.core.exports import Table
from coproduce.cpd.models import CpdRecord, TrainingNeed
from coproduce.directory.models import Organisation, Person
from coproduce.engagement.models import Event, EventKind
from coproduce.programmes.models import Area

RECORDS = CpdRecord.objects.select_related("person__organisation", "person__area", "event")
CSV_HEADERS = (
    "Person",
    "Role",
    "Organisation",
    "Training",
    "Provider",
    "Date",
    "Hours",
    "Topic",
    "Learning objectives",
    "Reflection",
    "Illustrative",
)


def visible_records(user, area: Area) -> QuerySet[CpdRecord]:
    """The area's CPD records the user may read: all of them, or their own organisation's."""
    records = RECORDS.filter(person__area=area)
    if cpd_sees_all(user, area):
        return records
    organisation_id = cpd_own_organisation_id(user, area)
    return records.filter(person__organisation_id=organisation_id) if organisation_id else records.none()


def visible_needs(user, area: Area) -> QuerySet[TrainingNeed]:
    needs = TrainingNeed.objects.filter(organisation__area=area).select_related(
        "organisation", "met_by_event"
    )
    if cpd_sees_all(user, area):
        return needs
    organisation_id = cpd_own_organisation_id(user, area)
    return needs.filter(organisation_id=organisation_id) if organisation_id else needs.none()


def visible_organisations(user, area: Area) -> QuerySet[Organisation]:
    organisations = area.organisations.all()
    if cpd_sees_all(user, area):
        return organisations
    return organisations.filter(pk=cpd_own_organisation_id(user, area) or 0)


def training_events(area: Area) -> QuerySet[Event]:
    return (
        area.events.filter(kind=EventKind.TRAINING).select_related("cpd_content").order_by("-date", "title")
    )


def total_hours(records: QuerySet[CpdRecord]) -> Decimal:
    return records.aggregate(total=Sum("hours"))["total"] or Decimal(0)


@dataclass
class PersonLog:
    person: Person
    records: list[CpdRecord]
    hours_by_year: list[tuple[int, Decimal]]
    total: Decimal

    @property
    def illustrative(self) -> bool:
        return any(record.is_illustrative for record in self.records)


def person_log(person: Person) -> PersonLog:
    """Their records, newest first, and their hours in each year (newest year first)."""
    records = list(RECORDS.filter(person=person))
    by_year: dict[int, Decimal] = defaultdict(Decimal)
    for record in records:
        by_year[record.date.year] += record.hours
    return PersonLog(
        person=person,
        records=records,
        hours_by_year=sorted(by_year.items(), reverse=True),
        total=sum((r.hours for r in records), Decimal(0)),
    )


@dataclass
class OrganisationLog:
    organisation: Organisation
    records: list[CpdRecord]
    hours_by_topic: list[tuple[str, Decimal, int]]  # topic, hours, records
    hours_by_person: list[tuple[Person, Decimal]]
    total: Decimal
    open_needs: list[TrainingNeed] = field(default_factory=list)
    met_needs: list[TrainingNeed] = field(default_factory=list)

    @property
    def illustrative(self) -> bool:
        needs = [*self.open_needs, *self.met_needs]
        return any(r.is_illustrative for r in self.records) or any(n.is_illustrative for n in needs)


def organisation_log(organisation: Organisation) -> OrganisationLog:
    """Its people's records, hours by topic (most first) and by person, and its open and met needs."""
    records = list(RECORDS.filter(person__organisation=organisation).order_by("-date", "person__name", "pk"))
    by_topic: dict[str, list[Decimal]] = defaultdict(list)
    by_person: dict[Person, Decimal] = defaultdict(Decimal)
    for record in records:
        by_topic[record.topic].append(record.hours)
        by_person[record.person] += record.hours
    needs = list(
        organisation.training_needs.select_related("met_by_event").prefetch_related("met_by_records__person")
    )
    return OrganisationLog(
        organisation=organisation,
        records=records,
        hours_by_topic=sorted(
            ((topic, sum(hours, Decimal(0)), len(hours)) for topic, hours in by_topic.items()),
            key=lambda row: (-row[1], row[0]),
        ),
        hours_by_person=sorted(by_person.items(), key=lambda row: (-row[1], row[0].name)),
        total=sum((r.hours for r in records), Decimal(0)),
        open_needs=[need for need in needs if not need.is_met],
        met_needs=[need for need in needs if need.is_met],
    )


def records_table(records: list[CpdRecord], *, title: str) -> Table:
    """CPD records as a table for the CSV export; one row per record, in the order given."""
    return Table(
        title=title,
        headers=CSV_HEADERS,
        rows=[
            (
                str(record.person),
                record.person.get_role_display(),
                record.person.organisation.name if record.person.organisation else "",
                record.title,
                record.provider,
                record.date.isoformat(),
                f"{record.hours:.2f}",
                record.topic,
                "; ".join(record.learning_objectives),
                record.reflection,
                "yes" if record.is_illustrative else "no",
            )
            for record in records
        ],
    )
