"""Back office: import an event's comments from a CSV or Excel file.

Three steps. Upload checks the file and keeps it on disk as an ImportJob (the session holds only the
job's id); map reads the file again, shows the first rows, asks which column holds what and checks every
row; the import itself runs in the task worker, and a progress page refreshes until it is done. All the
rows are saved or none.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from coproduce.accounts.rules import MANAGE_EVENT, authorise
from coproduce.core.heartbeat import fail_stale_work
from coproduce.core.navigation import event_crumbs as _crumbs
from coproduce.directory.models import Role
from coproduce.engagement import import_services, imports
from coproduce.engagement.import_forms import ImportMappingForm, ImportUploadForm
from coproduce.engagement.models import CommentSource, Event, ImportJob, ImportStatus, MethodStep

REFRESH_SECONDS = 2


def _session_key(event: Event) -> str:
    return f"comment_import:{event.pk}"


def _event(request: HttpRequest, pk: int) -> Event:
    event = get_object_or_404(Event.objects.select_related("area"), pk=pk)
    authorise(request.user, MANAGE_EVENT, event)
    return event


def _job(request: HttpRequest, event: Event, *, statuses: tuple[str, ...] | None = None) -> ImportJob | None:
    """The job this browser started for this event (never another event's, whatever the session says)."""
    job_id = request.session.get(_session_key(event))
    if not isinstance(job_id, int):
        return None
    jobs = ImportJob.objects.filter(pk=job_id, event=event).select_related("event")
    if statuses:
        jobs = jobs.filter(status__in=statuses)
    return jobs.first()


@login_required
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    form = ImportUploadForm(request.POST, request.FILES) if request.method == "POST" else ImportUploadForm()
    if request.method == "POST" and form.is_valid():
        job = import_services.import_job_create(
            event=event,
            created_by=request.user,
            filename=form.cleaned_data["file"].name,
            data=form.cleaned_data["data"],
        )
        request.session[_session_key(event)] = job.pk
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
    job = _job(request, event, statuses=(ImportStatus.UPLOADED,))
    if job is None:
        messages.info(request, "Upload the file of comments first.")
        return redirect("imports:upload", pk=event.pk)
    try:
        parsed = import_services.import_job_parsed(job)
    except imports.ImportFileError as exc:
        messages.info(request, str(exc.problem))
        return redirect("imports:upload", pk=event.pk)
    column_names = [parsed.column_name(i) for i in range(len(parsed.headers))]
    guessed = imports.guess_mapping(parsed.headers)
    guess = {t: str(i) for t, i in guessed.items() if i is not None}
    form = ImportMappingForm(
        request.POST if request.method == "POST" else None, column_names=column_names, initial=guess
    )
    problems: list[imports.ImportProblem] = []
    copies = None
    if request.method == "POST" and form.is_valid():
        mapping = form.mapping()
        result = imports.validate_rows(parsed, mapping)
        problems = result.problems
        if not problems:
            copies = import_services.import_job_copies(job, result.drafts)
            # Copies found and not yet answered for: show them and ask (skipping is chosen already).
            if not copies.count or "copies" in request.POST:
                import_services.import_job_start(job=job, mapping=mapping, skip_copies=form.skip_copies())
                return redirect("imports:progress", pk=event.pk)
    elif request.method != "POST" and all(guessed.get(t) is not None for t in imports.REQUIRED_TARGETS):
        result = imports.validate_rows(parsed, guessed)
        copies = import_services.import_job_copies(job, result.drafts)
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
            "filename": job.filename,
            "parsed": parsed,
            "column_names": column_names,
            "preview": parsed.rows[: imports.PREVIEW_ROWS],
            "row_count": len(parsed.rows),
            "problems": problem_links,
            "copies": copies if copies and (copies.count or copies.same_file) else None,
            "breadcrumbs": _crumbs(event),
        },
    )


@login_required
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """How the import goes; POST starts again, from the kept file, an import whose worker stopped."""
    event = _event(request, pk)
    fail_stale_work()  # an import whose worker vanished says so here, rather than "importing" for good
    job = _job(request, event)
    if job is None or job.status == ImportStatus.UPLOADED:
        return redirect("imports:upload", pk=event.pk)
    if request.method == "POST":
        if not import_services.import_job_restart(job=job):
            messages.info(request, "This import cannot be started again as it is. Upload the file again.")
        return redirect("imports:progress", pk=event.pk)
    if job.status == ImportStatus.DONE:
        del request.session[_session_key(event)]  # so the same import cannot be run twice by accident
        n = job.created_count
        skipped = f"; {job.skipped_count} already imported, skipped" if job.skipped_count else ""
        messages.success(request, f"{n} comment{'s' if n != 1 else ''} imported{skipped}")
        return redirect(event)
    response = render(
        request,
        "engagement/import_progress.html",
        {"event": event, "area": event.area, "job": job, "breadcrumbs": _crumbs(event)},
    )
    if job.status in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        # A refresh header, not JavaScript: the page reloads itself until the worker is done.
        response["Refresh"] = str(REFRESH_SECONDS)
    return response
