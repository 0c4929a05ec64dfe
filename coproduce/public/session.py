"""The keys a participant's browser session holds: whom it joined as, what it has recorded and sent.

A participant has no account, so their session is who they are; every app that reads or writes it uses
these names, never a string of its own.
"""

from __future__ import annotations

# Text a participant sent while their session had run out (or before joining): given back after joining.
PENDING_TEXT = "coproduce:pending-comment"
# Join codes this browser has shown it knows (by joining or answering): looking them up is not guessing.
KNOWN_CODES = "coproduce:known-codes"
# The prefixes of the keys that name a recorded Person row: forgotten when the row is rolled back.
RECORDED = ("coproduce:person:", "coproduce:attending:")


def person_key(area_id: int) -> str:
    """Session key holding the id of the person this browser is in the area, once recorded."""
    return f"coproduce:person:{area_id}"


def attending_key(event_id: int) -> str:
    """Session key holding [person id, role] of whom this browser joined the event as, once recorded."""
    return f"coproduce:attending:{event_id}"


def joined_key(event_id: int) -> str:
    """Session key holding the role this browser joined the event with, before anything is recorded."""
    return f"coproduce:joined:{event_id}"


def area_joined_key(area_id: int) -> str:
    """Session key holding the event of the area this browser last joined (a survey answer attends it)."""
    return f"coproduce:joined-in-area:{area_id}"


def survey_key(survey_id: int) -> str:
    """Session key holding what this browser sent: {"code": pairing code, "before"/"after": response id}."""
    return f"coproduce:survey:{survey_id}"
