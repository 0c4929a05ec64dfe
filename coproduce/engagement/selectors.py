"""Who took part: the people counted at an area's events and on their registers.

Every people figure of an area (public page, dashboard, programme view, report, privacy's small groups) is
counted here. It reads engagement's own rows (attendances, register entries) and the directory's people.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Q, QuerySet

from coproduce.directory.models import Person, Role
from coproduce.engagement.models import Event, RegisterEntry
from coproduce.programmes.models import Area


def participants_in(area: Area) -> QuerySet[Person]:
    """People who attended at least one of the area's events, each counted once however often they came."""
    return Person.objects.filter(attendances__event__area=area).distinct()


def participants_by_role(area: Area) -> list[tuple[str, str, int]]:
    """People taking part in the area, by role: the participants recorded at its events (joining by code
    records someone only when they contribute; a ticked register entry records its participant) and the
    names on its registers that are nobody's participant, each counted once. Every people figure of the
    area (public page, dashboard, programme view, report) is this count."""
    # Count over the distinct people, not over distinct roles: values_list() after distinct() would
    # collapse everyone sharing a role into one row.
    people = Person.objects.filter(pk__in=participants_in(area).values("pk"))
    counts = Counter(
        {row["role"]: row["n"] for row in people.values("role").annotate(n=Count("pk")).order_by()}
    )
    names = RegisterEntry.objects.filter(event__area=area, person__isnull=True)
    counts.update({row["role"]: row["n"] for row in names.values("role").annotate(n=Count("pk")).order_by()})
    return [(code, label, counts.get(code, 0)) for code, label in Role.choices]


def people_taking_part(area: Area) -> int:
    """How many people have taken part in the area, each once (see participants_by_role)."""
    return sum(n for _, _, n in participants_by_role(area))


def people_at(event: Event) -> int:
    """How many people took part in one event, counted as with_people does."""
    return event.attendances.count() + event.register.filter(person__isnull=True).count()


def with_people(events: QuerySet[Event]) -> QuerySet[Event]:
    """Events annotated with ``people``: recorded participants and unlinked register names, each once."""
    return events.annotate(
        people=Count("attendances", distinct=True)
        + Count("register", filter=Q(register__person__isnull=True), distinct=True)
    )
