"""Reading an Open Space: the marketplace of topics, the agenda grid, clashes, and each person's agenda."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count

from coproduce.directory.models import Person
from coproduce.methods.models import MethodSession, OpenSpaceNote, OpenSpacePlacement, OpenSpaceTopic

from .agenda import RoomSpec, figures_of, rooms_of, slots_of


def topics_with_interest(session: MethodSession) -> list[OpenSpaceTopic]:
    """The session's topics, each with ``interest_count``, most wanted first (then in the order proposed)."""
    return list(
        session.topics.select_related("convener", "placement")
        .annotate(interest_count=Count("interests"))
        .order_by("-interest_count", "created_at", "pk")
    )


def interest_by_person(session: MethodSession) -> dict[int, set[int]]:
    """Person id → the ids of the topics they want to join."""
    wanted: dict[int, set[int]] = defaultdict(set)
    for person_id, topic_id in session.topics.values_list("interests__person_id", "interests__topic_id"):
        if person_id is not None:
            wanted[person_id].add(topic_id)
    return dict(wanted)


def interest_signature(session: MethodSession) -> str:
    """A fingerprint of who wants what: when it changes, the last schedule's proved bound no longer holds."""
    pairs = sorted(
        (person, topic) for person, topics in interest_by_person(session).items() for topic in topics
    )
    topic_ids = sorted(session.topics.values_list("pk", flat=True))
    return hashlib.sha256(repr((topic_ids, pairs)).encode()).hexdigest()[:16]


def placements(session: MethodSession) -> dict[int, OpenSpacePlacement]:
    """Topic id → where and when it runs."""
    return {p.topic_id: p for p in OpenSpacePlacement.objects.filter(topic__session=session)}


