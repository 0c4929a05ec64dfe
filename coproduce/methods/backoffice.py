"""What the methods' own back-office views share: finding a session of their method that the user may
run, going back to its page, and rendering a page of theirs within the session's breadcrumbs."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from coproduce.accounts.rules import authorise
from coproduce.core.navigation import event_crumbs

from .models import MethodSession
from .registry import package_of

MANAGE = "engagement.manage_event"


def session_to_run(request: HttpRequest, pk: int, method: str) -> MethodSession:
    """The session, if it runs ``method`` and the user may run the event's methods (404/403 otherwise)."""
    session = get_object_or_404(MethodSession.objects.select_related("event__area"), pk=pk, method=method)
    authorise(request.user, MANAGE, session)
    return session


def back_to(session: MethodSession, anchor: str) -> HttpResponse:
    return redirect(f"{session.get_absolute_url()}#{anchor}")


def method_page(
    request: HttpRequest, template: str, session: MethodSession, context: dict, status: int = 200
) -> HttpResponse:
    """One of the method's own pages (``methods/<package>/<template>``), under the session's breadcrumbs."""
    crumbs = event_crumbs(session.event, (session.name, session.get_absolute_url()))
    context = {"session": session, "event": session.event, "breadcrumbs": crumbs, **context}
    return render(request, f"methods/{package_of(session.method)}/{template}", context, status=status)


def add_validation_errors(form, error: ValidationError) -> None:
    """A service's refusal shown on the form: on its field where it names one, else above the form."""
    for name, problems in error.message_dict.items():
        form.add_error(name if name in form.fields else None, problems)
