"""Back office: an area's commissioning processes, their milestones, timeline, calendar and OCDS data."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coproduce.accounts.rules import CHANGE_COMMISSIONING, PUBLISH_OCDS, VIEW_COMMISSIONING, authorise
from coproduce.commissioning import calendar, selectors, services
from coproduce.commissioning.forms import MilestoneForm, ProcessForm
from coproduce.commissioning.models import CommissioningProcess, Milestone
from coproduce.commissioning.ocds import releases as ocds
from coproduce.core.forms import add_service_errors
from coproduce.core.history import history_rows
from coproduce.core.navigation import commissioning_crumbs
from coproduce.programmes.models import Area

PROCESSES = CommissioningProcess.objects.select_related("area", "buyer", "supplier")


@login_required
def process_list(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, VIEW_COMMISSIONING, area)
    return render(
        request,
        "commissioning/process_list.html",
        {
            "area": area,
            "processes": selectors.area_processes(area),
            "can_change": request.user.has_perm(CHANGE_COMMISSIONING, area),
            "breadcrumbs": commissioning_crumbs(area)[:2],
        },
    )


def _process_form_page(request, area, form, heading, cancel, status=200):
    return render(
        request,
        "commissioning/form.html",
        {
            "form": form,
            "area": area,
            "heading": heading,
            "cancel": cancel,
            "breadcrumbs": commissioning_crumbs(area),
        },
        status=status,
    )


@login_required
def process_create(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, CHANGE_COMMISSIONING, area)
    form = ProcessForm(request.POST if request.method == "POST" else None, area=area)
    if request.method == "POST" and form.is_valid():
        try:
            process = services.process_create(area=area, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Commissioning process saved. Add its milestones next.")
            return redirect(process)
    cancel = reverse("commissioning:list", args=[area.slug])
    return _process_form_page(
        request, area, form, "Start a commissioning process", cancel, 400 if form.is_bound else 200
    )


@login_required
def process_edit(request: HttpRequest, pk: int) -> HttpResponse:
    process = get_object_or_404(PROCESSES, pk=pk)
    authorise(request.user, CHANGE_COMMISSIONING, process)
    form = ProcessForm(
        request.POST if request.method == "POST" else None, instance=process, area=process.area
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.process_update(process=process, **form.cleaned_data)
        except ValidationError as error:
            process.refresh_from_db()
            add_service_errors(form, error)
        else:
            messages.success(request, "Commissioning process updated.")
            return redirect(process)
    return _process_form_page(
        request,
        process.area,
        form,
        "Edit commissioning process",
        process.get_absolute_url(),
        400 if form.is_bound else 200,
    )


def _detail_context(request: HttpRequest, process: CommissioningProcess) -> dict:
    milestones = selectors.process_milestones(process)
    return {
        "process": process,
        "area": process.area,
        "milestones": milestones,
        "warnings": selectors.process_warnings(process, milestones),
        "timeline": selectors.process_timeline(process, milestones),
        "ocid": ocds.process_ocid(process),
        "ocid_placeholder": ocds.ocid_prefix() == ocds.PLACEHOLDER_PREFIX,
        "releases": ocds.process_releases(process),
        # The options appraisal's preferred option for this process: linked by the appraisal app, later.
        "chosen_option": selectors.chosen_option(process),
        "can_change": request.user.has_perm(CHANGE_COMMISSIONING, process),
        "can_publish": request.user.has_perm(PUBLISH_OCDS, process),
        "breadcrumbs": commissioning_crumbs(process.area),
    }


@login_required
def process_detail(request: HttpRequest, pk: int) -> HttpResponse:
    process = get_object_or_404(PROCESSES, pk=pk)
    authorise(request.user, VIEW_COMMISSIONING, process)
    context = _detail_context(request, process)
    context["proposals"] = process.proposals.all()
    context["history"] = history_rows(process.history.select_related("history_user"))
    return render(request, "commissioning/process_detail.html", context)


@login_required
def process_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    """The timeline on a page of its own, to print or to show at a meeting."""
    process = get_object_or_404(PROCESSES, pk=pk)
    authorise(request.user, VIEW_COMMISSIONING, process)
    context = _detail_context(request, process)
    context["breadcrumbs"] = commissioning_crumbs(process.area, (process.title, process.get_absolute_url()))
    return render(request, "commissioning/process_timeline.html", context)


@login_required
def process_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    process = get_object_or_404(PROCESSES, pk=pk)
    authorise(request.user, VIEW_COMMISSIONING, process)
    response = HttpResponse(calendar.calendar_bytes(process.title, [process]), content_type="text/calendar")
    response["Content-Disposition"] = f'inline; filename="commissioning-{process.pk}.ics"'
    return response


def _json(document: dict, filename: str) -> HttpResponse:
    response = HttpResponse(ocds.dumps(document), content_type="application/json")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
def process_release_package(request: HttpRequest, pk: int) -> HttpResponse:
    """The process's releases as they would be published, whether or not they are."""
    process = get_object_or_404(PROCESSES, pk=pk)
    authorise(request.user, VIEW_COMMISSIONING, process)
    return _json(ocds.release_package(process.area, [process]), f"{ocds.process_ocid(process)}-releases.json")


@login_required
def process_record_package(request: HttpRequest, pk: int) -> HttpResponse:
    process = get_object_or_404(PROCESSES, pk=pk)
    authorise(request.user, VIEW_COMMISSIONING, process)
    return _json(ocds.record_package(process.area, [process]), f"{ocds.process_ocid(process)}-record.json")


@login_required
@require_POST
def process_publish(request: HttpRequest, pk: int) -> HttpResponse:
    process = get_object_or_404(PROCESSES, pk=pk)
    authorise(request.user, PUBLISH_OCDS, process)
    publish = request.POST.get("publish") == "yes"
    services.process_publish(process=process, publish=publish)
    if publish:
        where = "" if process.area.is_published else " once the area itself is published"
        messages.success(request, f"Published: its Open Contracting data is on the public site{where}.")
    else:
        messages.success(request, "Unpublished: its Open Contracting data is no longer on the public site.")
    return redirect(process)


def _milestone_page(request, process, form, heading, status=200):
    return render(
        request,
        "commissioning/form.html",
        {
            "form": form,
            "area": process.area,
            "heading": heading,
            "cancel": process.get_absolute_url(),
            "breadcrumbs": commissioning_crumbs(process.area, (process.title, process.get_absolute_url())),
        },
        status=status,
    )


@login_required
def milestone_create(request: HttpRequest, pk: int) -> HttpResponse:
    process = get_object_or_404(PROCESSES, pk=pk)
    authorise(request.user, CHANGE_COMMISSIONING, process)
    form = MilestoneForm(request.POST if request.method == "POST" else None, area=process.area)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_create(process=process, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Milestone added.")
            return redirect(process)
    return _milestone_page(
        request, process, form, f"Add a milestone to “{process.title}”", 400 if form.is_bound else 200
    )


@login_required
def milestone_edit(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone.objects.select_related("process__area"), pk=pk)
    authorise(request.user, CHANGE_COMMISSIONING, milestone)
    process = milestone.process
    form = MilestoneForm(
        request.POST if request.method == "POST" else None, instance=milestone, area=process.area
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_update(milestone=milestone, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Milestone updated.")
            return redirect(process)
    return _milestone_page(request, process, form, "Edit milestone", 400 if form.is_bound else 200)
