"""Back office of the method sessions: start one, step the room through it, project it, summarise it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import select_template
from django.views.decorators.http import require_POST

from coproduce.accounts.rules import MANAGE_EVENT, VIEW_AREA, authorise
from coproduce.core.exports import FORMATS, Table, csv_response, xlsx_response
from coproduce.core.navigation import event_crumbs
from coproduce.engagement.models import Event

from . import registry, services
from .forms import CaptureForm, PromptsForm, SessionForm
from .models import MethodSession
from .selectors import comments_by_stage, prompt_for, session_comments
from .steps import step_of, steps_of


def _session(pk: int) -> MethodSession:
    return get_object_or_404(MethodSession.objects.select_related("event__area"), pk=pk)


def _method_context(session: MethodSession) -> dict:
    """What every view of a session shows: its stages, the current one, and the method's own context."""
    plugin = registry.get(session.method)
    return {
        "session": session,
        "event": session.event,
        "area": session.event.area,
        "steps": steps_of(session.method),
        "current": step_of(session.method, session.step),
        "prompt": prompt_for(session, step_of(session.method, session.step)),
        "seconds_left": session.seconds_left(),
        **plugin.hooks.panel_context(session),
    }


def _control_page(
    request: HttpRequest,
    session: MethodSession,
    *,
    capture_form: CaptureForm | None = None,
    prompts_form: PromptsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The facilitator's page of a session, with any form that came back with errors."""
    plugin = registry.get(session.method)
    context = _method_context(session)
    takes_comments = any(step.method_step for step in context["steps"]) and not plugin.own_capture
    context.update(
        panel_template=select_template(plugin.templates("panel")).template.name,
        capture_form=capture_form or (CaptureForm(session=session) if takes_comments else None),
        prompts_form=prompts_form or PromptsForm(session=session),
        breadcrumbs=event_crumbs(session.event),
    )
    return render(request, "methods/session.html", context, status=status)


def _present_context(session: MethodSession) -> dict:
    context = _method_context(session)
    context["present_template"] = select_template(
        registry.get(session.method).templates("present")
    ).template.name
    return context


def _crumbs(session: MethodSession, *more):
    return event_crumbs(session.event, (session.name, session.get_absolute_url()), *more)


@login_required
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("area"), pk=pk)
    authorise(request.user, MANAGE_EVENT, event)
    form = SessionForm(request.POST if request.method == "POST" else None, event=event)
    if request.method == "POST" and form.is_valid():
        session = services.session_create(event=event, user=request.user, **form.cleaned_data)
        messages.success(request, f"{session.name} is ready. Start its first stage when the room is.")
        return redirect(session)
    return render(
        request,
        "methods/session_form.html",
        {"form": form, "event": event, "area": event.area, "breadcrumbs": event_crumbs(event)},
    )


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    authorise(request.user, MANAGE_EVENT, session)
    return _control_page(request, session)


@require_POST
@login_required
def session_step(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    authorise(request.user, MANAGE_EVENT, session)
    action = request.POST.get("action", "go")
    try:
        if action == "finish":
            services.session_finish(session=session)
            messages.success(request, f"{session.name} has finished. Participants can no longer add to it.")
        elif action == "reopen":
            services.session_reopen(session=session)
            messages.success(request, f"{session.name} is running again.")
        else:
            services.session_go_to(session=session, step=request.POST.get("step", ""))
            messages.success(request, f"The room is now at: {step_of(session.method, session.step).label}.")  # type: ignore[union-attr]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(
        request.POST.get("next") == "present" and "methods:present" or "methods:session", pk=session.pk
    )


@require_POST
@login_required
def session_capture(request: HttpRequest, pk: int) -> HttpResponse:
    """A facilitator types in what a participant wrote on paper."""
    session = _session(pk)
    authorise(request.user, MANAGE_EVENT, session)
    form = CaptureForm(request.POST, session=session)
    if form.is_valid():
        step = step_of(session.method, form.cleaned_data["step"])
        services.facilitator_contribute(
            session=session,
            text=form.cleaned_data["text"],
            role=form.cleaned_data["role"],
            method_step=step.method_step if step else "",
            user=request.user,
        )
        messages.success(request, "Saved.")
        return redirect(session)
    return _control_page(request, session, capture_form=form, status=400)


@login_required
def session_stage_feed(request: HttpRequest, pk: int) -> HttpResponse:
    """What the room has said at each stage, for the facilitator's page to refresh."""
    session = _session(pk)
    authorise(request.user, MANAGE_EVENT, session)
    return render(request, "methods/includes/stages.html", {"stages": comments_by_stage(session)})


@require_POST
@login_required
def session_prompts(request: HttpRequest, pk: int) -> HttpResponse:
    """The facilitators reword the questions of the stages (ORID's are meant to be written for the room)."""
    session = _session(pk)
    authorise(request.user, MANAGE_EVENT, session)
    form = PromptsForm(request.POST, session=session)
    if form.is_valid():
        services.session_prompts_set(session=session, prompts=form.prompts())
        messages.success(request, "The questions have been saved.")
        return redirect(session)
    return _control_page(request, session, prompts_form=form, status=400)


@login_required
def session_present(request: HttpRequest, pk: int) -> HttpResponse:
    """The projector: large type, the join code, the stage, the clock, and what is coming in."""
    session = _session(pk)
    authorise(request.user, MANAGE_EVENT, session)
    return render(request, "methods/present.html", _present_context(session))


@login_required
def session_present_feed(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    authorise(request.user, MANAGE_EVENT, session)
    return render(request, "methods/includes/present_body.html", _present_context(session))


@login_required
def session_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable record of the session: everything contributed, by stage."""
    session = _session(pk)
    authorise(request.user, VIEW_AREA, session)
    context = _method_context(session)
    context.update(
        summary_template=select_template(registry.get(session.method).templates("summary")).template.name,
        breadcrumbs=_crumbs(session),
    )
    return render(request, "methods/summary.html", context)


def export_table(session: MethodSession) -> Table:
    own = registry.get(session.method).hooks.export_table
    if own is not None:
        headers, rows = own(session)
        return Table(session.name, headers, rows)
    return Table(
        session.name,
        ["Comment id", "Time", "Stage", "Role", "Text"],
        (
            [
                c.pk,
                c.created_at.isoformat(timespec="seconds"),
                c.get_method_step_display(),
                c.get_author_role_display(),
                c.text,
            ]
            for c in session_comments(session)
        ),
    )


@login_required
def session_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    session = _session(pk)
    authorise(request.user, VIEW_AREA, session)
    if fmt not in FORMATS:
        raise Http404("No such format")
    filename = f"{session.event.area.slug}-{session.method}-{session.pk}.{fmt}"
    table = export_table(session)
    return csv_response(filename, table) if fmt == "csv" else xlsx_response(filename, [table])
