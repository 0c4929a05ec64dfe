"""The stages of each method, in order: what the facilitator asks, whether it is timed, and the method
step recorded on the comments made during it. Plain data; the session's ``step`` holds a stage's key."""

from __future__ import annotations

from dataclasses import dataclass

from coproduce.engagement.models import MethodStep

from .registry import plugin_of


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    prompt: str  # shown to participants and on the projector; ORID prompts can be edited per session
    timed: bool = False
    method_step: str = ""  # recorded on comments made in this stage; "" when the stage takes no comments


SIX_HATS = (
    Step(
        "white",
        "White hat: facts",
        "What do we know? What facts and figures do we have, and what is missing?",
        True,
        MethodStep.WHITE,
    ),
    Step(
        "red",
        "Red hat: feelings",
        "How do you feel about it? Gut reactions, no reasons needed.",
        True,
        MethodStep.RED,
    ),
    Step(
        "black",
        "Black hat: cautions",
        "What could go wrong? What are the risks and difficulties?",
        True,
        MethodStep.BLACK,
    ),
    Step(
        "yellow",
        "Yellow hat: benefits",
        "What are the benefits? What could go right, and for whom?",
        True,
        MethodStep.YELLOW,
    ),
    Step(
        "green",
        "Green hat: ideas",
        "What new ideas, alternatives and possibilities can we think of?",
        True,
        MethodStep.GREEN,
    ),
    Step(
        "blue",
        "Blue hat: process",
        "What have we learned, and what should we do next?",
        True,
        MethodStep.BLUE,
    ),
)

ORID = (
    Step(
        "objective",
        "Objective",
        "What did you see and hear? What facts stand out?",
        True,
        MethodStep.OBJECTIVE,
    ),
    Step(
        "reflective",
        "Reflective",
        "What surprised you, worried you or pleased you?",
        True,
        MethodStep.REFLECTIVE,
    ),
    Step(
        "interpretive",
        "Interpretive",
        "What does this mean for families and for us? What is the key issue?",
        True,
        MethodStep.INTERPRETIVE,
    ),
    Step(
        "decisional",
        "Decisional",
        "What will we do? What is our next step, and who takes it?",
        True,
        MethodStep.DECISIONAL,
    ),
)

KJ = (
    Step(
        "write",
        "Silent writing",
        "Write one idea per note, in silence. Send as many notes as you like.",
        True,
        MethodStep.KJ_NOTE,
    ),
    Step("group", "Grouping", "The facilitators group the notes that belong together."),
    Step("name", "Naming the groups", "Give each group a name that says what its notes share."),
    Step("vote", "Dot voting", "Put your dots on the groups that matter most to you."),
)

OPEN_SPACE = (
    Step("propose", "Proposing sessions", "What do you want to talk about? Propose a session and run it."),
    Step("interest", "Marketplace", "Which sessions would you like to join? Mark all that interest you."),
    Step("agenda", "Agenda", "The agenda is out: find your sessions' rooms and times."),
    Step(
        "notes",
        "Session notes",
        "What did your session say? Add its notes here.",
        False,
        MethodStep.OPEN_SPACE,
    ),
)

SPEED_DATING = (
    Step("plan", "Seating plan", "Find your table for the first round on your card."),
    Step(
        "rounds",
        "Rounds",
        "Meet the person at your table. What could we do together?",
        True,
        MethodStep.SPEED_DATING,
    ),
    Step("notes", "Last notes", "Add anything else you could do together.", False, MethodStep.SPEED_DATING),
)

BOARDSTORM = (
    Step("ideas", "Ideas", "Add your ideas under the heading they belong to.", False, MethodStep.BOARDSTORM),
)

FORCE_FIELD = (
    # The method step of a force is its direction (driving or restraining), chosen with each force.
    Step("forces", "Forces", "What drives this change, and what holds it back? How strong is each force?"),
)


def steps_of(method: str) -> tuple[Step, ...]:
    """The stages of a registered method (each method's plugin names them); none for any other."""
    plugin = plugin_of(method)
    return plugin.steps if plugin is not None else ()


def step_of(method: str, key: str) -> Step | None:
    return next((step for step in steps_of(method) if step.key == key), None)
