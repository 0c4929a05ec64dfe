"""Back office: import an event's comments from a CSV or Excel file.

Two steps. Upload reads the file and keeps its rows in the session (never on disk); map shows the first
rows, asks which column holds what, checks every row and saves all of them or none.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from coproduce.accounts.rules import authorise
from coproduce.core.navigation import event_crumbs as _crumbs
from coproduce.directory.models import Role
from coproduce.engagement import imports
from coproduce.engagement.import_forms import ImportMappingForm, ImportUploadForm
from coproduce.engagement.models import CommentSource, Event, MethodStep


def _session_key(event: Event) -> str:
    return f"comment_import:{event.pk}"


def _event(request: HttpRequest, pk: int) -> Event:
    event = get_object_or_404(Event.objects.select_related("area"), pk=pk)
    authorise(request.user, "engagement.manage_event", event)
    return event


@login_required
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    form = ImportUploadForm(request.POST, request.FILES) if request.method == "POST" else ImportUploadForm()
    if request.method == "POST" and form.is_valid():
        parsed: imports.ParsedFile = form.cleaned_data["parsed"]
        filename = form.cleaned_data["file"].name
        request.session[_session_key(event)] = {"filename": filename, **parsed.to_json()}
        return redirect("imports:map", pk=event.pk)
    return render(
        request,
        "engagement/import_upload.html",
        {
            "event": event,
            "area": event.area,
            "form": form,
            "max_megabytes": f"{settings.IMPORT_MAX_BYTES / (1024 * 1024):g}",
            "max_rows": settings.IMPORT_MAX_ROWS,
            "roles": Role.choices,
            "method_steps": MethodStep.choices,
            "sources": CommentSource.choices,
            "breadcrumbs": _crumbs(event),
        },
    )


@login_required
def map_columns(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    stored = request.session.get(_session_key(event))
    if not stored:
        messages.info(request, "Upload the file of comments first.")
        return redirect("imports:upload", pk=event.pk)
    parsed = imports.ParsedFile.from_json(stored)
    column_names = [parsed.column_name(i) for i in range(len(parsed.headers))]
    guess = {t: str(i) for t, i in imports.guess_mapping(parsed.headers).items() if i is not None}
    form = ImportMappingForm(
        request.POST if request.method == "POST" else None, column_names=column_names, initial=guess
    )
    problems: list[imports.ImportProblem] = []
    if request.method == "POST" and form.is_valid():
        mapping = form.mapping()
        result = imports.validate_rows(parsed, mapping)
        problems = result.problems
        if not problems:
            saved = imports.save_drafts(event=event, drafts=result.drafts, captured_by=request.user)
            del request.session[_session_key(event)]
            messages.success(request, f"{len(saved)} comment{'s' if len(saved) != 1 else ''} imported")
            return redirect(event)
    # Each problem links to the select that chose its column, since that is where a wrong choice is fixed.
    field_of_column = {}
    if form.is_bound and form.is_valid():
        field_of_column = {column_names[i]: t for t, i in form.mapping().items() if i is not None}
    problem_links = [(str(p), field_of_column.get(p.column or "", imports.TARGET_TEXT)) for p in problems]
    return render(
        request,
        "engagement/import_map.html",
        {
            "event": event,
            "area": event.area,
            "form": form,
            "filename": stored.get("filename", ""),
            "parsed": parsed,
            "column_names": column_names,
            "preview": parsed.rows[: imports.PREVIEW_ROWS],
            "row_count": len(parsed.rows),
            "problems": problem_links,
            "breadcrumbs": _crumbs(event),
        },
    )
