"""The stepped methods (six thinking hats, ORID): a question per stage and what the room answered."""

from __future__ import annotations

from ..models import MethodSession
from ..selectors import comments_by_stage
from .participant import take_part as participant

__all__ = ["export_table", "panel_context", "participant"]

# The export is the core's: the session's comments with their stage.
export_table = None


def panel_context(session: MethodSession) -> dict:
    """The session's comments under the stage they were made at (the panel, projector and summary)."""
    return {"stages": comments_by_stage(session)}
