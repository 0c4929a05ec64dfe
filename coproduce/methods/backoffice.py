"""What the methods' own back-office views share: finding a session of their method (or a part of one: a
heading, a force, a group) that the user may run, going back to its page, rendering a page of theirs
within the session's breadcrumbs, and putting a form's problems in one line."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from coproduce.accounts.rules import MANAGE_EVENT, authorise
from coproduce.core.navigation import event_crumbs

from . import registry
from .models import MethodSession

Part = TypeVar("Part", bound=Model)


def session_to_run(request: HttpRequest, pk: int, method: str) -> MethodSession:
    """The session, if it runs ``method`` and the user may run the event's methods (404/403 otherwise)."""
    session = get_object_or_404(MethodSession.objects.select_related("event__area"), pk=pk, method=method)
    authorise(request.user, MANAGE_EVENT, session)
    return session


def part_to_run(request: HttpRequest, model: type[Part], pk: int, *related: str) -> Part:
    """A part of a session (``model`` has a ``session`` foreign key), if the user may run its session's
    event (404/403 otherwise); ``related`` are more relations to fetch with it."""
    part = get_object_or_404(model._default_manager.select_related("session__event__area", *related), pk=pk)
    authorise(request.user, MANAGE_EVENT, part.session)  # type: ignore[attr-defined]
    return part


def back_to(session: MethodSession, anchor: str = "") -> HttpResponse:
    """Back to the session's page, at ``anchor`` (the part of the panel the form was in)."""
    return redirect(session.get_absolute_url() + (f"#{anchor}" if anchor else ""))


def method_page(
    request: HttpRequest, template: str, session: MethodSession, context: dict, status: int = 200
) -> HttpResponse:
    """One of the method's own pages (``methods/<package>/<template>``), under the session's breadcrumbs."""
    crumbs = event_crumbs(session.event, (session.name, session.get_absolute_url()))
    context = {"session": session, "event": session.event, "breadcrumbs": crumbs, **context}
    return render(
        request, f"methods/{registry.get(session.method).package}/{template}", context, status=status
    )


def form_problems(form) -> str:
    """A form's errors in one line, for a message above the panel the form was in."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)
