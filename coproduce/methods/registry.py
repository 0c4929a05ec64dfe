"""The workshop methods a session can run, and the contract each one meets (``MethodPlugin``).

A method is a package under ``coproduce/methods/`` with a ``plugin`` module holding one ``MethodPlugin``;
adding a method is that package plus one line in ``METHODS``. The core asks the registry, never a
method's modules, for what the method provides: its stages, the participant's page, the facilitator's
panel context, its export, whether it captures contributions itself, and its URLs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

from django.urls import URLResolver, include, path
from django.utils.module_loading import import_string

from coproduce.engagement.models import Method

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from coproduce.directory.models import Person

    from .models import MethodSession
    from .steps import Step

# One line per method, in the order the facilitator is offered them: the dotted name of its plugin.
METHODS: Sequence[str] = (
    "coproduce.methods.stepped.plugin.SIX_HATS",
    "coproduce.methods.stepped.plugin.ORID",
    "coproduce.methods.kj.plugin.KJ",
    "coproduce.methods.open_space.plugin.OPEN_SPACE",
    "coproduce.methods.speed_dating.plugin.SPEED_DATING",
    "coproduce.methods.boardstorm.plugin.BOARDSTORM",
    "coproduce.methods.force_field.plugin.FORCE_FIELD",
)

ExportTable = tuple[list[str], list[list]]


class MethodHooks(Protocol):
    """What a method's pages are made of: its package's ``hooks`` module (mypy checks the module)."""

    def participant(self, request: HttpRequest, session: MethodSession, person: Person) -> HttpResponse:
        """The participant's page on a phone (GET and POST) while the session runs."""

    def panel_context(self, session: MethodSession) -> dict:
        """Extra context for its facilitator's panel, projector and printable summary templates."""

    @property
    def export_table(self) -> Callable[[MethodSession], ExportTable] | None:
        """Its own export as (headers, rows); None: the session's comments with their stage."""


@dataclass(frozen=True)
class MethodPlugin:
    """What a workshop method provides to the core.

    - ``key`` is stored on ``MethodSession.method``; ``label`` is how the facilitator is offered it
      (by default, the label of its ``Method`` choice).
    - ``steps``: its stages, in order (the session's ``step`` holds one's key).
    - ``hooks``: its participant page, panel context and export (see ``MethodHooks``).
    - ``own_capture``: its panel has its own forms for typing in contributions (tying them to a heading
      or a topic), so the core's general "Type in a contribution" form is not shown.
    - ``facilitator_urls`` / ``public_urls``: URLconf modules (each with an ``app_name``) included under
      /manage/ and at / respectively.
    - ``package`` names its templates (by default, its key): ``methods/<package>/{panel,present,summary}
      .html`` are the facilitator's page, the projector and the summary when they exist (else the
      stepped ones).
    """

    key: str
    steps: tuple[Step, ...]
    hooks: MethodHooks
    own_capture: bool = False
    facilitator_urls: ModuleType | None = None
    public_urls: ModuleType | None = None
    label: str = ""
    package: str = ""

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", Method(self.key).label)
        if not self.package:
            object.__setattr__(self, "package", self.key)

    def templates(self, kind: str) -> list[str]:
        """Template names to try for ``kind`` (panel, present, summary), the method's own first."""
        return [f"methods/{self.package}/{kind}.html", f"methods/stepped/{kind}.html"]


@cache
def plugins() -> dict[str, MethodPlugin]:
    """Every registered method by key. Loaded on first use, not at import: the plugins import the
    methods' views and services, which import this module."""
    found: dict[str, MethodPlugin] = {}
    for name in METHODS:
        plugin = import_string(name)
        if not isinstance(plugin, MethodPlugin):
            raise TypeError(f"{name} is a {type(plugin).__name__}, not a MethodPlugin")
        if plugin.key in found:
            raise ValueError(f"Two methods are registered as “{plugin.key}”")
        found[plugin.key] = plugin
    return found


def plugin_of(method: str) -> MethodPlugin | None:
    return plugins().get(method)


def get(method: str) -> MethodPlugin:
    """The plugin of a session's method; a session of a method no longer registered is not found."""
    from django.http import Http404

    found = plugin_of(method)
    if found is None:
        raise Http404(f"No workshop method {method!r}")
    return found


def _includes(modules: list[ModuleType | None]) -> list[URLResolver]:
    # Two methods may share a package (six hats and ORID): include its URLs once.
    return [path("", include(module)) for module in dict.fromkeys(modules) if module]


def facilitator_urls() -> list[URLResolver]:
    """The methods' own back-office URLs, for /manage/."""
    return _includes([plugin.facilitator_urls for plugin in plugins().values()])


def public_urls() -> list[URLResolver]:
    """The methods' own public URLs, for the participants' side of the site."""
    return _includes([plugin.public_urls for plugin in plugins().values()])
