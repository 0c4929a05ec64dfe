"""Where each method's own code lives. A method package may provide, in its ``hooks`` module:

- ``participant(request, session, person) -> HttpResponse``: the participant's page on a phone (GET and
  POST). The stepped package's is the current stage's question and a box for the answer.
- ``panel_context(session) -> dict``: extra context for the method's templates (the facilitator's page,
  the projector and the printable summary), which are ``methods/<package>/panel.html``,
  ``methods/<package>/present.html`` and ``methods/<package>/summary.html`` when they exist.
- ``export_table(session) -> tuple[list[str], list[list]]``: the method's own export (headers, rows).
  Without it, the export is the session's comments with their method step.
- ``OWN_CAPTURE = True``: the method's panel has its own form for typing in contributions (it ties them to
  a heading or a topic), so the core's general "Type in a contribution" form is not shown.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from coproduce.engagement.models import Method

PACKAGES: dict[str, str] = {
    Method.SIX_HATS: "stepped",
    Method.ORID: "stepped",
    Method.KJ: "kj",
    Method.OPEN_SPACE: "open_space",
    Method.SPEED_DATING: "speed_dating",
    Method.BOARDSTORM: "boardstorm",
    Method.FORCE_FIELD: "force_field",
}


def package_of(method: str) -> str:
    return PACKAGES.get(method, "stepped")


def hooks(method: str) -> ModuleType | None:
    """The method package's hooks module, if it has one."""
    try:
        return import_module(f"coproduce.methods.{package_of(method)}.hooks")
    except ModuleNotFoundError as error:
        if error.name and error.name.startswith("coproduce.methods."):
            return None
        raise


def hook(method: str, name: str):
    module = hooks(method)
    return getattr(module, name, None) if module is not None else None


def templates(method: str, kind: str) -> list[str]:
    """Template names to try for ``kind`` (panel, present, summary, participant), the method's own first."""
    return [f"methods/{package_of(method)}/{kind}.html", f"methods/stepped/{kind}.html"]
