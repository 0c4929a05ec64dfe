"""The theme engine: turns comments into readable themes. Imports nothing from Django.

Stages (each a small module behind a ``typing.Protocol``): ``embed`` → ``reduce`` → ``cluster`` →
``assign`` → ``label``; then human ``edits`` and ``quality`` warnings. Start with :func:`analyse`;
``docs/decisions/0003-theme-engine.md`` says why it is built this way.
"""

from coproduce.analysis.config import EngineConfig
from coproduce.analysis.edits import Merge, Move, Pin, Rename, Split, Unpin
from coproduce.analysis.pipeline import Engine, analyse, apply_edits, undo
from coproduce.analysis.result import Assignment, QualityWarning, Theme, ThemeResult

__all__ = [
    "Assignment",
    "Engine",
    "EngineConfig",
    "Merge",
    "Move",
    "Pin",
    "QualityWarning",
    "Rename",
    "Split",
    "Theme",
    "ThemeResult",
    "Unpin",
    "analyse",
    "apply_edits",
    "undo",
]
