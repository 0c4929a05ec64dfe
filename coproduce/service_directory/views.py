"""Back office: an area's service directory, an organisation's listing, proposing a service or a change to
one, the facilitator's review (approve, or send back with a reason), and importing a feed."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from coproduce.accounts.rules import (
    IMPORT_SERVICES,
    PROPOSE_LISTING,
    REVIEW_LISTING,
    VIEW_SERVICES,
    authorise,
)
from coproduce.core.forms import add_service_errors
from coproduce.core.history import history_rows
from coproduce.core.navigation import area_crumbs
from coproduce.directory.models import Organisation, OrganisationKind
from coproduce.programmes.models import Area
from coproduce.service_directory import imports, oruk, presenters, selectors, services
from coproduce.service_directory.forms import ImportForm, SendBackForm, ServiceForm
from coproduce.service_directory.models import ChangeStatus, Service, ServiceChange

LISTING_KINDS = (OrganisationKind.VCS, OrganisationKind.CHILDRENS_CENTRE)


def _crumbs(area: Area, *more: tuple[str, str]) -> list[tuple[str, str]]:
    return area_crumbs(area, ("Services", reverse("service_directory:area", args=[area.slug])), *more)


def _published_json(service: Service) -> dict | None:
    if not service.is_published:
        return None
    return oruk.service_json(selectors.with_everything(Service.objects.filter(pk=service.pk)).get())


@login_required
def area_services(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, VIEW_SERVICES, area)
    organisations = (
        Organisation.objects.filter(area=area, kind__in=LISTING_KINDS)
        .prefetch_related("services__changes")
        .order_by("name")
    )
    return render(
        request,
        "service_directory/area.html",
        {
            "area": area,
            "organisations": organisations,
            "pending": selectors.changes_to_review(area).count(),
            "can_review": request.user.has_perm(REVIEW_LISTING, area),
            "can_import": request.user.has_perm(IMPORT_SERVICES, area),
            "breadcrumbs": area_crumbs(area),
        },
    )


@login_required
def organisation_services(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("area"), pk=pk)
    authorise(request.user, VIEW_SERVICES, organisation)
    return render(
        request,
        "service_directory/organisation.html",
        {
            "organisation": organisation,
            "services": selectors.organisation_services(organisation),
            "can_propose": request.user.has_perm(PROPOSE_LISTING, organisation),
            "breadcrumbs": _crumbs(organisation.area),
        },
    )


def _service_form_page(
    request: HttpRequest, *, organisation: Organisation, service: Service | None
) -> HttpResponse:
    pending = selectors.pending_change(service) if service else None
    base = pending.proposed if pending else (_published_json(service) if service else None)
    if base is None and service is not None:
        base = service.changes.order_by("-submitted_at").values_list("proposed", flat=True).first()
    form = ServiceForm(request.POST or None, initial=ServiceForm.initial_from(base) if base else None)
    if request.method == "POST" and form.is_valid():
        data = form.to_oruk(
            base=base,
            service_id=service.id if service else uuid.uuid4(),
            organisation_id=str(oruk.organisation_uuid(organisation)),
        )
        try:
            change = services.service_propose(organisation=organisation, data=data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"“{change.service.name}” is sent for review. It is published once a facilitator approves it.",
            )
            return redirect("service_directory:service", pk=change.service.pk)
    heading = f"Change “{service.name}”" if service else "List a service"
    return render(
        request,
        "service_directory/service_form.html",
        {
            "form": form,
            "organisation": organisation,
            "service": service,
            "heading": heading,
            "pending": pending,
            "cancel": reverse("service_directory:service", args=[service.pk])
            if service
            else reverse("service_directory:organisation", args=[organisation.pk]),
            "breadcrumbs": _crumbs(
                organisation.area,
                (organisation.name, reverse("service_directory:organisation", args=[organisation.pk])),
            ),
        },
    )


@login_required
def service_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("area"), pk=pk)
    authorise(request.user, PROPOSE_LISTING, organisation)
    return _service_form_page(request, organisation=organisation, service=None)


@login_required
def service_edit(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    service = get_object_or_404(Service.objects.select_related("organisation__area"), pk=pk)
    authorise(request.user, PROPOSE_LISTING, service)
    return _service_form_page(request, organisation=service.organisation, service=service)


@login_required
def service_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    service = get_object_or_404(Service.objects.select_related("organisation__area"), pk=pk)
    authorise(request.user, VIEW_SERVICES, service)
    changes = list(
        service.changes.select_related("submitted_by", "reviewed_by").order_by("-submitted_at")[:10]
    )
    pending = next((c for c in changes if c.status == ChangeStatus.PENDING), None)
    return render(
        request,
        "service_directory/service.html",
        {
            "service": service,
            "organisation": service.organisation,
            "published": presenters.summary_rows(_published_json(service)),
            "pending": pending,
            "changes": changes,
            "can_propose": request.user.has_perm(PROPOSE_LISTING, service),
            "can_review": request.user.has_perm(REVIEW_LISTING, service),
            "history": history_rows(service.history.select_related("history_user").all()),
            "breadcrumbs": _crumbs(
                service.area,
                (
                    service.organisation.name,
                    reverse("service_directory:organisation", args=[service.organisation_id]),
                ),
            ),
        },
    )


@login_required
def reviews(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, REVIEW_LISTING, area)
    return render(
        request,
        "service_directory/reviews.html",
        {"area": area, "changes": selectors.changes_to_review(area), "breadcrumbs": _crumbs(area)},
    )


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    change = get_object_or_404(
        ServiceChange.objects.select_related("service__organisation__area", "submitted_by"), pk=pk
    )
    authorise(request.user, REVIEW_LISTING, change)
    form = SendBackForm(request.POST or None)
    if request.method == "POST" and change.status == ChangeStatus.PENDING and form.is_valid():
        try:
            if request.POST.get("decision") == "approve":
                services.service_change_approve(change=change, by=request.user)
                messages.success(request, f"“{change.proposed['name']}” is approved and published.")
            elif request.POST.get("decision") == "send_back":
                services.service_change_send_back(
                    change=change, by=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(
                    request, f"“{change.proposed['name']}” is sent back to {change.service.organisation}."
                )
            else:
                raise ValidationError("Choose to approve the change or to send it back.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("service_directory:reviews", slug=change.area.slug)
    published = _published_json(change.service)
    return render(
        request,
        "service_directory/review.html",
        {
            "change": change,
            "form": form,
            "rows": presenters.compared(published, change.proposed),
            "is_new": published is None,
            "breadcrumbs": _crumbs(
                change.area,
                ("Changes to review", reverse("service_directory:reviews", args=[change.area.slug])),
            ),
        },
    )


@login_required
def import_feed(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, IMPORT_SERVICES, area)
    organisations = Organisation.objects.filter(area=area, kind__in=LISTING_KINDS).order_by("name")
    form = ImportForm(request.POST or None, request.FILES or None, organisations=organisations)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["feed"]
        if upload.size > imports.MAX_BYTES:
            form.add_error("feed", f"The file must be smaller than {imports.MAX_BYTES // 1_000_000} MB")
        else:
            result = imports.import_upload(
                area=area,
                default_organisation=form.cleaned_data["organisation"],
                name=upload.name,
                content=upload.read(),
                publish=form.cleaned_data["publish"],
            )
            if result.problems:
                problems = result.problems
                form.add_error(
                    "feed",
                    f"The file was not imported: {len(problems)} problems, listed below. Nothing was changed.",
                )
            else:
                messages.success(request, f"Imported {result.services} services. {result.summary()}")
                return redirect("service_directory:area", slug=area.slug)
    return render(
        request,
        "service_directory/import.html",
        {
            "area": area,
            "form": form,
            "problems": problems[:200],
            "more": max(0, len(problems) - 200),
            "breadcrumbs": _crumbs(area),
        },
    )
