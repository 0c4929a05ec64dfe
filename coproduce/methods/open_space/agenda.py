"""The Open Space agenda's settings, kept in ``session.setup``: rooms with capacities, time slots, the
scheduler's time limit, and the figures of the last schedule. Plain reading and parsing, no writes."""

from __future__ import annotations

from dataclasses import dataclass

from coproduce.methods.models import MethodSession

DEFAULT_TIME_LIMIT = 10  # seconds the solver may take; the schedule runs inline, while the page waits
MAX_TIME_LIMIT = 30


@dataclass(frozen=True)
class RoomSpec:
    name: str
    capacity: int | None  # seats; None when not given (taken as big enough for anything)

    def as_line(self) -> str:
        return self.name if self.capacity is None else f"{self.name}, {self.capacity}"


def rooms_of(session: MethodSession) -> list[RoomSpec]:
    return [RoomSpec(room["name"], room.get("capacity")) for room in session.setup.get("rooms", [])]


def slots_of(session: MethodSession) -> list[str]:
    return list(session.setup.get("slots", []))


def time_limit_of(session: MethodSession) -> int:
    return int(session.setup.get("time_limit", DEFAULT_TIME_LIMIT))


def figures_of(session: MethodSession) -> dict | None:
    """What the last schedule reported (clashes, lower bound, naive clashes …), or None before one."""
    return session.setup.get("schedule")


def parse_rooms(text: str) -> list[RoomSpec]:
    """One room per line, "Name, capacity" (the capacity may be left off). Raises ValueError, in words."""
    rooms: list[RoomSpec] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        name, _, seats = line.rpartition(",") if "," in line else (line, "", "")
        name, seats = name.strip(), seats.strip()
        capacity: int | None = None
        if seats:
            if not seats.isdigit():
                raise ValueError(
                    f"Line {number} (“{line}”): write the room's capacity as a whole number, like “Library, 12”"
                )
            capacity = int(seats)
        if not name:
            raise ValueError(f"Line {number} (“{line}”): write the room's name before the comma")
        if len(name) > 80:
            raise ValueError(f"Line {number}: a room's name can be 80 characters at most")
        if any(room.name.casefold() == name.casefold() for room in rooms):
            raise ValueError(f"“{name}” is listed twice: give each room a different name")
        rooms.append(RoomSpec(name, capacity))
    return rooms


def parse_slots(text: str) -> list[str]:
    """One time slot per line, in the order they run. Raises ValueError, in words."""
    slots: list[str] = []
    for raw in text.splitlines():
        slot = raw.strip()
        if not slot:
            continue
        if len(slot) > 80:
            raise ValueError(f"“{slot[:30]}…” is too long: a time slot can be 80 characters at most")
        if any(known.casefold() == slot.casefold() for known in slots):
            raise ValueError(f"“{slot}” is listed twice: give each time slot a different name")
        slots.append(slot)
    return slots