def clashes_now(session: MethodSession) -> int:
    """Clashes of the agenda as it stands: for each person, the pairs of their sessions at the same time.

    The same measure the scheduler minimises, recomputed from the placements so a facilitator's moves count.
    """
    slot_of = {topic_id: p.slot for topic_id, p in placements(session).items()}
    total = 0
    for topics in interest_by_person(session).values():
        at = Counter(slot_of[t] for t in topics if t in slot_of)
        total += sum(k * (k - 1) // 2 for k in at.values())
    return total


def clashing_people(session: MethodSession) -> dict[int, int]:
    """Topic id → how many of the people who want it want another session at the same time."""
    slot_of = {topic_id: p.slot for topic_id, p in placements(session).items()}
    counts: Counter[int] = Counter()
    for topics in interest_by_person(session).values():
        at = Counter(slot_of[t] for t in topics if t in slot_of)
        counts.update(t for t in topics if t in slot_of and at[slot_of[t]] > 1)
    return dict(counts)


@dataclass(frozen=True)
class ScheduleReport:
    clashes: int  # as the agenda stands now
    scheduled_clashes: int  # as the scheduler left it
    lower_bound: int
    naive_clashes: int
    still_valid: bool  # interest and topics unchanged since the schedule, so the bound still holds
    time_limit: int
    status: str

    @property
    def proven_optimal(self) -> bool:
        return self.still_valid and self.clashes == self.lower_bound

    @property
    def gap(self) -> int:
        return max(0, self.clashes - self.lower_bound)

    @property
    def moved(self) -> bool:
        return self.clashes != self.scheduled_clashes

    @property
    def headline(self) -> str:
        """ "3 clashes; the solver proved at least 2 are unavoidable (a gap of 1)"."""
        clashes = f"{self.clashes} clash{'es' if self.clashes != 1 else ''}"
        if not self.still_valid:
            return f"{clashes}. Topics or interest have changed since the schedule was made: schedule again."
        verb = "is" if self.lower_bound == 1 else "are"
        quality = "optimal" if self.proven_optimal else f"a gap of {self.gap}"
        return f"{clashes}; the solver proved at least {self.lower_bound} {verb} unavoidable ({quality})"


def schedule_report(session: MethodSession) -> ScheduleReport | None:
    figures = figures_of(session)
    if not figures:
        return None
    return ScheduleReport(
        clashes=clashes_now(session),
        scheduled_clashes=figures["clashes"],
        lower_bound=figures["lower_bound"],
        naive_clashes=figures["naive_clashes"],
        still_valid=figures.get("signature") == interest_signature(session),
        time_limit=figures.get("time_limit", 0),
        status=figures.get("status", ""),
    )


@dataclass(frozen=True)
class AgendaCell:
    room: RoomSpec
    topic: OpenSpaceTopic | None  # with ``interest_count``
    clashing: int  # of the people who want it, how many want another session at the same time
    over_capacity: int  # people who want it beyond the room's seats

    @property
    def interest(self) -> int:
        return getattr(self.topic, "interest_count", 0)


@dataclass(frozen=True)
class AgendaRow:
    slot: str
    cells: list[AgendaCell]  # one per room, in the rooms' order


@dataclass(frozen=True)
class Agenda:
    rooms: list[RoomSpec]
    rows: list[AgendaRow]
    unplaced: list[OpenSpaceTopic]  # topics not on the agenda (proposed after it was made, or off-grid)

    @property
    def is_empty(self) -> bool:
        return not any(cell.topic for row in self.rows for cell in row.cells)


def agenda(session: MethodSession) -> Agenda:
    """The grid of time slots × rooms with the topic in each cell."""
    rooms, slots = rooms_of(session), slots_of(session)
    topics = topics_with_interest(session)
    clashing = clashing_people(session)
    at = {(p.slot, p.room): t for t in topics if (p := _placement(t)) is not None}

    def cell(slot: str, room: RoomSpec) -> AgendaCell:
        topic = at.get((slot, room.name))
        wanted = getattr(topic, "interest_count", 0)
        over = max(0, wanted - room.capacity) if topic is not None and room.capacity is not None else 0
        return AgendaCell(room, topic, clashing.get(topic.pk, 0) if topic else 0, over)

    rows = [AgendaRow(slot, [cell(slot, room) for room in rooms]) for slot in slots]
    room_names, slot_names = {room.name for room in rooms}, set(slots)
    unplaced = [
        t
        for t in topics
        if (p := _placement(t)) is None or p.room not in room_names or p.slot not in slot_names
    ]
    return Agenda(rooms, rows, unplaced)


def _placement(topic: OpenSpaceTopic) -> OpenSpacePlacement | None:
    try:
        return topic.placement
    except OpenSpacePlacement.DoesNotExist:
        return None


@dataclass(frozen=True)
class AgendaLine:
    topic: OpenSpaceTopic
    room: str  # "" when not on the agenda yet
    slot: str
    convening: bool  # the person proposed it
    clash: bool  # another of the person's sessions runs at the same time


def my_agenda(session: MethodSession, person: Person) -> list[AgendaLine]:
    """The sessions a person wants to join or convenes, in the agenda's time order, clashes flagged."""
    wanted = interest_by_person(session).get(person.pk, set())
    topics = [t for t in topics_with_interest(session) if t.pk in wanted or t.convener_id == person.pk]
    slot_order = {slot: i for i, slot in enumerate(slots_of(session))}
    where = {t.pk: _placement(t) for t in topics}
    per_slot = Counter(p.slot for p in where.values() if p is not None)
    lines = []
    for topic in topics:
        placed = where[topic.pk]
        lines.append(
            AgendaLine(
                topic=topic,
                room=placed.room if placed else "",
                slot=placed.slot if placed else "",
                convening=topic.convener_id == person.pk,
                clash=placed is not None and per_slot[placed.slot] > 1,
            )
        )
    return sorted(lines, key=lambda line: (slot_order.get(line.slot, len(slot_order)), line.room))


def notes_by_topic(session: MethodSession) -> dict[int, list[OpenSpaceNote]]:
    """Topic id → its notes, oldest first."""
    notes: dict[int, list[OpenSpaceNote]] = defaultdict(list)
    for note in (
        OpenSpaceNote.objects.filter(topic__session=session)
        .select_related("comment")
        .order_by("comment__created_at", "pk")
    ):
        notes[note.topic_id].append(note)
    return dict(notes)


@dataclass(frozen=True)
class TopicNotes:
    topic: OpenSpaceTopic  # with ``interest_count``
    notes: list[OpenSpaceNote]

    @property
    def placement(self) -> OpenSpacePlacement | None:
        return _placement(self.topic)


def topics_with_notes(session: MethodSession) -> list[TopicNotes]:
    """Every topic with its notes, in the agenda's order (time slot, then room), topics off the agenda last."""
    notes = notes_by_topic(session)
    slot_order = {slot: i for i, slot in enumerate(slots_of(session))}
    room_order = {room.name: i for i, room in enumerate(rooms_of(session))}

    def order(topic: OpenSpaceTopic) -> tuple[int, int]:
        placed = _placement(topic)
        if placed is None:
            return (len(slot_order), 0)
        return (slot_order.get(placed.slot, len(slot_order)), room_order.get(placed.room, len(room_order)))

    topics = sorted(topics_with_interest(session), key=order)
    return [TopicNotes(topic, notes.get(topic.pk, [])) for topic in topics]
