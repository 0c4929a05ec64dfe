"""Reading a force-field analysis: the forces on each side, their totals, and the chart's geometry."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from coproduce.engagement.models import Comment, CommentStatus

from ..models import MethodSession
from ..models.force_field import Force, ForceDirection
from .services import STRENGTHS, change_of

# The chart: driving forces to the left of a central line, restraining forces to the right.
CHART_WIDTH = 720
CENTRE = CHART_WIDTH // 2
UNIT = 60  # width of one point of strength, so a 5 is 300 wide
ROW = 44  # height of one force's row: its words above, its bar below
TOP = 56  # room for the two sides' names
LABEL_CHARACTERS = 44


def strength_words(strength: int) -> str:
    return STRENGTHS.get(strength, "")


def short(text: str, limit: int = LABEL_CHARACTERS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class ChartBar:
    force: Force
    x: int
    y: int  # top of the bar
    width: int
    label: str
    label_x: int
    value_x: int

    @property
    def label_y(self) -> int:
        return self.y - 5

    @property
    def value_y(self) -> int:
        return self.y + 14

    @property
    def height(self) -> int:
        return 19


@dataclass
class Side:
    direction: str
    label: str
    forces: list[Force] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(f.strength for f in self.forces)

    @property
    def count(self) -> int:
        return len(self.forces)


@dataclass
class ForceField:
    session: MethodSession
    change: str
    driving: Side
    restraining: Side
    bars: list[ChartBar]
    total_bars: tuple[int, int]  # widths of the driving and restraining totals, scaled to the larger
    height: int

    @property
    def sides(self) -> tuple[Side, Side]:
        return self.driving, self.restraining

    @property
    def forces(self) -> list[Force]:
        return self.driving.forces + self.restraining.forces

    @property
    def balance(self) -> str:
        """In words, which way the field leans."""
        if not self.forces:
            return "No forces yet."
        difference = self.driving.total - self.restraining.total
        if difference > 0:
            return f"The driving forces are stronger, by {difference}."
        if difference < 0:
            return f"The restraining forces are stronger, by {-difference}."
        return "The two sides are equally strong."

    @property
    def description(self) -> str:
        """The chart's text alternative: every force, with its strength, and the totals."""
        parts = []
        for side in self.sides:
            listed = "; ".join(f"{f.comment.text} (strength {f.strength})" for f in side.forces)
            parts.append(
                f"{side.label}: total {side.total} from {side.count} force{'s' if side.count != 1 else ''}"
                + (f": {listed}." if listed else ".")
            )
        return " ".join([*parts, self.balance])

    # Positions for the chart template (SVG has no arithmetic of its own).
    @property
    def width(self) -> int:
        return CHART_WIDTH

    @property
    def centre(self) -> int:
        return CENTRE

    @property
    def left_x(self) -> int:
        return CENTRE - 8

    @property
    def right_x(self) -> int:
        return CENTRE + 8

    @property
    def line_bottom(self) -> int:
        return self.height - 8

    @property
    def totals_label_y(self) -> int:
        return self.totals_y - 6

    @property
    def totals_value_y(self) -> int:
        return self.totals_y + 16

    @property
    def totals_y(self) -> int:
        return self.height - 44

    @property
    def driving_total_x(self) -> int:
        return CENTRE - self.total_bars[0]

    @property
    def restraining_total_end(self) -> int:
        return CENTRE + self.total_bars[1]


def session_forces(session: MethodSession) -> QuerySet[Force]:
    return session.forces.select_related("comment__author", "comment__captured_by", "raised_from")


def _bars(driving: list[Force], restraining: list[Force]) -> list[ChartBar]:
    bars = []
    for row, force in enumerate(driving):
        width = force.strength * UNIT
        y = TOP + row * ROW + 18
        bars.append(
            ChartBar(
                force, CENTRE - width, y, width, short(force.comment.text), CENTRE - 8, CENTRE - width + 8
            )
        )
    for row, force in enumerate(restraining):
        width = force.strength * UNIT
        y = TOP + row * ROW + 18
        bars.append(
            ChartBar(force, CENTRE, y, width, short(force.comment.text), CENTRE + 8, CENTRE + width - 8)
        )
    return bars


def force_field(session: MethodSession) -> ForceField:
    forces = list(session_forces(session))
    driving = Side(
        ForceDirection.DRIVING, "Driving forces", [f for f in forces if f.direction == ForceDirection.DRIVING]
    )
    restraining = Side(
        ForceDirection.RESTRAINING,
        "Restraining forces",
        [f for f in forces if f.direction == ForceDirection.RESTRAINING],
    )
    rows = max(driving.count, restraining.count, 1)
    largest = max(driving.total, restraining.total)
    total_bars = (
        round(5 * UNIT * driving.total / largest) if largest else 0,
        round(5 * UNIT * restraining.total / largest) if largest else 0,
    )
    return ForceField(
        session=session,
        change=change_of(session),
        driving=driving,
        restraining=restraining,
        bars=_bars(driving.forces, restraining.forces),
        total_bars=total_bars,
        height=TOP + rows * ROW + 72,
    )


def raisable_comments(session: MethodSession, search: str = "") -> QuerySet[Comment]:
    """The event's comments a force could be raised from: all but the forces' own wording."""
    comments = (
        session.event.comments.filter(force__isnull=True)
        .exclude(status=CommentStatus.HELD)
        .select_related("author")
        .prefetch_related("forces_raised")
        .order_by("-created_at", "-pk")
    )
    if search:
        comments = comments.filter(Q(text__icontains=search))
    return comments
