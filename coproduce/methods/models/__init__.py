"""One module per method; the session that runs a method at an event is in ``session``."""

from .boardstorm import BoardHeading, BoardIdea
from .force_field import Force, ForceDirection
from .kj import KJDot, KJGroup, KJMove, KJPlacement, KJSuggestion, KJSuggestionStatus
from .open_space import OpenSpaceInterest, OpenSpaceNote, OpenSpacePlacement, OpenSpaceTopic
from .session import LateAnswer, MethodSession, SessionStatus
from .speed_dating import SpeedDatingMeeting, SpeedDatingNote

__all__ = [
    "BoardHeading",
    "BoardIdea",
    "Force",
    "ForceDirection",
    "KJDot",
    "KJGroup",
    "KJMove",
    "KJPlacement",
    "KJSuggestion",
    "KJSuggestionStatus",
    "LateAnswer",
    "MethodSession",
    "OpenSpaceInterest",
    "OpenSpaceNote",
    "OpenSpacePlacement",
    "OpenSpaceTopic",
    "SessionStatus",
    "SpeedDatingMeeting",
    "SpeedDatingNote",
]
